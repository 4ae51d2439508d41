import { z } from 'zod';

/** Launcher/shell → service: ask for a URL carrying a fresh bootstrap code. */
export const BootRequestSchema = z.object({ type: z.literal('boot-request'), id: z.number().int(), pathname: z.string().startsWith('/').max(64).optional() });
export type BootRequest = z.infer<typeof BootRequestSchema>;

/** Supervisor → service: health events were queued on disk (health-queue.ts); record them now. */
export const HealthFlushSchema = z.object({ type: z.literal('health-flush') });

/** Every message a launcher/shell sends the service. */
export const ChildMessageSchema = z.discriminatedUnion('type', [BootRequestSchema, HealthFlushSchema]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;

/** Service → launcher/shell messages. */
export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), port: z.number().int() }),
  z.object({ type: z.literal('boot-url'), id: z.number().int(), url: z.string().url() }),
  /** A shopper screen's heartbeat, forwarded to the supervisor's watchdog (issue 14). */
  z.object({ type: z.literal('screen-beat'), screen: z.string().max(16), longTaskMs: z.number().nonnegative() }),
  /** What a release trial checks besides "up" and "painted": boards seen, platform reached (since this start). */
  z.object({ type: z.literal('health'), boardsSeen: z.boolean(), platformReached: z.boolean() }),
  /** A verified release is unpacked in `dir` and no shopper session is open: switch to it now. */
  z.object({ type: z.literal('update-apply'), seq: z.number().int().positive(), version: z.string().max(32), dir: z.string().max(4096) }),
  /** A release is staged but a shopper is using the kiosk. */
  z.object({ type: z.literal('update-waiting'), seq: z.number().int().positive() }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;
