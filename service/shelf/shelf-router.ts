import type { HardwareLogEntry, ShelfEvent } from '../../contract/hardware.ts';
import type { EventPayload, EventType } from '../../contract/events.ts';
import type { EventStore } from '../../db/events.ts';
import type { Logger } from '../log.ts';
import type { BoardRunner } from './board-runner.ts';
import { LoadCellSlots, type LoadCellHealth, type LoadCellSink, type UncertainKind } from './load-cell-slots.ts';
import type { SensorKind, ShopperSession } from './shopper-session.ts';

const RECENT_MAX = 100;
/** How long a board loss waits before it is recorded (a stop that began meanwhile drops it). */
export const LOST_RECORD_GRACE_MS = 750;

export interface ShelfRouterDeps {
  session: ShopperSession;
  events: EventStore;
  logger: Logger;
  /** Unit weight (g) of the product bound to a slot; undefined when the channel has no slot. */
  unitWeightOf(boardId: string, channel: number): number | undefined;
  /** Board health or sensor health changed: push the board list to screens. */
  boardsChanged(): void;
  /** Stock per slot and staff mode (issue 9); absent in tests of the shelf alone. */
  stock?: StockSink;
}

/** Where stock work goes. In staff mode lifts and puts are stock work: the shopper screen does not react. */
export interface StockSink {
  isStaffMode(): boolean;
  /** A motion in staff mode; count is null for switches. */
  staffMotion(boardId: string, channel: number, direction: 'lift' | 'put', count: number | null): void;
  /** A confirmed load-cell count outside staff mode (a shopper took or returned items). */
  counted(boardId: string, channel: number, direction: 'lift' | 'put', count: number): void;
  offlineChange(boardId: string, channel: number, change: 'lifted' | 'put', count: number | null): void;
  /** Raw load-cell readings for the staff live view and calibration (memory only, never stored or sent to shoppers). */
  reading(boardId: string, channel: number, grams: number, at: number): void;
}

/**
 * Where board events go: switch lifts/puts to the shopper session, load-cell readings to
 * per-slot pick detectors, health to the event log and the screens; offline changes and
 * uncertain picks to the event log only. Keeps a short list of recent events for the
 * status page (never raw weights).
 */
export class ShelfRouter {
  readonly loadCells: LoadCellSlots;
  private readonly recentEntries: HardwareLogEntry[] = [];
  private readonly rates = new Map<string, 10 | 80>();
  private readonly capacities = new Map<string, number>();
  private readonly pendingLost = new Map<string, { timer: NodeJS.Timeout; payload: { boardId: string; state: string; detail?: string } }>();
  private quiesced = false;

  constructor(private readonly deps: ShelfRouterDeps) {
    this.loadCells = new LoadCellSlots({ unitWeightOf: (boardId, channel) => deps.unitWeightOf(boardId, channel), rateOf: (id) => this.rates.get(id) ?? 80, capacityOf: (id) => this.capacities.get(id), sink: this.sink() });
  }

  /** Recent hardware events, newest first. */
  recent(): HardwareLogEntry[] {
    return [...this.recentEntries].reverse();
  }

