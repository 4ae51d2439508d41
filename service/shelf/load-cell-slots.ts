import { PickDetector, fitCount, DEFAULT_UNIT_SPREAD, type PickEvent } from '../../hardware/loadcell/index.ts';

/** Unit weight used when a slot's product has no `unitWeightG` in the content (counts are then flagged as such in logs). */
export const DEFAULT_UNIT_WEIGHT_G = 250;

export type LoadCellHealth = 'ok' | 'stuck' | 'noisy';
export type UncertainKind = 'no-fit' | 'not-settled' | 'sensor-unhealthy' | 'wrong-item';

/** What load-cell slots tell the service. Never carries grams: raw weights stay here. */
export interface LoadCellSink {
  liftStart(boardId: string, channel: number, at: number): void;
  confirmed(boardId: string, channel: number, direction: 'lift' | 'put', count: number, at: number): void;
  uncertain(boardId: string, channel: number, direction: 'lift' | 'put', reason: UncertainKind, at: number): void;
  /** After a lift-start the weight came back: touched and put straight back. */
  cancelled(boardId: string, channel: number, at: number): void;
  sensorHealth(boardId: string, channel: number, state: LoadCellHealth): void;
  /** Stock that changed while the board was offline (from the re-tare after reconnecting). */
  offlineChange(boardId: string, channel: number, change: 'lifted' | 'put', count: number | null): void;
}

export interface LoadCellSlotsDeps {
  /** Unit weight of the product bound to the slot; undefined when the channel has no slot. */
  unitWeightOf(boardId: string, channel: number): number | undefined;
  rateOf(boardId: string): 10 | 80;
  /** Rated capacity of the board's cells in grams, when configured (default: 5 kg). */
  capacityOf?(boardId: string): number | undefined;
  sink: LoadCellSink;
  /** How often a slot re-reads its product's unit weight (a rebinding needs a new detector). */
  refreshMs?: number;
}

interface SlotState {
  detector: PickDetector;
  unitWeightG: number;
  checkedAt: number;
  health: LoadCellHealth;
  /** Baseline from before the board went offline, to compare with the re-tare. */
  offlineBaseline: number | null;
}

const key = (boardId: string, channel: number): string => `${boardId}#${channel}`;

/**
 * One PickDetector per load-cell slot, fed with a board's W readings (host receive times).
 * Readings never leave this class: it reports lift-start, counts, uncertain motions,
 * sensor health and offline stock changes.
 */
export class LoadCellSlots {
  private readonly slots = new Map<string, SlotState>();

  constructor(private readonly deps: LoadCellSlotsDeps) {}

  /** One W reading. */
  weight(boardId: string, channel: number, grams: number, at: number): void {
    const state = this.stateFor(boardId, channel, at);
    if (!state) return;
    for (const event of state.detector.push(grams, at)) this.handle(boardId, channel, state, event);
  }

  /** The board went offline: keep each settled baseline, forget the detectors (they re-tare on return). */
  boardLost(boardId: string): void {
    for (const [k, state] of this.slots) {
      if (!k.startsWith(`${boardId}#`)) continue;
      const baseline = state.detector.snapshot().settledGrams ?? state.offlineBaseline;
      state.detector = this.newDetector(boardId, state.unitWeightG);
      state.offlineBaseline = baseline;
    }
  }

  /** The slot's scale is settled at `nearGrams` (±tolerance): tared and not in a motion. For staff screens and tests. */
  isSettledAt(boardId: string, channel: number, nearGrams: number, toleranceGrams: number): boolean {
    const snap = this.slots.get(key(boardId, channel))?.detector.snapshot();
    return snap?.phase === 'stable' && Math.abs(snap.baselineGrams - nearGrams) <= toleranceGrams;
  }

  /** Sensor health per channel of a board (for the status page). */
  sensorHealth(boardId: string): Array<{ channel: number; state: LoadCellHealth }> {
    const out: Array<{ channel: number; state: LoadCellHealth }> = [];
    for (const [k, state] of this.slots) {
      if (k.startsWith(`${boardId}#`)) out.push({ channel: Number(k.slice(boardId.length + 1)), state: state.health });
    }
    return out.sort((a, b) => a.channel - b.channel);
  }

  /** Staff tare of one slot (averaged over the next second of readings). */
  tare(boardId: string, channel: number): void {
    this.slots.get(key(boardId, channel))?.detector.tare();
  }

  private newDetector(boardId: string, unitWeightG: number): PickDetector {
    const capacityGrams = this.deps.capacityOf?.(boardId);
    return new PickDetector({ unitWeightGrams: unitWeightG, samplesPerSecond: this.deps.rateOf(boardId), ...(capacityGrams !== undefined ? { capacityGrams } : {}) });
  }

  private stateFor(boardId: string, channel: number, at: number): SlotState | undefined {
    const k = key(boardId, channel);
    const state = this.slots.get(k);
    if (state && at - state.checkedAt < (this.deps.refreshMs ?? 1000)) return state;
    const unit = this.deps.unitWeightOf(boardId, channel);
    if (unit === undefined) {
      this.slots.delete(k);
      return undefined;
    }
    if (state && state.unitWeightG === unit) {
      state.checkedAt = at;
      return state;
    }
    // New slot, or another product bound to it: a fresh detector tares on the next second.
    const fresh: SlotState = { detector: this.newDetector(boardId, unit), unitWeightG: unit, checkedAt: at, health: 'ok', offlineBaseline: null };
    this.slots.set(k, fresh);
    return fresh;
  }

  private handle(boardId: string, channel: number, state: SlotState, event: PickEvent): void {
    const sink = this.deps.sink;
    switch (event.kind) {
      case 'tared':
        // Only a verified (quiet) tare says what is on the shelf; an unverified one may
        // include a hand, so it is not compared with the stock before the outage.
        if (event.verified) this.compareWithOffline(boardId, channel, state, event.baselineGrams);
        else state.offlineBaseline = null;
        return;
      case 'lift-start':
        return sink.liftStart(boardId, channel, event.at);
      case 'confirmed':
        return sink.confirmed(boardId, channel, event.direction, event.count, event.at);
      case 'uncertain':
        return sink.uncertain(boardId, channel, event.direction, event.reason, event.at);
      case 'wrong-item':
        return sink.uncertain(boardId, channel, 'put', 'wrong-item', event.at);
      case 'cancelled':
        return sink.cancelled(boardId, channel, event.at);
      case 'health':
        state.health = event.state;
        return sink.sensorHealth(boardId, channel, event.state);
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  /** After a reconnect, a re-tare that differs from the old baseline is stock that moved while nobody could see it. */
  private compareWithOffline(boardId: string, channel: number, state: SlotState, baseline: number): void {
    const before = state.offlineBaseline;
    state.offlineBaseline = null;
    if (before === null) return;
    const delta = baseline - before;
    const fit = fitCount(delta, { unitWeightGrams: state.unitWeightG, unitSpread: DEFAULT_UNIT_SPREAD, deltaNoiseGrams: 1, noiseGrams: 1, maxCount: 50, maxBandFraction: 0.4 });
    if (fit.kind === 'zero') return;
    this.deps.sink.offlineChange(boardId, channel, delta < 0 ? 'lifted' : 'put', fit.kind === 'fits' ? fit.count : null);
  }
}
