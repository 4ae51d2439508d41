import { v7 as uuidv7 } from 'uuid';
import type { LiftedSlot } from '../../contract/api.ts';
import type { ShelfEvent } from '../../contract/hardware.ts';
import type { EventStore } from '../../db/events.ts';
import type { SlotStore, SlotRow } from '../../db/slots.ts';
import type { Logger } from '../log.ts';

/** What the shopper screen needs to know about a change, pushed before it is written. */
export interface ShelfChange {
  lifted: LiftedSlot[];
  cause: { kind: 'lift' | 'put'; slotId: string; liftId?: string };
  trace?: { rxAt: number };
}

export type SensorKind = 'switch' | 'analog' | 'load-cell';

interface OpenLift extends LiftedSlot {
  slot: SlotRow;
  priceFen: number | null;
  /** false once the screen let go of it (idle timeout) while the item is still off the shelf. */
  onScreen: boolean;
  sensor: SensorKind;
  /** A load-cell lift shown at first evidence whose event waits for the count. */
  awaitingCount: boolean;
  /** Load cells: items off the shelf in this lift (confirmed lifts minus confirmed puts). */
  outstanding: number;
}

/** What every shelf event snapshots about its slot (DESIGN §4: history never rewritten by a rebinding). */
export interface SlotSnapshot {
  slotId: string;
  boardId: string;
  channel: number;
  productId: string | null;
  priceFen: number | null;
  contentVersion: number | null;
  planogramVersion: number;
}

interface PickExtra {
  dwellMs?: number;
  count?: number;
  countUncertain?: boolean;
}

export interface ShopperSessionDeps {
  slots: SlotStore;
  events: EventStore;
  /** The active catalogue: price of a product, or undefined when it is not in the content. */
  priceOf(productId: string): number | undefined;
  contentVersion(): number | null;
  publish(change: ShelfChange): void;
  logger: Logger;
  now?: () => number;
}

/**
 * Turns lifts and puts into what the shopper sees and into shelf events. The screen is
 * updated first; the event is written right after (DESIGN §4). Load-cell lifts show the
 * product at the first evidence and write their event once the count is known.
 */
export class ShopperSession {
  private readonly open = new Map<string, OpenLift>();
  private sessionId: string | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: ShopperSessionDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Lifts currently on screen, oldest first. */
  lifted(): LiftedSlot[] {
    return [...this.open.values()]
      .filter((l) => l.onScreen)
      .sort((a, b) => a.since - b.since)
      .map(({ slotId, productId, liftId, since }) => ({ slotId, productId, liftId, since }));
  }

  /**
   * True while a product is on screen: content must not switch under a shopper. A lift the
   * screen has let go of (idle timeout) no longer counts — otherwise one PUT lost on the wire
   * (a board reconnecting, a cable pulled) would hold back new content forever.
   */
  isActive(): boolean {
    for (const l of this.open.values()) if (l.onScreen) return true;
    return false;
  }

  /** A switch or analog sensor's lift / put. */
  handle(event: ShelfEvent, sensor: SensorKind = 'switch'): void {
    if (event.kind === 'lift') this.onLift(event.boardId, event.channel, event.rxAt, sensor);
    else if (event.kind === 'put') this.onPut(event.boardId, event.channel, {});
  }

  /** Load cell: first evidence of a lift. Shown at once; recorded when the count is known. */
  loadCellLiftStart(boardId: string, channel: number, rxAt: number): void {
    this.onLift(boardId, channel, rxAt, 'load-cell');
  }

