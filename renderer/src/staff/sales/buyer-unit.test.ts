import { describe, expect, it } from 'vitest';
import { buyerOfDraft, NO_BUYER } from './buyer-unit.ts';

describe('buyerOfDraft', () => {
  it('is no buyer when the name is blank, whatever the kind', () => {
    expect(buyerOfDraft(NO_BUYER)).toEqual({ ok: true, value: undefined });
    expect(buyerOfDraft({ name: '  \t ', kind: 'enterprise' })).toEqual({ ok: true, value: undefined });
  });

  it('trims the name and keeps the kind', () => {
    expect(buyerOfDraft({ name: ' 盐田区总工会 ', kind: 'trade-union' })).toEqual({ ok: true, value: { name: '盐田区总工会', kind: 'trade-union' } });
  });

  it('refuses a name the contract refuses: over 100 characters, control characters', () => {
    expect(buyerOfDraft({ name: '单'.repeat(100), kind: 'other' }).ok).toBe(true);
    expect(buyerOfDraft({ name: '单'.repeat(101), kind: 'other' }).ok).toBe(false);
    expect(buyerOfDraft({ name: '工会\u0000', kind: 'other' }).ok).toBe(false);
  });
});
