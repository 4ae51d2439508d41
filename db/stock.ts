import type { Db } from './open.ts';

export interface StockRow {
  slotId: string;
  count: number;
  lowAt: number;
  offlineChanged: boolean;
  updatedAt: number;
}

export interface BatchRow {
  slotId: string;
  batchCode: string;
  bestBefore: string | null;
  count: number;
}

/** Stock per slot and the batches put on slots. Counts never go below zero (CHECK and max(0, …)). */
export function createStockStore(db: Db) {
  const all = db.prepare('SELECT slot_id AS slotId, count, low_at AS lowAt, offline_changed AS offlineChanged, updated_at AS updatedAt FROM slot_stock');
  const one = db.prepare('SELECT slot_id AS slotId, count, low_at AS lowAt, offline_changed AS offlineChanged, updated_at AS updatedAt FROM slot_stock WHERE slot_id = ?');
  const upsert = db.prepare(
    `INSERT INTO slot_stock (slot_id, count, offline_changed, updated_at) VALUES (@slotId, @count, @offline, @at)
     ON CONFLICT(slot_id) DO UPDATE SET count = excluded.count, offline_changed = excluded.offline_changed, updated_at = excluded.updated_at`,
  );
  const addBatch = db.prepare('INSERT INTO stock_batches (slot_id, batch_code, best_before, count, received_at) VALUES (?, ?, ?, ?, ?)');
  const expiring = db.prepare('SELECT slot_id AS slotId, batch_code AS batchCode, best_before AS bestBefore, count FROM stock_batches WHERE best_before IS NOT NULL AND best_before <= ? ORDER BY best_before');
  const toRow = (r: (Omit<StockRow, 'offlineChanged'> & { offlineChanged: number }) | undefined): StockRow | undefined => (r ? { ...r, offlineChanged: r.offlineChanged === 1 } : undefined);
  return {
    list: () => (all.all() as Array<Omit<StockRow, 'offlineChanged'> & { offlineChanged: number }>).map((r) => ({ ...r, offlineChanged: r.offlineChanged === 1 })),
    get: (slotId: string) => toRow(one.get(slotId) as (Omit<StockRow, 'offlineChanged'> & { offlineChanged: number }) | undefined),
    /** Sets a slot's count; `offlineChanged` marks counts that moved while its board was away (cleared by a restock). */
    set: (slotId: string, count: number, offlineChanged: boolean, at: number) => upsert.run({ slotId, count: Math.max(0, count), offline: offlineChanged ? 1 : 0, at }),
    addBatch: (b: BatchRow, at: number) => addBatch.run(b.slotId, b.batchCode, b.bestBefore, b.count, at),
    /** Batches whose best-before date is on or before `isoDate` (expired or expiring soon). */
    expiringBy: (isoDate: string) => expiring.all(isoDate) as BatchRow[],
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
export type StockStore = ReturnType<typeof createStockStore>;