  /** Load cell: a confirmed count of items lifted or put back. */
  loadCellConfirmed(boardId: string, channel: number, direction: 'lift' | 'put', count: number, rxAt: number): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (!slot) return;
    let open = this.open.get(slot.slotId);
    if (direction === 'lift') {
      if (!open) {
        this.onLift(boardId, channel, rxAt, 'load-cell');
        open = this.open.get(slot.slotId);
        if (!open) return;
      }
      open.awaitingCount = false;
      open.outstanding += count;
      this.record('shelf.lift', open.slot, open.priceFen, { count });
      return;
    }
    if (!open) {
      // Items put on a slot nobody lifted from (restocking, a return after the screen let go).
      this.record('shelf.put', slot, this.priceFor(slot), { dwellMs: 0, count });
      return;
    }
    open.outstanding -= count;
    if (open.outstanding > 0) this.record('shelf.put', open.slot, open.priceFen, { dwellMs: this.now() - open.since, count });
    else this.onPut(boardId, channel, { count });
  }

  /**
   * Load cell: a motion that fits no count. The lift shown at first evidence stays on the
   * screen, but it is never booked as a shopper's lift: the caller records a stock
   * discrepancy for staff. Returns whether a product was on screen for it.
   */
  loadCellUncertain(boardId: string, channel: number, direction: 'lift' | 'put'): boolean {
    const open = this.openFor(boardId, channel);
    if (direction !== 'lift' || !open?.awaitingCount) return false;
    open.awaitingCount = false;
    return open.onScreen;
  }

  /** Load cell: touched and put straight back; nothing left the shelf. */
  loadCellCancelled(boardId: string, channel: number): void {
    const open = this.openFor(boardId, channel);
    if (!open?.awaitingCount) return;
    open.awaitingCount = false;
    this.record('shelf.lift', open.slot, open.priceFen, { count: 0 });
    this.onPut(boardId, channel, { count: 0 });
  }

  /** The slot changed while its board was offline: drop any lift we held for it without showing anything new. */
  forgetSlot(boardId: string, channel: number): void {
    const open = this.openFor(boardId, channel);
    if (!open) return;
    this.open.delete(open.slotId);
    if (open.onScreen) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'put', slotId: open.slotId, liftId: open.liftId } });
    if (this.open.size === 0) this.sessionId = null;
  }

  /** The slot as events snapshot it, or undefined when the channel has no slot. */
  slotSnapshot(boardId: string, channel: number): SlotSnapshot | undefined {
    const slot = this.deps.slots.find(boardId, channel);
    return slot ? this.snapshotOf(slot, this.priceFor(slot)) : undefined;
  }

  /** Takes products that have been on screen longer than `idleMs` off the screen (not off the books). */
  expireIdle(idleMs: number): void {
    const cutoff = this.now() - idleMs;
    let changed: OpenLift | undefined;
    for (const l of this.open.values()) {
      if (l.onScreen && l.since < cutoff) {
        l.onScreen = false;
        changed = l;
      }
    }
    if (changed) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'put', slotId: changed.slotId } });
  }

  private openFor(boardId: string, channel: number): OpenLift | undefined {
    const slot = this.deps.slots.find(boardId, channel);
    return slot ? this.open.get(slot.slotId) : undefined;
  }

  private priceFor(slot: SlotRow): number | null {
    return slot.productId === null ? null : (this.deps.priceOf(slot.productId) ?? null);
  }

  private onLift(boardId: string, channel: number, rxAt: number, sensor: SensorKind): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (!slot) {
      this.deps.logger.warn({ boardId, channel }, 'lift on a channel with no slot configured');
      return;
    }
    if (this.open.has(slot.slotId)) return; // a repeated LIFT for a slot already up
    const productId = slot.productId;
    const priceFen = productId === null ? undefined : this.deps.priceOf(productId);
    this.sessionId ??= uuidv7();
    const liftId = uuidv7();
    const shown = productId !== null && priceFen !== undefined;
    const awaitingCount = sensor === 'load-cell';
    const open: OpenLift = { slotId: slot.slotId, productId: productId ?? '', liftId, since: this.now(), slot, priceFen: priceFen ?? null, onScreen: shown, sensor, awaitingCount, outstanding: 0 };
    this.open.set(slot.slotId, open);
    if (shown) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'lift', slotId: slot.slotId, liftId }, trace: { rxAt } });
    else this.deps.logger.info({ slotId: slot.slotId, productId }, 'lift on an unbound slot: attract screen stays');
    if (!awaitingCount) this.record('shelf.lift', slot, open.priceFen, {}, sensor);
  }

  private onPut(boardId: string, channel: number, extra: PickExtra): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (!slot) return;
    const open = this.open.get(slot.slotId);
    if (!open) return; // put without a lift we saw (e.g. after a restart): nothing on screen to change
    this.open.delete(slot.slotId);
    if (open.onScreen) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'put', slotId: slot.slotId, liftId: open.liftId } });
    // A load-cell lift-start whose motion ended as a put: nothing left the shelf, so no lift is booked.
    this.record('shelf.put', open.slot, open.priceFen, { ...extra, dwellMs: this.now() - open.since }, open.sensor);
    if (this.open.size === 0) this.sessionId = null;
  }

  private snapshotOf(slot: SlotRow, priceFen: number | null): SlotSnapshot {
    return {
      slotId: slot.slotId,
      boardId: slot.boardId,
      channel: slot.channel,
      productId: slot.productId,
      priceFen,
      contentVersion: this.deps.contentVersion(),
      planogramVersion: this.deps.slots.version(),
    };
  }

  private record(type: 'shelf.lift' | 'shelf.put', slot: SlotRow, priceFen: number | null, extra: PickExtra, sensor: SensorKind = 'load-cell'): void {
    const base = { ...this.snapshotOf(slot, priceFen), sessionId: this.sessionId ?? '', sensor };
    const detail = { ...(extra.count !== undefined ? { count: extra.count } : {}), ...(extra.countUncertain ? { countUncertain: true } : {}) };
    try {
      if (type === 'shelf.lift') this.deps.events.append('shelf.lift', { ...base, ...detail });
      else this.deps.events.append('shelf.put', { ...base, ...detail, dwellMs: extra.dwellMs ?? 0 });
    } catch (err) {
      // The screen already changed; a failed analytics write must not take the shelf down.
      this.deps.logger.error({ err, type, slotId: slot.slotId }, 'could not record shelf event');
    }
  }
}
