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
  | { kind: 'protocol-error'; boardId: string; error: ProtocolErrorKind; detail: string; rxAt: number }
  | OfflineChangeEvent;

/**
 * Stock that changed while a board was offline (a slot's level after reconnecting differs
 * from before the outage). Recorded for staff, never shown to a shopper as a lift or put.
 * `count` is null when the sensor cannot count (switches, analog sensors).
 */
export interface OfflineChangeEvent {
  kind: 'offline-change';
  boardId: string;
  channel: number;
  change: 'lifted' | 'put';
  count: number | null;
  rxAt: number;
}

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

/** A serial port as the port lister sees it (serialport's PortInfo plus the stable links). */
export const PortInfoSchema = z.object({
  path: z.string().min(1),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  /** /dev/serial/by-path/… link to this port (the USB socket it is plugged into), if any. */
  byPath: z.string().optional(),
  /** /dev/serial/by-id/… link (contains the serial number when the bridge has one). */
  byId: z.string().optional(),
});
export type PortInfo = z.infer<typeof PortInfoSchema>;

/**
 * How a configured board finds its port (DESIGN §3): by USB serial number when the bridge
 * has one, else by its /dev/serial/by-path position, else by a plain device path (ptys,
 * tests, a fixed install). At least one must be given.
 */
export const PortIdentitySchema = z
  .object({
    serialNumber: z.string().min(1).max(128).optional(),
    byPath: z.string().min(1).max(512).optional(),
    path: z.string().min(1).max(512).optional(),
  })
  .refine((p) => p.serialNumber !== undefined || p.byPath !== undefined || p.path !== undefined, {
    message: 'port needs a serialNumber, a byPath or a path',
  });
export type PortIdentity = z.infer<typeof PortIdentitySchema>;

const BoardIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,16}$/, 'board id: 1–16 of A–Z a–z 0–9 . _ - (the shelf-node HELLO token rules)');

/**
 * A pick-up switch / IR beam on a Firmata pin. Pins are Arduino pin numbers (A0 = 14 on an Uno).
 * Polarity is per slot, never assumed: a switch on INPUT_PULLUP reads 0 while the product
 * presses it, so `presentLevel: 0, pullup: true` is the usual entry.
 */
export const FirmataSwitchSlotSchema = z.object({
  channel: z.number().int().min(0).max(255),
  kind: z.literal('switch'),
  pin: z.number().int().min(2, 'pins 0 and 1 are the serial port').max(127),
  pullup: z.boolean().default(true),
  presentLevel: z.union([z.literal(0), z.literal(1)]).default(0),
});
/**
 * An analog FSR / light sensor on a Firmata pin: 10-bit readings, a threshold between
 * "present" and "absent" with a dead band; an FSR reads higher when loaded, a covered light
 * sensor lower.
 */
export const FirmataAnalogSlotSchema = z.object({
  channel: z.number().int().min(0).max(255),
  kind: z.literal('analog'),
  pin: z.number().int().min(0).max(127),
  threshold: z.number().min(0).max(1023),
  hysteresis: z.number().min(0).max(1023).default(40),
  presentWhen: z.enum(['above', 'below']).default('above'),
});
export const FirmataSlotSchema = z.discriminatedUnion('kind', [FirmataSwitchSlotSchema, FirmataAnalogSlotSchema]);
export type FirmataSlot = z.infer<typeof FirmataSlotSchema>;

/** A shelf-node board (our firmware): switches send LIFT/PUT, load cells send W. */
export const ShelfNodeBoardSetupSchema = z.object({
  boardId: BoardIdSchema,
  protocol: z.literal('shelf-node'),
  port: PortIdentitySchema,
  baudRate: z.number().int().positive().default(115200),
  /** HX711 output rate of the board's load cells (RATE pin). */
  loadCellRate: z.union([z.literal(10), z.literal(80)]).default(80),
  /** Rated capacity of the board's load cells in kg (5 when not given): scales the detector's noise and drift expectations. */
  loadCellCapacityKg: z.number().positive().max(500).optional(),
});

/** Uno: digital pins 0…19 (A0…A5 = 14…19). */
const UNO_PINS = 20;
const UNO_ANALOG_PINS = [14, 15, 16, 17, 18, 19];

