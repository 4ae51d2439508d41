/** Firmata boards: the supervised driver, its pieces, and the Uno emulator for tests and sim. */
export { FirmataDriver } from './driver.ts';
export type { FirmataDriverOptions, Logger } from './driver.ts';
export { SlotConfigSchema, SwitchSlotSchema, AnalogSlotSchema, checkSlots } from './config.ts';
export type { SlotConfig, SlotConfigInput } from './config.ts';
export { FirmataEmulator } from './emulator.ts';
export type { FirmataEmulatorOptions, EmulatorStats } from './emulator.ts';
export { FirmataPreframer, DROP_REASONS } from './preframer.ts';
export type { DropReason, PreframerOptions, PreframerStats } from './preframer.ts';
export { LevelFilter, SchmittTrigger } from './level-filter.ts';
export type { AcceptedLevel } from './level-filter.ts';
export { LivenessMonitor, Backoff } from './liveness.ts';
export { UNO } from './protocol.ts';
export type { BoardProfile } from './protocol.ts';
