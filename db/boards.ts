import { BoardSetupSchema, type BoardRecord, type BoardSetup } from '../contract/hardware.ts';
import type { Db } from './open.ts';

interface BoardDbRow {
  boardId: string;
  protocol: string;
  serialNumber: string | null;
  byPath: string | null;
  path: string | null;
  baudRate: number;
  loadCellRate: number | null;
  loadCellCapacityKg: number | null;
  slots: string | null;
  confirmed: number;
  confirmedAt: number | null;
  updatedAt: number;
}

/** A stored row that no longer passes its schema (hand-edited, or written by a newer app). */
export interface InvalidBoardRow {
  boardId: string;
  error: string;
}

function toSetup(row: BoardDbRow): { ok: true; value: BoardSetup } | { ok: false; error: string } {
  let slots: unknown;
  try {
    slots = row.slots === null ? undefined : JSON.parse(row.slots);
  } catch {
    return { ok: false, error: 'slots column is not JSON' };
  }
  const port = { ...(row.serialNumber !== null ? { serialNumber: row.serialNumber } : {}), ...(row.byPath !== null ? { byPath: row.byPath } : {}), ...(row.path !== null ? { path: row.path } : {}) };
  const raw = { boardId: row.boardId, protocol: row.protocol, port, baudRate: row.baudRate, ...(row.loadCellRate !== null ? { loadCellRate: row.loadCellRate } : {}), ...(row.loadCellCapacityKg !== null ? { loadCellCapacityKg: row.loadCellCapacityKg } : {}), ...(slots !== undefined ? { slots } : {}) };
  const parsed = BoardSetupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, value: parsed.data };
}

function toParams(setup: BoardSetup, confirmed: boolean, confirmedAt: number | null, now: number) {
  return {
    boardId: setup.boardId,
    protocol: setup.protocol,
    serialNumber: setup.port.serialNumber ?? null,
    byPath: setup.port.byPath ?? null,
    path: setup.port.path ?? null,
    baudRate: setup.baudRate,
    loadCellRate: setup.protocol === 'shelf-node' ? setup.loadCellRate : null,
    loadCellCapacityKg: setup.protocol === 'shelf-node' ? (setup.loadCellCapacityKg ?? null) : null,
    slots: setup.protocol === 'firmata' ? JSON.stringify(setup.slots) : null,
    confirmed: confirmed ? 1 : 0,
    confirmedAt,
    updatedAt: now,
  };
}

/** What staff confirmed: the protocol, the port identity and the wiring. A change to any needs a new confirmation. */
function identityKey(setup: BoardSetup): string {
  return JSON.stringify([setup.protocol, setup.port.serialNumber ?? null, setup.port.byPath ?? null, setup.port.path ?? null, setup.protocol === 'firmata' ? setup.slots : null]);
}

/** Repository of configured shelf boards (migration 0003). */
export function createBoardStore(db: Db) {
  const all = db.prepare(
    `SELECT board_id AS boardId, protocol, port_serial_number AS serialNumber, port_by_path AS byPath, port_path AS path, baud_rate AS baudRate,
            load_cell_rate AS loadCellRate, load_cell_capacity_kg AS loadCellCapacityKg, slots, confirmed, confirmed_at AS confirmedAt, updated_at AS updatedAt
     FROM boards ORDER BY board_id`,
  );
  const upsert = db.prepare(
    `INSERT INTO boards (board_id, protocol, port_serial_number, port_by_path, port_path, baud_rate, load_cell_rate, load_cell_capacity_kg, slots, confirmed, confirmed_at, updated_at)
     VALUES (@boardId, @protocol, @serialNumber, @byPath, @path, @baudRate, @loadCellRate, @loadCellCapacityKg, @slots, @confirmed, @confirmedAt, @updatedAt)
     ON CONFLICT(board_id) DO UPDATE SET protocol = excluded.protocol, port_serial_number = excluded.port_serial_number,
       port_by_path = excluded.port_by_path, port_path = excluded.port_path, baud_rate = excluded.baud_rate,
       load_cell_rate = excluded.load_cell_rate, load_cell_capacity_kg = excluded.load_cell_capacity_kg, slots = excluded.slots, confirmed = excluded.confirmed,
       confirmed_at = excluded.confirmed_at, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM boards WHERE board_id = ?');
  const confirmOne = db.prepare('UPDATE boards SET confirmed = 1, confirmed_at = ? WHERE board_id = ?');

  function list(): { records: BoardRecord[]; invalid: InvalidBoardRow[] } {
    const records: BoardRecord[] = [];
    const invalid: InvalidBoardRow[] = [];
    for (const row of all.all() as BoardDbRow[]) {
      const setup = toSetup(row);
      if (setup.ok) records.push({ setup: setup.value, confirmed: row.confirmed === 1, confirmedAt: row.confirmedAt, updatedAt: row.updatedAt });
      else invalid.push({ boardId: row.boardId, error: setup.error });
    }
    return { records, invalid };
  }

  return {
    list,
    /** Replaces the whole board list; a board keeps its confirmation only if its identity and wiring did not change. */
    replaceAll: db.transaction((setups: readonly BoardSetup[], now: number): void => {
      const before = new Map(list().records.map((r) => [r.setup.boardId, r]));
      for (const id of before.keys()) if (!setups.some((s) => s.boardId === id)) remove.run(id);
      for (const setup of setups) {
        const old = before.get(setup.boardId);
        const keep = old !== undefined && old.confirmed && identityKey(old.setup) === identityKey(setup);
        upsert.run(toParams(setup, keep, keep ? old.confirmedAt : null, now));
      }
    }),
    /** Staff confirmed that this board is the one plugged in where its identity says; false if unknown. */
    confirm: (boardId: string, now: number): boolean => confirmOne.run(now, boardId).changes === 1,
  };
}
export type BoardStore = ReturnType<typeof createBoardStore>;
