import { describe, expect, it } from 'vitest';
import { createAuth } from './auth.ts';

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
});
