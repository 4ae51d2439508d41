/**
 * Load-cell shelf physics for scoring pick detectors. Imports nothing of the detector's
 * (dependency-cruiser rule `physics-is-independent`): its constants come from the HX711
 * datasheet, load-cell data and the products, never from the code under test.
 */
export { generateSession } from './session.ts';
export type { LiftCondition, PhysicsSession, SessionOptions, Truth, TruthKind } from './session.ts';
export { CELLS, PRODUCTS } from './products.ts';
export type { CellSpec, ProductSpec } from './products.ts';
export { seededRandom } from './random.ts';
export type { Random } from './random.ts';
