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

interface OpenLift extends LiftedSlot {
  slot: SlotRow;
  priceFen: number | null;
  /** false once the screen let go of it (idle timeout) while the item is still off the shelf. */
  onScreen: boolean;
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
 * Turns lift/put events into what the shopper sees and into shelf events. The screen is
 * updated first; the event is written right after (DESIGN §4).
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

  /** True while any product is off the shelf: content must not switch under a shopper. */
  isActive(): boolean {
    return this.open.size > 0;
  }

  handle(event: ShelfEvent): void {
    if (event.kind === 'lift') this.onLift(event.boardId, event.channel, event.rxAt);
    else if (event.kind === 'put') this.onPut(event.boardId, event.channel, event.rxAt);
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

  private onLift(boardId: string, channel: number, rxAt: number): void {
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
    const open: OpenLift = { slotId: slot.slotId, productId: productId ?? '', liftId, since: this.now(), slot, priceFen: priceFen ?? null, onScreen: shown };
    this.open.set(slot.slotId, open);
    if (shown) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'lift', slotId: slot.slotId, liftId }, trace: { rxAt } });
    else this.deps.logger.info({ slotId: slot.slotId, productId }, 'lift on an unbound slot: attract screen stays');
    this.record('shelf.lift', open, {});
  }

  private onPut(boardId: string, channel: number, _rxAt: number): void {
    const slot = this.deps.slots.find(boardId, channel);
    if (!slot) return;
    const open = this.open.get(slot.slotId);
    if (!open) return; // put without a lift we saw (e.g. after a restart): nothing on screen to change
    this.open.delete(slot.slotId);
    if (open.onScreen) this.deps.publish({ lifted: this.lifted(), cause: { kind: 'put', slotId: slot.slotId, liftId: open.liftId } });
    this.record('shelf.put', open, { dwellMs: this.now() - open.since });
    if (this.open.size === 0) this.sessionId = null;
  }

  private record(type: 'shelf.lift' | 'shelf.put', open: OpenLift, extra: { dwellMs?: number }): void {
    const base = {
      slotId: open.slot.slotId,
      boardId: open.slot.boardId,
      channel: open.slot.channel,
      productId: open.slot.productId,
      priceFen: open.priceFen,
      contentVersion: this.deps.contentVersion(),
      planogramVersion: this.deps.slots.version(),
      sessionId: this.sessionId ?? '',
    };
    try {
      if (type === 'shelf.lift') this.deps.events.append('shelf.lift', base);
      else this.deps.events.append('shelf.put', { ...base, dwellMs: extra.dwellMs ?? 0 });
    } catch (err) {
      // The screen already changed; a failed analytics write must not take the shelf down.
      this.deps.logger.error({ err, type, slotId: open.slotId }, 'could not record shelf event');
    }
  }
}
