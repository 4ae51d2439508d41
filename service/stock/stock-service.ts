import type { EventPayload } from '../../contract/events.ts';
import type { SlotStock, StockList } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { SlotStore } from '../../db/slots.ts';
import type { StockStore } from '../../db/stock.ts';
import type { Logger } from '../log.ts';
import type { Actor } from '../staff/staff-service.ts';
import type { SlotSnapshot } from '../shelf/shopper-session.ts';

export type StockResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; message: string };

export interface StockServiceDeps {
  stock: StockStore;
  slots: SlotStore;
  events: EventStore;
  /** True while the kiosk screen shows the staff surface (motions are stock work). */
  isStaffMode(): boolean;
  /** Lights or clears a slot's LED (shelf-node LED command); resolves false when the board cannot. */
  led(boardId: string, channel: number, pattern: 'off' | 'on' | 'blink'): Promise<boolean>;
  slotSnapshot(boardId: string, channel: number): SlotSnapshot | undefined;
  isLoadCell(boardId: string, channel: number): boolean;
  logger: Logger;
  now?: () => number;
}

/** The slot a restock is under way on, and what its load cell counted so far. */
interface Selection {
  slotId: string;
  pendingCount: number;
}

const BEST_BEFORE_WARN_DAYS = 7;

/**
 * Stock per slot: restocks (LED guide, load-cell or staff count, batch and best-before),
 * load-cell counts from shoppers, and in staff mode lifts/puts as stock work.
 */
