import { z } from 'zod';

/** Launcher/shell → service: ask for a URL carrying a fresh bootstrap code. */
export const BootRequestSchema = z.object({ type: z.literal('boot-request'), id: z.number().int(), pathname: z.string().startsWith('/').max(64).optional() });
export type BootRequest = z.infer<typeof BootRequestSchema>;

/** Service → launcher/shell messages. */
export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), port: z.number().int() }),
  z.object({ type: z.literal('boot-url'), id: z.number().int(), url: z.string().url() }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;
