import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../content/signing-keys.ts';
import { isInRollout, ReleaseStore, rolloutBucket } from './release-store.ts';
import type { Rollout } from '../../contract/releases.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function store(): ReleaseStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'releases-'));
  dirs.push(dir);
  return new ReleaseStore(dir, loadOrCreateSigningKey(dir), () => 1_000);
}

const rollout = (over: Partial<Rollout> = {}): Rollout => ({ seq: 1, percent: 0, kiosks: [], state: 'active', failureThreshold: 0.2, minReports: 2, salt: 'a', ...over });

describe('release rollout', () => {
  it('offers a release to named kiosks and to a stable share of the fleet', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `kiosk-${i}`);
    const share = ids.filter((id) => isInRollout(id, rollout({ percent: 30 }))).length;
    expect(share).toBeGreaterThan(240);
    expect(share).toBeLessThan(360);
    expect(rolloutBucket('kiosk-1', 'a')).toBe(rolloutBucket('kiosk-1', 'a'));
    expect(isInRollout('kiosk-1', rollout({ kiosks: ['kiosk-1'] }))).toBe(true);
    expect(isInRollout('kiosk-1', rollout({ kiosks: ['kiosk-1'], state: 'paused' }))).toBe(false);
    expect(isInRollout('kiosk-1', rollout({ percent: 100, state: 'halted' }))).toBe(false);
  });

  it('signs the manifest it serves and numbers releases in order', () => {
    const s = store();
    expect(s.publish('1.0.0', Buffer.from('one')).seq).toBe(1);
    expect(s.publish('1.1.0', Buffer.from('two')).seq).toBe(2);
    s.setRollout(rollout({ seq: 2, kiosks: ['k'] }));
    const plan = s.planFor('k');
    expect(JSON.parse(plan?.manifest ?? '{}')).toMatchObject({ seq: 2, version: '1.1.0', size: 3 });
    expect(plan?.signature.alg).toBe('ed25519');
    expect(s.planFor('other')).toBeNull();
    expect(() => s.setRollout(rollout({ seq: 9 }))).toThrow(/no release 9/);
  });

  it('halts once the failure share passes the threshold with enough reports, counting each kiosk once', () => {
    const s = store();
    s.publish('1.0.0', Buffer.from('x'));
    s.setRollout(rollout({ percent: 100 }));
    expect(s.report('a', { seq: 1, version: '1.0.0', outcome: 'rolled-back', detail: 'crash' }).halted).toBe(false); // 1 report < minReports 2
    expect(s.report('a', { seq: 1, version: '1.0.0', outcome: 'rolled-back', detail: 'again' }).halted).toBe(false); // same kiosk: still one report
    expect(s.report('b', { seq: 1, version: '1.0.0', outcome: 'applied', detail: '' }).halted).toBe(true); // 1 of 2 failed > 20 %
    expect(s.rollout()?.state).toBe('halted');
    expect(s.planFor('c')).toBeNull();
  });
});
