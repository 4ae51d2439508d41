import type pg from 'pg';
import type { AccountQueries, AccountRecord, AuditRecord, SessionRecord } from './account-store.ts';

const ACCOUNT_COLUMNS = `account_id AS "accountId", username, display_name AS "displayName", roles,
  password_hash AS "passwordHash", disabled, created_at AS "createdAt"`;
const SESSION_COLUMNS = 'id_hash AS "idHash", account_id AS "accountId", created_at AS "createdAt", last_seen AS "lastSeen", expires_at AS "expiresAt"';

type Transaction = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

const INSERT = `INSERT INTO accounts (account_id, username, display_name, roles, password_hash, disabled, created_at)
  VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) ON CONFLICT (username) DO NOTHING`;
const values = (a: AccountRecord) => [a.accountId, a.username, a.displayName, JSON.stringify(a.roles), a.passwordHash, a.disabled, a.createdAt];

/** Accounts, sessions and the audit log on PostgreSQL (tables from migration 3). */
export function pgAccountMethods(pool: pg.Pool, transaction: Transaction): AccountQueries {
  const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await rows<T>(sql, params))[0] ?? null;
  return {
    // The table lock makes "only while none exists" hold across processes starting set-up at once.
    createFirstAccount: (a) =>
      transaction(async (c) => {
        await c.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
        const n = await c.query('SELECT 1 FROM accounts LIMIT 1');
        if (n.rowCount) return false;
        return ((await c.query(INSERT, values(a))).rowCount ?? 0) === 1;
      }),
    createAccount: async (a) => ((await pool.query(INSERT, values(a))).rowCount ?? 0) === 1,
    countAccounts: async () => Number((await one<{ n: string }>('SELECT count(*) AS n FROM accounts'))?.n ?? 0),
    getAccount: (id) => one<AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE account_id = $1`, [id]),
    getAccountByUsername: (name) => one<AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE username = $1`, [name]),
    listAccounts: () => rows<AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, username`),
    updateAccount: (id, c) =>
      transaction(async (client) => {
        if (c.roles !== undefined) await client.query('UPDATE accounts SET roles = $1::jsonb WHERE account_id = $2', [JSON.stringify(c.roles), id]);
        if (c.disabled !== undefined) await client.query('UPDATE accounts SET disabled = $1 WHERE account_id = $2', [c.disabled, id]);
        if (c.passwordHash !== undefined) await client.query('UPDATE accounts SET password_hash = $1 WHERE account_id = $2', [c.passwordHash, id]);
      }),
    createSession: (s: SessionRecord) =>
      transaction(async (c) => {
        await c.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [s.createdAt]);
        await c.query('INSERT INTO admin_sessions (id_hash, account_id, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          s.idHash, s.accountId, s.createdAt, s.lastSeen, s.expiresAt,
        ]);
      }),
    getSession: (idHash) => one<SessionRecord>(`SELECT ${SESSION_COLUMNS} FROM admin_sessions WHERE id_hash = $1`, [idHash]),
    touchSession: async (idHash, lastSeen) => void (await pool.query('UPDATE admin_sessions SET last_seen = $1 WHERE id_hash = $2', [lastSeen, idHash])),
    deleteSession: async (idHash) => void (await pool.query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash])),
    deleteSessionsOf: async (accountId) => void (await pool.query('DELETE FROM admin_sessions WHERE account_id = $1', [accountId])),
    appendAudit: async (r: AuditRecord) =>
      void (await pool.query('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [r.at, r.actor, r.action, r.target, r.detail])),
    listAudit: (limit, before) => rows<AuditRecord>('SELECT at, actor, action, target, detail FROM audit_log WHERE at < $2 ORDER BY id DESC LIMIT $1', [limit, before ?? Number.MAX_SAFE_INTEGER]),
  };
}