  handle(event: ShelfEvent, board: BoardRunner): void {
    const setup = board.setup;
    if (setup.protocol === 'shelf-node') {
      this.rates.set(setup.boardId, setup.loadCellRate);
      if (setup.loadCellCapacityKg !== undefined) this.capacities.set(setup.boardId, setup.loadCellCapacityKg * 1000);
    }
    switch (event.kind) {
      case 'lift':
      case 'put':
        this.note(event.boardId, event.kind, `channel ${event.channel}`);
        if (this.staffMode()) this.deps.stock?.staffMotion(event.boardId, event.channel, event.kind, null);
        else this.deps.session.handle(event, this.sensorOf(board, event.channel));
        return;
      case 'weight':
        this.deps.stock?.reading(event.boardId, event.channel, event.grams, event.rxAt);
        this.loadCells.weight(event.boardId, event.channel, event.grams, event.rxAt);
        return;
      case 'health':
        return this.onHealth(event.boardId, event.state, event.detail);
      case 'protocol-error':
        this.deps.logger.debug({ boardId: event.boardId, error: event.error, detail: event.detail }, 'shelf protocol error');
        return;
      case 'offline-change':
        // A typed event from the driver (Firmata: a level that differs after reconnecting).
        this.offlineChange(event.boardId, event.channel, event.change, event.count, this.sensorOf(board, event.channel));
        return;
      case 'hello':
        this.note(event.boardId, 'hello', `${event.boardId} ${event.firmware}, ${event.channels} channels`);
        this.deps.logger.info({ boardId: event.boardId, firmware: event.firmware, channels: event.channels }, 'shelf board said hello');
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  private staffMode(): boolean {
    return this.deps.stock?.isStaffMode() === true;
  }

  private sensorOf(board: BoardRunner, channel: number): SensorKind {
    const setup = board.setup;
    if (setup.protocol !== 'firmata') return 'switch';
    return setup.slots.find((s) => s.channel === channel)?.kind === 'analog' ? 'analog' : 'switch';
  }

  private onHealth(boardId: string, state: string, detail: string | undefined): void {
    this.note(boardId, `health:${state}`, detail ?? '');
    // Keep the record order: a lost still waiting for its grace is written before what follows it.
    this.flushPendingLost(boardId);
    const payload = { boardId, state, ...(detail !== undefined ? { detail } : {}) };
    if (this.quiesced) {
      this.deps.logger.info(payload, 'board health change while the kiosk stops: not recorded');
    } else if (state === 'lost') {
      // systemd stops the whole unit at once, and the simulator's socat (or a USB hub losing
      // power with the kiosk) can go before the service has seen its own SIGTERM. A loss is
      // recorded after a short grace, unless the kiosk began to stop meanwhile (issue 14).
      const timer = setTimeout(() => {
        this.pendingLost.delete(boardId);
        this.append('shelf.health', payload);
      }, LOST_RECORD_GRACE_MS);
      this.pendingLost.set(boardId, { timer, payload });
    } else {
      this.append('shelf.health', payload);
    }
    if (state === 'lost') this.loadCells.boardLost(boardId);
    this.deps.boardsChanged();
  }

  private flushPendingLost(boardId: string): void {
    const pending = this.pendingLost.get(boardId);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pendingLost.delete(boardId);
    this.append('shelf.health', pending.payload);
  }

  /**
   * The kiosk is stopping: board health changes from here on are the shutdown itself (ports
   * closing, the simulator going away), not faults — they are logged, never recorded. A loss
   * still inside its grace is dropped for the same reason.
   */
  quiesce(): void {
    this.quiesced = true;
    for (const [boardId, pending] of this.pendingLost) {
      clearTimeout(pending.timer);
      this.deps.logger.info({ boardId }, 'board lost as the kiosk stopped: not recorded');
    }
    this.pendingLost.clear();
  }

  /** Stock that moved while the board was away: recorded as such, never shown to a shopper. */
  private offlineChange(boardId: string, channel: number, change: 'lifted' | 'put', count: number | null, sensor: SensorKind): void {
    this.note(boardId, 'offline-change', `channel ${channel} ${change}${count !== null ? ` ×${count}` : ''}`);
    const slot = this.deps.session.slotSnapshot(boardId, channel);
    if (slot) this.append('shelf.offline-change', { ...slot, change, sensor, ...(count !== null ? { count } : {}) });
    if (sensor === 'load-cell') this.deps.stock?.offlineChange(boardId, channel, change, count);
    if (change === 'put') this.deps.session.forgetSlot(boardId, channel);
  }

  private sink(): LoadCellSink {
    const session = this.deps.session;
    return {
      liftStart: (boardId, channel, at) => {
        if (!this.staffMode()) session.loadCellLiftStart(boardId, channel, at);
      },
      confirmed: (boardId, channel, direction, count, at) => {
        this.note(boardId, `load-cell:${direction}`, `channel ${channel} ×${count}`);
        if (this.staffMode()) return this.deps.stock?.staffMotion(boardId, channel, direction, count);
        this.deps.stock?.counted(boardId, channel, direction, count);
        session.loadCellConfirmed(boardId, channel, direction, count, at);
      },
      uncertain: (boardId, channel, direction, reason) => this.uncertain(boardId, channel, direction, reason),
      cancelled: (boardId, channel) => session.loadCellCancelled(boardId, channel),
      sensorHealth: (boardId, channel, state) => this.sensorHealth(boardId, channel, state),
      offlineChange: (boardId, channel, change, count) => this.offlineChange(boardId, channel, change, count, 'load-cell'),
    };
  }

  private uncertain(boardId: string, channel: number, direction: 'lift' | 'put', reason: UncertainKind): void {
    this.note(boardId, 'pick-uncertain', `channel ${channel} ${direction}: ${reason}`);
    const shownToShopper = this.deps.session.loadCellUncertain(boardId, channel, direction);
    const slot = this.deps.session.slotSnapshot(boardId, channel);
    if (!slot) return;
    this.append('shelf.pick-uncertain', { ...slot, direction, reason });
    // A motion that ended without a count the detector trusts changed the stock by an
    // unknown amount: staff recount the slot. Never booked as a shopper's lift or put.
    // (`not-settled` is interim: the detector keeps waiting and may still confirm.)
    if (reason !== 'not-settled') this.append('shelf.stock-discrepancy', { ...slot, direction, reason, sensor: 'load-cell', shownToShopper });
  }

  private sensorHealth(boardId: string, channel: number, state: LoadCellHealth): void {
    this.note(boardId, 'sensor-health', `channel ${channel} ${state}`);
    const slot = this.deps.session.slotSnapshot(boardId, channel);
    if (slot) this.append('shelf.sensor-health', { ...slot, state });
    this.deps.boardsChanged();
  }

  private append<T extends EventType>(type: T, payload: EventPayload<T>): void {
    try {
      this.deps.events.append(type, payload);
    } catch (err) {
      this.deps.logger.error({ err, type }, 'could not record shelf event');
    }
  }

  private note(boardId: string, kind: string, text: string): void {
    this.recentEntries.push({ at: Date.now(), boardId, kind, text });
    if (this.recentEntries.length > RECENT_MAX) this.recentEntries.shift();
  }
}
