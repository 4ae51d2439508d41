import type { Db } from './open.ts';

export interface SlotRow {
  slotId: string;
  boardId: string;
  channel: number;
  productId: string | null;
}

/** Planogram repository: which product sits in which slot. */
export function createSlotStore(db: Db) {
  const all = db.prepare('SELECT slot_id AS slotId, board_id AS boardId, channel, product_id AS productId FROM slots ORDER BY board_id, channel');
  const byChannel = db.prepare('SELECT slot_id AS slotId, board_id AS boardId, channel, product_id AS productId FROM slots WHERE board_id = ? AND channel = ?');
  const upsert = db.prepare(
    `INSERT INTO slots (slot_id, board_id, channel, product_id) VALUES (@slotId, @boardId, @channel, @productId)
     ON CONFLICT(slot_id) DO UPDATE SET board_id = excluded.board_id, channel = excluded.channel, product_id = excluded.product_id`,
  );
  const getMeta = db.prepare("SELECT value FROM meta WHERE key = 'planogram_version'").pluck();
  const setMeta = db.prepare("INSERT INTO meta (key, value) VALUES ('planogram_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");

  function version(): number {
    const v = getMeta.get() as string | undefined;
    return v === undefined ? 0 : Number(v);
  }

  return {
    list: () => all.all() as SlotRow[],
    find: (boardId: string, channel: number) => byChannel.get(boardId, channel) as SlotRow | undefined,
    version,
    /** Binds slots; bumps the planogram version in the same transaction. */
    bind: db.transaction((rows: SlotRow[]) => {
      for (const r of rows) upsert.run(r);
      setMeta.run(String(version() + 1));
    }),
  };
}
export type SlotStore = ReturnType<typeof createSlotStore>;