/** A Firmata board (StandardFirmata on an Uno-class board) with its pin ↔ slot map. */
export const FirmataBoardSetupSchema = z
  .object({
    boardId: BoardIdSchema,
    protocol: z.literal('firmata'),
    port: PortIdentitySchema,
    baudRate: z.number().int().positive().default(57600),
    slots: z.array(FirmataSlotSchema).min(1, 'a Firmata board needs at least one slot').max(64),
  })
  .superRefine((board, ctx) => {
    const channels = new Set<number>();
    const pins = new Set<number>();
    board.slots.forEach((slot, i) => {
      const at = ['slots', i];
      if (channels.has(slot.channel)) ctx.addIssue({ code: 'custom', path: [...at, 'channel'], message: `channel ${slot.channel} used twice` });
      if (pins.has(slot.pin)) ctx.addIssue({ code: 'custom', path: [...at, 'pin'], message: `pin ${slot.pin} used twice` });
      channels.add(slot.channel);
      pins.add(slot.pin);
      if (slot.pin >= UNO_PINS) ctx.addIssue({ code: 'custom', path: [...at, 'pin'], message: `pin ${slot.pin} beyond the board's ${UNO_PINS} pins` });
      if (slot.kind === 'analog' && !UNO_ANALOG_PINS.includes(slot.pin)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'pin'], message: `analog slot on pin ${slot.pin}: use A0…A5 (pins 14…19)` });
      }
    });
  });

export const BoardSetupSchema = z.discriminatedUnion('protocol', [ShelfNodeBoardSetupSchema, FirmataBoardSetupSchema]);
export type BoardSetup = z.infer<typeof BoardSetupSchema>;
export type BoardSetupInput = z.input<typeof BoardSetupSchema>;

/** Body of PUT /api/hardware/boards: the whole board list (ids and port identities unique). */
export const BoardSetupListSchema = z
  .object({ boards: z.array(BoardSetupSchema).max(32) })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.boards.forEach((board, i) => {
      if (seen.has(board.boardId)) ctx.addIssue({ code: 'custom', path: ['boards', i, 'boardId'], message: `board id ${board.boardId} used twice` });
      seen.set(board.boardId, i);
      for (const key of ['serialNumber', 'byPath', 'path'] as const) {
        const value = board.port[key];
        if (value === undefined) continue;
        const other = body.boards.findIndex((b, j) => j < i && b.port[key] === value);
        if (other >= 0) ctx.addIssue({ code: 'custom', path: ['boards', i, 'port', key], message: `${key} ${value} already used by board ${body.boards[other]?.boardId}` });
      }
    });
  });

/** A persisted board: its setup plus whether staff (or the board itself) confirmed its identity. */
export const BoardRecordSchema = z.object({
  setup: BoardSetupSchema,
  confirmed: z.boolean(),
  confirmedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
});
export type BoardRecord = z.infer<typeof BoardRecordSchema>;

/** Per-slot load-cell sensor health as the status page shows it (never raw grams). */
export const SensorHealthSchema = z.object({ channel: z.number().int(), state: z.enum(['ok', 'stuck', 'noisy']) });

/** One board on the staff status page (GET /api/hardware/status). */
export const HardwareBoardStatusSchema = z.object({
  boardId: z.string(),
  protocol: z.enum(['shelf-node', 'firmata']),
  state: z.enum(['absent', 'connected', 'degraded', 'lost', 'recovered']),
  detail: z.string().optional(),
  path: z.string().nullable(),
  identity: z.enum(['serial-number', 'by-path', 'path', 'hello', 'sim']),
  confirmed: z.boolean(),
  sim: z.boolean(),
  protocolErrors: z.number().int().nonnegative(),
  errorsByKind: z.record(z.string(), z.number().int()),
  firmware: z.string().nullable(),
  reportedBoardId: z.string().nullable(),
  sensors: z.array(SensorHealthSchema),
  lastEventAt: z.number().nullable(),
});
export type HardwareBoardStatus = z.infer<typeof HardwareBoardStatusSchema>;

/** A recent hardware event on the status page (health, offline changes, uncertain picks, lifts). */
export const HardwareLogEntrySchema = z.object({ at: z.number(), boardId: z.string(), kind: z.string(), text: z.string() });
export type HardwareLogEntry = z.infer<typeof HardwareLogEntrySchema>;

export const HardwareStatusSchema = z.object({
  mode: HardwareModeSchema,
  boards: z.array(HardwareBoardStatusSchema),
  recent: z.array(HardwareLogEntrySchema),
});
export type HardwareStatus = z.infer<typeof HardwareStatusSchema>;
