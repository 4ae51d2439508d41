import type Database from 'better-sqlite3';
import type { AccountRecord, AdminRole, AuditRecord, SessionRecord } from './account-store.ts';

interface AccountRow {
  account_id: string;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

function toAccount(r: AccountRow): AccountRecord {
  return {
    accountId: r.account_id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as AdminRole[],
    passwordHash: r.password_hash,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

/** Accounts, sessions and the audit log on the embedded store (tables from migration 3). */
export function sqliteAccountMethods(db: Database.Database) {
  const q = {
    insert: db.prepare(
      `INSERT INTO accounts (account_id, username, display_name, roles, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
    ),
    count: db.prepare('SELECT COUNT(*) FROM accounts').pluck(),
    byId: db.prepare('SELECT * FROM accounts WHERE account_id = ?'),
    byName: db.prepare('SELECT * FROM accounts WHERE username = ?'),
    all: db.prepare('SELECT * FROM accounts ORDER BY created_at, username'),
    roles: db.prepare('UPDATE accounts SET roles = ? WHERE account_id = ?'),
    disabled: db.prepare('UPDATE accounts SET disabled = ? WHERE account_id = ?'),
    password: db.prepare('UPDATE accounts SET password_hash = ? WHERE account_id = ?'),
    addSession: db.prepare('INSERT INTO admin_sessions (id_hash, account_id, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)'),
    pruneSessions: db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?'),
    session: db.prepare('SELECT id_hash AS idHash, account_id AS accountId, created_at AS createdAt, last_seen AS lastSeen, expires_at AS expiresAt FROM admin_sessions WHERE id_hash = ?'),
    touch: db.prepare('UPDATE admin_sessions SET last_seen = ? WHERE id_hash = ?'),
    endSession: db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?'),
    endSessionsOf: db.prepare('DELETE FROM admin_sessions WHERE account_id = ?'),
    audit: db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)'),
    auditList: db.prepare('SELECT at, actor, action, target, detail FROM audit_log WHERE at < ? ORDER BY id DESC LIMIT ?'),
  };
  const insert = (a: AccountRecord) =>
    q.insert.run(a.accountId, a.username, a.displayName, JSON.stringify(a.roles), a.passwordHash, a.disabled ? 1 : 0, a.createdAt).changes === 1;
  const get = (stmt: Database.Statement, key: string) => {
    const row = stmt.get(key) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  };
  return {
    createFirstAccount: (a: AccountRecord) => db.transaction(() => (q.count.get() as number) === 0 && insert(a)).immediate(),
    createAccount: insert,
    countAccounts: () => q.count.get() as number,
    getAccount: (id: string) => get(q.byId, id),
    getAccountByUsername: (username: string) => get(q.byName, username),
    listAccounts: () => (q.all.all() as AccountRow[]).map(toAccount),
    updateAccount: (id: string, c: { roles?: AdminRole[]; disabled?: boolean; passwordHash?: string }) =>
      db.transaction(() => {
        if (c.roles !== undefined) q.roles.run(JSON.stringify(c.roles), id);
        if (c.disabled !== undefined) q.disabled.run(c.disabled ? 1 : 0, id);
        if (c.passwordHash !== undefined) q.password.run(c.passwordHash, id);
      })(),
    createSession: (s: SessionRecord) =>
      db.transaction(() => {
        q.pruneSessions.run(s.createdAt);
        q.addSession.run(s.idHash, s.accountId, s.createdAt, s.lastSeen, s.expiresAt);
      })(),
    getSession: (idHash: string) => (q.session.get(idHash) as SessionRecord | undefined) ?? null,
    touchSession: (idHash: string, lastSeen: number) => void q.touch.run(lastSeen, idHash),
    deleteSession: (idHash: string) => void q.endSession.run(idHash),
    deleteSessionsOf: (accountId: string) => void q.endSessionsOf.run(accountId),
    appendAudit: (r: AuditRecord) => void q.audit.run(r.at, r.actor, r.action, r.target, r.detail),
    listAudit: (limit: number, before?: number) => q.auditList.all(before ?? Number.MAX_SAFE_INTEGER, limit) as AuditRecord[],
  };
}
