/** Load-cell pick detection: what the service uses. Scored against shelf physics in tests/loadcell. */
export { PickDetector } from './pick-detector.ts';
export type { PickDetectorOptions, PickEvent, PickDirection, UncertainReason } from './pick-detector.ts';
export type { LoadCellHealthState } from './health.ts';
export { fitCount, bandGrams } from './count-fit.ts';
export type { CountFit, CountFitOptions } from './count-fit.ts';
export { HX711_RATES, DEFAULT_UNIT_SPREAD, DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR, REFERENCE_CAPACITY_GRAMS } from './sensor-table.ts';
export type { AmplifierRate } from './sensor-table.ts';
export { createRng } from './random.ts';
export type { Rng } from './random.ts';