export class StockService {
  private selection: Selection | null = null;
  private lastTouched: { slotId: string; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: StockServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  list(): StockList {
    const counts = new Map(this.deps.stock.list().map((r) => [r.slotId, r]));
    const slots: SlotStock[] = this.deps.slots.list().map((s) => {
      const row = counts.get(s.slotId);
      return { ...s, count: row?.count ?? null, lowAt: row?.lowAt ?? 2, offlineChanged: row?.offlineChanged ?? false, updatedAt: row?.updatedAt ?? null, loadCell: this.deps.isLoadCell(s.boardId, s.channel) };
    });
    // Most urgent first: bound slots by how far below their low mark, unknown counts after empties.
    const urgency = (s: SlotStock): number => (s.productId === null ? 1e6 : s.count === null ? 0.5 : s.count - s.lowAt);
    slots.sort((a, b) => urgency(a) - urgency(b) || a.slotId.localeCompare(b.slotId));
    const warnBy = new Date(this.now() + BEST_BEFORE_WARN_DAYS * 86_400_000).toISOString().slice(0, 10);
    const expiring = this.deps.stock.expiringBy(warnBy).map((b) => ({ slotId: b.slotId, batchCode: b.batchCode, bestBefore: b.bestBefore ?? '', count: b.count }));
    return { slots, expiring };
  }

  /** Picks the slot to restock: its LED blinks, the previous one goes dark, load-cell puts on it are counted. */
  async select(actor: Actor, slotId: string | null): Promise<StockResult<{ slotId: string | null; led: boolean }>> {
    const previous = this.selection;
    const slot = slotId === null ? undefined : this.deps.slots.list().find((s) => s.slotId === slotId);
    if (slotId !== null && !slot) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${slotId}` };
    if (previous && previous.slotId !== slotId) await this.ledFor(previous.slotId, 'off');
    // Picking the same slot again (lifting it on the shelf) keeps what its load cell counted so far.
    this.selection = slot ? { slotId: slot.slotId, pendingCount: previous?.slotId === slot.slotId ? previous.pendingCount : 0 } : null;
    const led = slot ? await this.deps.led(slot.boardId, slot.channel, 'blink') : false;
    if (slot) this.record(actor, 'restock.select', slot.slotId);
    return { ok: true, value: { slotId: slot?.slotId ?? null, led } };
  }

  selected(): { slotId: string | null; pendingCount: number; lastTouched: { slotId: string; at: number } | null } {
    return { slotId: this.selection?.slotId ?? null, pendingCount: this.selection?.pendingCount ?? 0, lastTouched: this.lastTouched };
  }

  /** Adds items to a slot in one transaction with its event; the load cell's count, when there is one, is what was confirmed. */
  restock(actor: Actor, req: { slotId: string; added: number; batchCode?: string | undefined; bestBefore?: string | undefined }): StockResult<SlotStock> {
    const slot = this.deps.slots.list().find((s) => s.slotId === req.slotId);
    if (!slot) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${req.slotId}` };
    if (slot.productId === null) return { ok: false, status: 409, error: 'unbound-slot', message: `slot ${slot.slotId} has no product: bind it first` };
    const snap = this.deps.slotSnapshot(slot.boardId, slot.channel);
    if (!snap) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${req.slotId}` };
    const pending = this.selection?.slotId === slot.slotId ? this.selection.pendingCount : 0;
    const before = this.deps.stock.get(slot.slotId)?.count ?? null;
    const after = (before ?? 0) + req.added;
    this.deps.stock.transaction(() => {
      this.deps.stock.set(slot.slotId, after, false, this.now());
      if (req.batchCode) this.deps.stock.addBatch({ slotId: slot.slotId, batchCode: req.batchCode, bestBefore: req.bestBefore ?? null, count: req.added }, this.now());
      this.deps.events.append('stock.restocked', {
        ...snap,
        actor,
        added: req.added,
        countBefore: before,
        countAfter: after,
        confirmedBy: pending > 0 && pending === req.added ? 'load-cell' : 'staff',
        ...(req.batchCode ? { batchCode: req.batchCode } : {}),
        ...(req.bestBefore ? { bestBefore: req.bestBefore } : {}),
      });
    });
    if (this.selection?.slotId === slot.slotId) this.selection.pendingCount = 0;
    const row = this.list().slots.find((s) => s.slotId === slot.slotId);
    if (!row) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${req.slotId}` };
    return { ok: true, value: row };
  }

  /**
   * A lift or put while staff mode is on (count null for switches). The slot is remembered
   * as touched (to pick it for a restock or binding); a load-cell put on the slot being
   * restocked waits for the restock to be confirmed; other counted motions change stock now.
   */
  staffMotion(boardId: string, channel: number, direction: 'lift' | 'put', count: number | null): void {
    const snap = this.deps.slotSnapshot(boardId, channel);
    if (!snap) return;
    this.lastTouched = { slotId: snap.slotId, at: this.now() };
    if (count !== null && this.selection?.slotId === snap.slotId) {
      this.selection.pendingCount = Math.max(0, this.selection.pendingCount + (direction === 'put' ? count : -count));
      return;
    }
    const after = count === null ? null : this.adjust(snap.slotId, direction === 'put' ? count : -count, false);
    this.append('stock.moved', { ...snap, direction, count, countAfter: after });
  }

  /** A confirmed load-cell count outside staff mode (a shopper took or returned items). */
  counted(boardId: string, channel: number, direction: 'lift' | 'put', count: number, offline = false): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (slot) this.adjust(slot.slotId, direction === 'put' ? count : -count, offline);
  }

  /** Stock that moved while the board was offline: marked, so staff recount it. */
  offlineChange(boardId: string, channel: number, change: 'lifted' | 'put', count: number | null): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (!slot) return;
    const row = this.deps.stock.get(slot.slotId);
    const delta = count === null ? 0 : change === 'put' ? count : -count;
    this.deps.stock.set(slot.slotId, (row?.count ?? 0) + delta, true, this.now());
  }

  private adjust(slotId: string, delta: number, offline: boolean): number | null {
    const row = this.deps.stock.get(slotId);
    if (!row) return null; // never counted: a restock sets the first count
    const next = Math.max(0, row.count + delta);
    this.deps.stock.set(slotId, next, row.offlineChanged || offline, this.now());
    return next;
  }

  private async ledFor(slotId: string, pattern: 'off' | 'on' | 'blink'): Promise<void> {
    const slot = this.deps.slots.list().find((s) => s.slotId === slotId);
    if (slot) await this.deps.led(slot.boardId, slot.channel, pattern);
  }

  private record(actor: Actor, action: string, target: string): void {
    this.append('staff.action', { actor, action, target, before: null, after: null });
  }

  private append<T extends 'stock.moved' | 'staff.action'>(type: T, payload: EventPayload<T>): void {
    try {
      this.deps.events.append(type, payload);
    } catch (err) {
      this.deps.logger.error({ err, type }, 'could not record stock event');
    }
  }
}
