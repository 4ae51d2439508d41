import type { CalibrationState } from '../../contract/staff.ts';
import type { ContentManifest } from '../../contract/content.ts';
import type { EventStore } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
import type { SlotStore } from '../../db/slots.ts';
import { createStockStore } from '../../db/stock.ts';
import type { ShelfCommand } from '../../hardware/driver.ts';
import type { Logger } from '../log.ts';
import type { StockSink } from '../shelf/shelf-router.ts';
import type { SlotSnapshot } from '../shelf/shopper-session.ts';
import { StockService } from '../stock/stock-service.ts';
import { StaffAlerts, type AlertSources } from './alerts.ts';
import { CalibrationWizard } from './calibration.ts';
import { LiveReadings } from './live-readings.ts';
import type { Actor, StaffService } from './staff-service.ts';

type Result<T> = { ok: true; value: T } | { ok: false; status: number; error: string; message: string };

export interface StaffSurfaceDeps {
  db: Db;
  events: EventStore;
  slots: SlotStore;
  staff: StaffService;
  content(): ContentManifest | null;
  logger: Logger;
  /** Alerts changed: the shopper screen's discreet marker follows. */
  alertsChanged(): void;
}

/** What the surface needs from the running shelf, attached once the hardware is up. */
export interface ShelfAccess {
  send(boardId: string, command: ShelfCommand): Promise<boolean>;
  slotSnapshot(boardId: string, channel: number): SlotSnapshot | undefined;
  alertSources: Omit<AlertSources, 'lowStock'>;
}

/**
 * Staff work around the shelf: stock, restock with LED, scan-to-bind, calibration, the live
 * load-cell view and alerts. Built before the hardware (which feeds `sink`), attached after.
 */
export function createStaffSurface(deps: StaffSurfaceDeps) {
  let shelf: ShelfAccess | null = null;
  const live = new LiveReadings();
  const send = (boardId: string, command: ShelfCommand): Promise<boolean> => shelf?.send(boardId, command) ?? Promise.resolve(false);
  const stock = new StockService({
    stock: createStockStore(deps.db),
    slots: deps.slots,
    events: deps.events,
    isStaffMode: () => deps.staff.isStaffMode(),
    led: (boardId, channel, pattern) => send(boardId, { kind: 'led', channel, pattern }),
    slotSnapshot: (boardId, channel) => shelf?.slotSnapshot(boardId, channel),
    isLoadCell: (boardId, channel) => live.last(boardId, channel) !== undefined,
    logger: deps.logger,
  });
  const calibration = new CalibrationWizard({ db: deps.db, events: deps.events, live, command: (boardId, channel, c) => send(boardId, c.kind === 'tare' ? { kind: 'tare', channel } : { kind: 'cal', channel, grams: c.grams }) });
  let alerts: StaffAlerts | null = null;

  const sink: StockSink = {
    isStaffMode: () => deps.staff.isStaffMode(),
    staffMotion: (b, ch, dir, count) => stock.staffMotion(b, ch, dir, count),
    counted: (b, ch, dir, count) => stock.counted(b, ch, dir, count),
    offlineChange: (b, ch, change, count) => stock.offlineChange(b, ch, change, count),
    reading: (b, ch, grams, at) => live.push(b, ch, grams, at),
  };

  const slotById = (slotId: string) => deps.slots.list().find((s) => s.slotId === slotId);

  return {
    sink,
    stock,
    live,
    get alerts(): StaffAlerts {
      if (!alerts) throw new Error('staff surface used before the shelf was attached');
      return alerts;
    },
    attach(access: ShelfAccess): void {
      shelf = access;
      const lowStock = (): string[] => stock.list().slots.filter((s) => s.productId !== null && s.count !== null && s.count <= s.lowAt).map((s) => s.slotId);
      alerts = new StaffAlerts(deps.db, deps.events, { ...access.alertSources, lowStock }, deps.logger, () => deps.alertsChanged());
    },

    /** Binds a slot to the product with `barcode` (or `productId`); the next lift shows it. Earlier events keep their snapshot. */
    bind(actor: Actor, req: { slotId: string; barcode?: string | undefined; productId?: string | undefined }): Result<{ slotId: string; productId: string; planogramVersion: number }> {
      const slot = slotById(req.slotId);
      if (!slot) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${req.slotId}` };
      const products = deps.content()?.products ?? [];
      const product = req.barcode !== undefined ? products.find((p) => p.barcode === req.barcode) : products.find((p) => p.id === req.productId);
      if (!product) {
        const what = req.barcode !== undefined ? `barcode ${req.barcode}` : `product ${req.productId ?? '(none given)'}`;
        return { ok: false, status: 404, error: req.barcode !== undefined ? 'unknown-barcode' : 'unknown-product', message: `no product in the catalogue has ${what}` };
      }
      deps.db.transaction(() => {
        deps.slots.bind([{ ...slot, productId: product.id }]);
        deps.events.append('planogram.bound', { slotId: slot.slotId, boardId: slot.boardId, channel: slot.channel, productIdBefore: slot.productId, productIdAfter: product.id, barcode: req.barcode ?? null, planogramVersion: deps.slots.version(), actor });
      })();
      return { ok: true, value: { slotId: slot.slotId, productId: product.id, planogramVersion: deps.slots.version() } };
    },

    calibrationHistory: (slotId: string) => calibration.history(slotId),

    async calibrate(actor: Actor, req: { slotId: string; step: 'tare' | 'weigh' | 'save' | 'cancel'; knownGrams?: number | undefined }): Promise<Result<CalibrationState>> {
      const slot = slotById(req.slotId);
      if (!slot) return { ok: false, status: 404, error: 'unknown-slot', message: `no slot ${req.slotId}` };
      switch (req.step) {
        case 'tare':
          return calibration.tare(slot);
        case 'weigh':
          if (req.knownGrams === undefined) return { ok: false, status: 400, error: 'bad-request', message: 'knownGrams: the known weight in grams is required' };
          return calibration.weigh(slot, req.knownGrams);
        case 'save':
          return calibration.save(slot, actor);
        case 'cancel':
          return calibration.cancel(slot);
        default: {
          const never: never = req.step;
          return never;
        }
      }
    },
  };
}
export type StaffSurface = ReturnType<typeof createStaffSurface>;
