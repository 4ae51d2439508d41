import { z } from 'zod';
import { FirmataAnalogSlotSchema, FirmataSlotSchema, FirmataSwitchSlotSchema } from '../../contract/hardware.ts';

/**
 * Per-slot wiring of a Firmata board: the schemas live in contract/hardware.ts (the service
 * persists and validates them); these names are the driver's view of the same shapes.
 */
export const SwitchSlotSchema = FirmataSwitchSlotSchema;
export const AnalogSlotSchema = FirmataAnalogSlotSchema;
export const SlotConfigSchema = FirmataSlotSchema;
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
