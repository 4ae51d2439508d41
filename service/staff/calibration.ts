import type { CalibrationHistory, CalibrationState } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { SlotRow } from '../../db/slots.ts';
import type { Db } from '../../db/open.ts';
import type { Actor } from './staff-service.ts';
import type { LiveReadings } from './live-readings.ts';

/** Readings averaged for each step, and how still they must be (HX711 noise is ~0.5 g; a hand on the shelf is far more). */
const WINDOW_MS = 1000;
const MAX_STD_G = 3;
/** Less change than this between empty and loaded is "nothing was placed". */
const MIN_CHANGE_G = 5;

export type CalibrationResult = { ok: true; value: CalibrationState } | { ok: false; status: number; error: string; message: string };

export interface CalibrationDeps {
  db: Db;
  events: EventStore;
  live: LiveReadings;
  /** Sends TARE / CAL to the slot's board; false when the board cannot take it. */
  command(boardId: string, channel: number, command: { kind: 'tare' } | { kind: 'cal'; grams: number }): Promise<boolean>;
  now?: () => number;
}

const refuse = (status: number, error: string, message: string): CalibrationResult => ({ ok: false, status, error, message });

/**
 * The load-cell calibration wizard, one slot at a time: empty → tare → place a known weight
 * → verify (measured vs known, the factor) → save. Refuses an unsettled reading and a
 * weight that did not change; saving writes the history row and its event in one transaction.
 */
export class CalibrationWizard {
  private readonly states = new Map<string, CalibrationState>();
  private readonly insert;
  private readonly historyOf;
  private readonly now: () => number;

  constructor(private readonly deps: CalibrationDeps) {
    this.insert = deps.db.prepare('INSERT INTO calibrations (slot_id, zero_grams, known_grams, factor, account_id, saved_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.historyOf = deps.db.prepare('SELECT saved_at AS savedAt, zero_grams AS zeroGrams, known_grams AS knownGrams, factor FROM calibrations WHERE slot_id = ? ORDER BY saved_at DESC LIMIT 20');
    this.now = deps.now ?? Date.now;
  }

  /** The slot's saved calibrations, newest first (drift of the zero over time). */
  history(slotId: string): CalibrationHistory {
    return { slotId, entries: this.historyOf.all(slotId) as CalibrationHistory['entries'] };
  }

  async tare(slot: SlotRow): Promise<CalibrationResult> {
    const reading = this.steady(slot);
    if (!reading.ok) return reading;
    await this.deps.command(slot.boardId, slot.channel, { kind: 'tare' });
    const state: CalibrationState = { slotId: slot.slotId, step: 'tared', zeroGrams: reading.value, loadedGrams: null, knownGrams: null, factor: null };
    this.states.set(slot.slotId, state);
    return { ok: true, value: state };
  }

  weigh(slot: SlotRow, knownGrams: number): CalibrationResult {
    const state = this.states.get(slot.slotId);
    if (state?.zeroGrams === null || state === undefined) return refuse(409, 'not-tared', 'tare the empty slot first');
    const reading = this.steady(slot);
    if (!reading.ok) return reading;
    const change = reading.value - state.zeroGrams;
    if (Math.abs(change) < MIN_CHANGE_G) return refuse(422, 'no-weight-change', `the reading changed by ${change.toFixed(1)} g: place the known weight on the slot`);
    const next: CalibrationState = { ...state, step: 'weighed', loadedGrams: reading.value, knownGrams, factor: change / knownGrams };
    this.states.set(slot.slotId, next);
    return { ok: true, value: next };
  }

  async save(slot: SlotRow, actor: Actor): Promise<CalibrationResult> {
    const state = this.states.get(slot.slotId);
    if (state?.step !== 'weighed' || state.zeroGrams === null || state.knownGrams === null || state.factor === null) return refuse(409, 'not-weighed', 'weigh a known weight first');
    const { zeroGrams, knownGrams, factor } = state;
    await this.deps.command(slot.boardId, slot.channel, { kind: 'cal', grams: knownGrams });
    this.deps.db.transaction(() => {
      this.insert.run(slot.slotId, zeroGrams, knownGrams, factor, actor.accountId, this.now());
      this.deps.events.append('loadcell.calibrated', { slotId: slot.slotId, boardId: slot.boardId, channel: slot.channel, zeroGrams, knownGrams, factor, actor });
    })();
    const saved: CalibrationState = { ...state, step: 'saved' };
    this.states.delete(slot.slotId);
    return { ok: true, value: saved };
  }

  cancel(slot: SlotRow): CalibrationResult {
    this.states.delete(slot.slotId);
    return { ok: true, value: { slotId: slot.slotId, step: 'empty', zeroGrams: null, loadedGrams: null, knownGrams: null, factor: null } };
  }

  private steady(slot: SlotRow): { ok: true; value: number } | { ok: false; status: number; error: string; message: string } {
    const stats = this.deps.live.stats(slot.boardId, slot.channel, WINDOW_MS, this.now());
    if (stats === null) return { ok: false, status: 409, error: 'no-readings', message: `no load-cell readings from slot ${slot.slotId}` };
    if (stats.std > MAX_STD_G) return { ok: false, status: 422, error: 'unstable-reading', message: `the reading is not steady (±${stats.std.toFixed(1)} g): keep hands off the shelf` };
    return { ok: true, value: stats.mean };
  }
}
