import { z } from 'zod';

/**
 * Per-slot wiring of a Firmata board. Pins are Arduino pin numbers (A0 = 14 on an Uno).
 * Polarity is configured per slot, never assumed: a pick-up switch on INPUT_PULLUP reads
 * 0 while the product presses it, so `presentLevel: 0, pullup: true` is the usual entry.
 */
export const SwitchSlotSchema = z.object({
  channel: z.number().int().min(0).max(255),
  kind: z.literal('switch'),
  pin: z.number().int().min(2).max(127),
  pullup: z.boolean().default(true),
  /** Raw level that means "product on the slot". */
  presentLevel: z.union([z.literal(0), z.literal(1)]).default(0),
});

export const AnalogSlotSchema = z.object({
  channel: z.number().int().min(0).max(255),
  kind: z.literal('analog'),
  pin: z.number().int().min(0).max(127),
  /** 10-bit reading (0…1023) between "present" and "absent". */
  threshold: z.number().min(0).max(1023),
  /** Width of the dead band around the threshold. */
  hysteresis: z.number().min(0).max(1023).default(40),
  /** FSR under the product reads higher when loaded; a covered light sensor reads lower. */
  presentWhen: z.enum(['above', 'below']).default('above'),
});

export const SlotConfigSchema = z.discriminatedUnion('kind', [SwitchSlotSchema, AnalogSlotSchema]);
export type SlotConfig = z.infer<typeof SlotConfigSchema>;
export type SlotConfigInput = z.input<typeof SlotConfigSchema>;

/** What the supervised child needs to run one board (sent over IPC, validated there). */
export const ChildConfigSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(57600),
  slots: z.array(SlotConfigSchema).max(64),
  holdMs: z.number().min(0).max(1000).default(30),
  /** Ask for the version/firmware this often until the board answers (it may be booting). */
  handshakeRetryMs: z.number().int().min(20).max(5000).default(250),
  /** johnny-five Sensor reporting interval, ms. */
  sensorFreqMs: z.number().int().min(5).max(1000).default(25),
  /** Send raw rx chunks to the parent for the flight recorder. */
  recordRaw: z.boolean().default(false),
  pinCount: z.number().int().min(1).max(128).default(20),
  analogPins: z.array(z.number().int().min(0).max(127)).max(16).default([14, 15, 16, 17, 18, 19]),
});
export type ChildConfig = z.infer<typeof ChildConfigSchema>;

/** Checks slot pins against the board: unique channels and pins, analog slots on analog pins. */
export function checkSlots(slots: readonly SlotConfig[], pinCount: number, analogPins: readonly number[]): string[] {
  const problems: string[] = [];
  const channels = new Set<number>();
  const pins = new Set<number>();
  for (const slot of slots) {
    if (channels.has(slot.channel)) problems.push(`channel ${slot.channel} used twice`);
    if (pins.has(slot.pin)) problems.push(`pin ${slot.pin} used twice`);
    channels.add(slot.channel);
    pins.add(slot.pin);
    if (slot.pin >= pinCount) problems.push(`pin ${slot.pin} beyond the board's ${pinCount} pins`);
    if (slot.kind === 'analog' && !analogPins.includes(slot.pin)) problems.push(`analog slot ${slot.channel} on non-analog pin ${slot.pin}`);
  }
  return problems;
}
