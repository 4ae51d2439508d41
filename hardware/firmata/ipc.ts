import { z } from 'zod';
import { PROTOCOL_ERROR_KINDS } from '../../contract/hardware.ts';
import { ChildConfigSchema } from './config.ts';

/** Parent → child. */
export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), config: ChildConfigSchema }),
  z.object({ type: z.literal('probe'), probeId: z.number().int() }),
  z.object({ type: z.literal('stop') }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;
export type ParentMessageInput = z.input<typeof ParentMessageSchema>;

/** Child → parent. Times are host wall-clock ms (preciseNow) when the bytes were read. */
export const ChildMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), at: z.number() }),
  z.object({ type: z.literal('ready'), firmware: z.string().max(128), version: z.string().max(16), rxAt: z.number() }),
  z.object({ type: z.literal('level'), channel: z.number().int(), present: z.boolean(), since: z.number(), initial: z.boolean(), acceptedAt: z.number() }),
  z.object({ type: z.literal('alive'), probeId: z.number().int(), rxAt: z.number() }),
  z.object({ type: z.literal('protocol-error'), error: z.enum(PROTOCOL_ERROR_KINDS), detail: z.string().max(256), count: z.number().int().positive(), rxAt: z.number() }),
  z.object({ type: z.literal('rx'), at: z.number(), base64: z.string().max(65_536) }),
  z.object({ type: z.literal('closed'), reason: z.string().max(256) }),
  z.object({ type: z.literal('open-failed'), reason: z.string().max(256) }),
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), msg: z.string().max(1024) }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;
