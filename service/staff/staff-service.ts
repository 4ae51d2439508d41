import { randomInt, randomUUID } from 'node:crypto';
import { ROLE_RANK, type Account, type AccountRole, type Role, type StaffState } from '../../contract/staff.ts';
import type { EventStore } from '../../db/events.ts';
import type { StaffStore } from '../../db/staff.ts';
import { safeEqual, type Auth } from '../api/auth.ts';
import type { Caller } from '../api/route-access.ts';
import type { Logger } from '../log.ts';
import { Lockout } from './lockout.ts';
import { DUMMY_HASH_PROMISE, hashPin, verifyPin } from './pin-hash.ts';

/** Who did something, as events snapshot it. */
export interface Actor {
  accountId: string;
  name: string;
  role: AccountRole;
}

interface SignedIn extends Actor {
  lastActive: number;
}

export type StaffResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; message: string; retryAfterMs?: number };

export interface StaffServiceDeps {
  auth: Auth;
  accounts: StaffStore;
  events: EventStore;
  logger: Logger;
  idleSignOutMs: number;
  now?: () => number;
}

const fail = (status: number, error: string, message: string, retryAfterMs?: number): StaffResult<never> => ({ ok: false, status, error, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

/**
 * Staff accounts and PIN sessions on top of screen sessions. No default account: while
 * none exists a one-time set-up code (8 digits, memory only, never logged) creates the
 * first supervisor. Every action is a `staff.action` event.
 */
export class StaffService {
  private readonly signedIn = new Map<string, SignedIn>();
  private readonly lockout: Lockout;
  private readonly now: () => number;
  private setupCode: string | null = null;
  private modeSession: string | null = null;
  private idleMs: number;

  constructor(private readonly deps: StaffServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.lockout = new Lockout(this.now);
    this.idleMs = deps.idleSignOutMs;
    if (deps.accounts.count() === 0) this.setupCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
  }

  /** The one-time set-up code while no account exists (for the terminal and the first set-up screen). */
  pendingSetupCode(): string | null {
    // Any account (one created by a migration tool, a restored backup) closes first set-up.
    if (this.setupCode !== null && this.deps.accounts.count() > 0) this.setupCode = null;
    return this.setupCode;
  }

  callerOf(session: string | undefined): Caller | undefined {
    const scope = this.deps.auth.scopeOf(session);
    if (scope === undefined || session === undefined) return undefined;
    return { scope, role: scope === 'screen' ? this.roleOf(session) : 'screen' };
  }

  state(session: string): StaffState {
    const who = this.current(session);
    return {
      role: who?.role ?? 'screen',
      account: who ? (this.deps.accounts.get(who.accountId) ?? null) : null,
      accounts: this.deps.accounts.list().map((a) => ({ id: a.id, name: a.name })),
      setupCode: this.pendingSetupCode(),
      idleSignOutMs: this.idleMs,
    };
  }

  actor(session: string | undefined): Actor | undefined {
    const who = session === undefined ? undefined : this.current(session);
    return who ? { accountId: who.accountId, name: who.name, role: who.role } : undefined;
  }

  /**
   * True while a signed-in kiosk screen shows the staff surface: shelf motions are then stock
   * work and the shopper screen does not react. A sign-in alone (a support tool) does not turn it on.
   */
  isStaffMode(): boolean {
    if (this.modeSession === null) return false;
    if (this.current(this.modeSession)) return true;
    this.modeSession = null;
    return false;
  }

  setStaffMode(session: string, on: boolean): void {
    if (on) this.modeSession = session;
    else if (this.modeSession === session) this.modeSession = null;
  }

  touch(session: string | undefined): void {
    const who = session === undefined ? undefined : this.current(session);
    if (who) who.lastActive = this.now();
  }

  async firstSetup(session: string, code: string, name: string, pin: string): Promise<StaffResult<Account>> {
    const wait = this.lockout.remainingMs(`session:${session}`);
    if (wait > 0) return fail(429, 'locked', 'too many wrong codes: wait', wait);
    if (this.pendingSetupCode() === null || this.setupCode === null) return fail(409, 'already-set-up', 'the first supervisor exists; sign in instead');
    if (!safeEqual(code, this.setupCode)) {
      const next = this.lockout.fail(`session:${session}`);
      return fail(403, 'bad-setup-code', 'set-up code is wrong', next);
    }
    // The person setting up the kiosk administers it: the first account is an admin (it may do
    // everything a supervisor may, and creates the supervisors and staff). docs/kiosk-admin.md.
    const account = await this.insertAccount(null, name, 'admin', pin);
    this.setupCode = null;
    this.lockout.clear(`session:${session}`);
    this.startSession(session, account);
    return { ok: true, value: account };
  }

  async signIn(session: string, accountId: string, pin: string): Promise<StaffResult<Account>> {
    const keys = [`session:${session}`, `account:${accountId}`];
    const wait = Math.max(...keys.map((k) => this.lockout.remainingMs(k)));
    if (wait > 0) return fail(429, 'locked', 'too many wrong PINs: wait', wait);
    const stored = this.deps.accounts.pinHashOf(accountId);
    // Unknown accounts cost the same scrypt as known ones.
    const good = (await verifyPin(pin, stored ?? (await DUMMY_HASH_PROMISE))) && stored !== undefined;
    const account = good ? this.deps.accounts.get(accountId) : undefined;
    if (!account) {
      const next = Math.max(...keys.map((k) => this.lockout.fail(k)));
      this.record(null, 'sign-in-refused', accountId, null, { retryAfterMs: next });
      return next > 0 ? fail(429, 'locked', 'wrong PIN: wait', next) : fail(403, 'bad-pin', 'wrong PIN', 0);
    }
    for (const k of keys) this.lockout.clear(k);
    this.startSession(session, account);
    return { ok: true, value: account };
  }

  signOut(session: string, reason: 'sign-out' | 'idle' | 'attract'): void {
    const who = this.signedIn.get(session);
    if (!who) return;
    this.signedIn.delete(session);
    if (this.modeSession === session) this.modeSession = null;
    this.record(who, 'sign-out', who.accountId, null, { reason });
  }

  /** Signs out sessions idle past the limit (the lazy check in roleOf covers the time between sweeps). */
  sweepIdle(): void {
    for (const [session, who] of this.signedIn) if (this.now() - who.lastActive > this.idleMs) this.signOut(session, 'idle');
  }

  setIdleSignOutMs(actor: Actor, ms: number): void {
    this.record(actor, 'settings.idle-sign-out', null, { idleSignOutMs: this.idleMs }, { idleSignOutMs: ms });
    this.idleMs = ms;
  }

  listAccounts(): Account[] {
    return this.deps.accounts.list();
  }

  async createAccount(actor: Actor, name: string, role: AccountRole, pin: string): Promise<StaffResult<Account>> {
    if (ROLE_RANK[role] > ROLE_RANK[actor.role]) return fail(403, 'role-too-high', `a ${actor.role} cannot create a ${role} account`);
    return { ok: true, value: await this.insertAccount(actor, name, role, pin) };
  }

  deleteAccount(actor: Actor, accountId: string): StaffResult<null> {
    const account = this.deps.accounts.get(accountId);
    if (!account) return fail(404, 'unknown-account', 'no such account');
    if (ROLE_RANK[account.role] > ROLE_RANK[actor.role]) return fail(403, 'role-too-high', `a ${actor.role} cannot delete a ${account.role} account`);
    if (account.role !== 'staff' && this.deps.accounts.managerCount() <= 1) return fail(409, 'last-supervisor', 'the last supervisor cannot be deleted: create another supervisor first');
    this.deps.accounts.transaction(() => {
      this.deps.accounts.remove(accountId, this.now());
      this.deps.events.append('staff.action', { actor: { ...actor }, action: 'account.delete', target: accountId, before: { name: account.name, role: account.role }, after: null });
    });
    for (const [session, who] of this.signedIn) if (who.accountId === accountId) this.signedIn.delete(session);
    return { ok: true, value: null };
  }

  /** Writes a `staff.action` event; a failed write is logged, never thrown at the person. */
  record(actor: Actor | null, action: string, target: string | null, before: unknown, after: unknown): void {
    try {
      const who = actor ? { accountId: actor.accountId, name: actor.name, role: actor.role } : null;
      this.deps.events.append('staff.action', { actor: who, action, target, before, after });
    } catch (err) {
      this.deps.logger.error({ err, action }, 'could not record staff action');
    }
  }

  private async insertAccount(actor: Actor | null, name: string, role: AccountRole, pin: string): Promise<Account> {
    const account: Account = { id: randomUUID(), name, role, createdAt: this.now() };
    const hash = await hashPin(pin);
    const who = actor ? { accountId: actor.accountId, name: actor.name, role: actor.role } : null;
    this.deps.accounts.transaction(() => {
      this.deps.accounts.insert(account, hash);
      this.deps.events.append('staff.action', { actor: who, action: 'account.create', target: account.id, before: null, after: { name, role } });
    });
    return account;
  }

  private startSession(session: string, account: Account): void {
    const who: SignedIn = { accountId: account.id, name: account.name, role: account.role, lastActive: this.now() };
    this.signedIn.set(session, who);
    this.record(who, 'sign-in', account.id, null, null);
  }

  private current(session: string): SignedIn | undefined {
    const who = this.signedIn.get(session);
    if (who && this.now() - who.lastActive > this.idleMs) {
      this.signOut(session, 'idle');
      return undefined;
    }
    return who;
  }

  private roleOf(session: string): Role {
    return this.current(session)?.role ?? 'screen';
  }
}
