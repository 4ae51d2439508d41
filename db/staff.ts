import type { Db } from './open.ts';

export type AccountRoleName = 'staff' | 'supervisor' | 'admin';

export interface AccountRow {
  id: string;
  name: string;
  role: AccountRoleName;
  createdAt: number;
}

/** Staff accounts repository. The PIN hash leaves this module only through `pinHashOf`. */
export function createStaffStore(db: Db) {
  const cols = 'account_id AS id, name, role, created_at AS createdAt';
  const active = db.prepare(`SELECT ${cols} FROM staff_accounts WHERE deleted_at IS NULL ORDER BY name, created_at`);
  const byId = db.prepare(`SELECT ${cols} FROM staff_accounts WHERE account_id = ? AND deleted_at IS NULL`);
  const hashOf = db.prepare('SELECT pin_hash FROM staff_accounts WHERE account_id = ? AND deleted_at IS NULL').pluck();
  const insert = db.prepare('INSERT INTO staff_accounts (account_id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const softDelete = db.prepare('UPDATE staff_accounts SET deleted_at = ? WHERE account_id = ? AND deleted_at IS NULL');
  const managers = db.prepare("SELECT COUNT(*) FROM staff_accounts WHERE deleted_at IS NULL AND role IN ('supervisor', 'admin')").pluck();
  const any = db.prepare('SELECT COUNT(*) FROM staff_accounts WHERE deleted_at IS NULL').pluck();
  return {
    list: () => active.all() as AccountRow[],
    get: (id: string) => byId.get(id) as AccountRow | undefined,
    pinHashOf: (id: string) => hashOf.get(id) as string | undefined,
    count: () => any.get() as number,
    /** Accounts that can manage others (supervisor or admin). */
    managerCount: () => managers.get() as number,
    insert: (row: AccountRow, pinHash: string) => insert.run(row.id, row.name, row.role, pinHash, row.createdAt),
    remove: (id: string, at: number) => softDelete.run(at, id).changes > 0,
    /** Runs `fn` in one transaction (an account change and its event commit together). */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
export type StaffStore = ReturnType<typeof createStaffStore>;
