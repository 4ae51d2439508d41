import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_SCOPE, SESSION_IDLE_MS, createAuth, type SessionPersistence } from './auth.ts';

describe('local API auth', () => {
  it('exchanges a boot code exactly once for a session', () => {
    const auth = createAuth();
    const code = auth.issueBootCode();
    const session = auth.exchange(code);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.isValidSession(session ?? undefined)).toBe(true);
    expect(auth.exchange(code)).toBeNull();
    expect(auth.isValidSession('made-up')).toBe(false);
    expect(auth.isValidSession(undefined)).toBe(false);
  });

  it('expires boot codes after 30 s', () => {
    let t = 0;
    const auth = createAuth(() => t);
    const code = auth.issueBootCode();
    t = 30_001;
    expect(auth.exchange(code)).toBeNull();
  });

  it('refuses a code that differs in one character', () => {
    const auth = createAuth();
    const code = auth.issueBootCode();
    const wrong = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
    expect(auth.exchange(wrong)).toBeNull();
    expect(auth.exchange(code)).not.toBeNull();
  });

  it('ends a session a day after its last use, and keeps one that is used (issue 12, item 8)', () => {
    let t = 0;
    const auth = createAuth(() => t);
    const busy = auth.exchange(auth.issueBootCode()) ?? '';
    const idle = auth.exchange(auth.issueBootCode()) ?? '';
    for (t = 0; t <= 3 * 24 * 3600_000; t += 3600_000) expect(auth.isValidSession(busy)).toBe(true);
    expect(auth.isValidSession(idle)).toBe(false);
    t += SESSION_IDLE_MS.screen + 1;
    expect(auth.isValidSession(busy)).toBe(false);
  });

  it('keeps page sessions shorter than the screen session', () => {
    let t = 0;
    const auth = createAuth(() => t);
    const status = auth.exchange(auth.issueBootCode('status')) ?? '';
    t = SESSION_IDLE_MS.status + 1;
    expect(auth.isValidSession(status)).toBe(false);
    expect(SESSION_IDLE_MS.status).toBeLessThan(SESSION_IDLE_MS.screen);
  });

  it('caps live sessions per scope, ending the least recently used', () => {
    let t = 0;
    const auth = createAuth(() => t);
    const first = auth.exchange(auth.issueBootCode()) ?? '';
    const second = auth.exchange(auth.issueBootCode()) ?? '';
    t = 1;
    expect(auth.isValidSession(first)).toBe(true); // used again: now the second is the oldest in use
    for (let i = 0; i < MAX_SESSIONS_PER_SCOPE - 1; i++) auth.exchange(auth.issueBootCode());
    expect(auth.countSessions('screen')).toBe(MAX_SESSIONS_PER_SCOPE);
    expect(auth.isValidSession(second)).toBe(false);
    expect(auth.isValidSession(first)).toBe(true);
    // Another scope has its own cap: a status page never ends the kiosk's screen session.
    for (let i = 0; i < 2 * MAX_SESSIONS_PER_SCOPE; i++) auth.exchange(auth.issueBootCode('status'));
    expect(auth.isValidSession(first)).toBe(true);
    expect(auth.countSessions('status')).toBe(MAX_SESSIONS_PER_SCOPE);
  });

  it('replaces the session a reloading page already holds instead of adding one', () => {
    const auth = createAuth();
    const before = auth.exchange(auth.issueBootCode()) ?? '';
    const after = auth.exchange(auth.issueBootCode(), { screen: before });
    expect(auth.isValidSession(before)).toBe(false);
    expect(auth.isValidSession(after ?? undefined)).toBe(true);
    expect(auth.countSessions('screen')).toBe(1);
    // A cookie of another scope is left alone.
    const status = auth.exchange(auth.issueBootCode('status')) ?? '';
    auth.exchange(auth.issueBootCode(), { status });
    expect(auth.isValidSession(status)).toBe(true);
  });
});


describe('page sessions across a service restart (issue 14)', () => {
  it('survive in the store as hashes only, and the old cookie still works with a new auth', () => {
    let saved: Parameters<SessionPersistence['save']>[0] = [];
    const store: SessionPersistence = { load: () => saved, save: (e) => (saved = e) };
    const first = createAuth(Date.now, store);
    const session = first.exchange(first.issueBootCode()) ?? '';
    expect(session).not.toBe('');
    expect(JSON.stringify(saved)).not.toContain(session);
    const second = createAuth(Date.now, store);
    expect(second.scopeOf(session)).toBe('screen');
    // Boot codes do not survive: a code issued before the restart is refused after it.
    const code = second.issueBootCode();
    expect(createAuth(Date.now, store).exchange(code)).toBeNull();
  });
});
