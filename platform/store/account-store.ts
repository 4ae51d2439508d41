import { ADMIN_ROLES } from '../../contract/authoring.ts';

/** Platform administrator roles (contract/authoring.ts): each account holds one or more. */
export { ADMIN_ROLES };
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AccountRecord {
  accountId: string;
  /** Lowercase sign-in name, unique. */
  username: string;
  displayName: string;
  roles: AdminRole[];
  /** scrypt hash with its parameters (platform/accounts/passwords.ts). */
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
}

export interface SessionRecord {
  /** sha256 of the random session id: a leaked database holds no usable cookie. */
  idHash: string;
  accountId: string;
  createdAt: number;
  lastSeen: number;
  /** Absolute end, whatever the activity. */
  expiresAt: number;
}

export interface AuditRecord {
  at: number;
  /** `account:<username>` or `token` (automation with the admin token). */
  actor: string;
  action: string;
  target: string;
  /** JSON text: what changed. */
  detail: string;
}

/** Accounts, sessions and the audit log; both stores implement it. */
export interface AccountQueries {
  /** Creates the account only while none exists (first set-up); false when one already does. */
  createFirstAccount(a: AccountRecord): Promise<boolean>;
  /** false when the username is taken. */
  createAccount(a: AccountRecord): Promise<boolean>;
  countAccounts(): Promise<number>;
  getAccount(accountId: string): Promise<AccountRecord | null>;
  getAccountByUsername(username: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<AccountRecord[]>;
  updateAccount(accountId: string, change: { roles?: AdminRole[]; disabled?: boolean; passwordHash?: string }): Promise<void>;

  createSession(s: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeen: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an account (disabled, password or roles changed). */
  deleteSessionsOf(accountId: string): Promise<void>;

  appendAudit(r: AuditRecord): Promise<void>;
  /** Newest first; `before` (ms) keeps only records written earlier (the next page). */
  listAudit(limit: number, before?: number): Promise<AuditRecord[]>;
}
