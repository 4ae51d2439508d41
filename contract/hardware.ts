import { z } from 'zod';

/**
 * Typed events every shelf driver emits (shelf-node, Firmata, simulator).
 * `rxAt` is the wall-clock ms (with sub-ms precision) when the host read the bytes that
 * produced the event; the benchmark uses it to split latency into stages.
 */
export type BoardHealthState = 'connected' | 'degraded' | 'lost' | 'recovered';

export type ShelfEvent =
  | { kind: 'lift'; boardId: string; channel: number; rxAt: number }
  | { kind: 'put'; boardId: string; channel: number; rxAt: number }
  | { kind: 'weight'; boardId: string; channel: number; grams: number; rxAt: number }
  | { kind: 'health'; boardId: string; state: BoardHealthState; detail?: string; rxAt: number }
  | { kind: 'hello'; boardId: string; firmware: string; channels: number; rxAt: number }
  | { kind: 'protocol-error'; boardId: string; error: ProtocolErrorKind; detail: string; rxAt: number };

export const PROTOCOL_ERROR_KINDS = ['bad-crc', 'too-long', 'garbage', 'bad-fields', 'unknown-type', 'seq-gap', 'unknown-channel', 'board-error'] as const;
export type ProtocolErrorKind = (typeof PROTOCOL_ERROR_KINDS)[number];

export const HardwareModeSchema = z.enum(['sim', 'serial']);
export type HardwareMode = z.infer<typeof HardwareModeSchema>;

/** Per-board configuration persisted by the service. */
export const BoardConfigSchema = z.object({
  boardId: z.string().min(1).max(64),
  protocol: z.enum(['shelf-node', 'firmata']),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(115200),
});
export type BoardConfig = z.infer<typeof BoardConfigSchema>;
