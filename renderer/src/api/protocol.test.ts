import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../contract/api.ts';
import { applyServerMessage, parseServerMessage, readBootCode, reconnectDelayMs, socketUrl } from './protocol.ts';

const snapshot: Snapshot = {
  rev: 7,
  content: null,
  mediaBase: '/media/',
  qr: {},
  lifted: [],
  boards: [],
  settings: { defaultLocale: 'zh-CN', idleMs: 60_000, orientation: 'auto' },
  hardwareMode: 'sim',
};
const lift = { slotId: 's1', productId: 'p-a', liftId: 'l1', since: 1 };

describe('parseServerMessage', () => {
  it('accepts a valid shelf message', () => {
    const raw = JSON.stringify({ type: 'shelf', rev: 8, lifted: [lift], cause: { kind: 'lift', slotId: 's1', liftId: 'l1' } });
    const r = parseServerMessage(raw);
    expect(r.ok && r.value.type).toBe('shelf');
  });
  it('rejects bad JSON, unknown types, wrong shapes and binary frames', () => {
    expect(parseServerMessage('{nope').ok).toBe(false);
    expect(parseServerMessage(JSON.stringify({ type: 'hello', rev: 1 })).ok).toBe(false);
    expect(parseServerMessage(JSON.stringify({ type: 'shelf', rev: 'x', lifted: [] })).ok).toBe(false);
    expect(parseServerMessage(new ArrayBuffer(4)).ok).toBe(false);
  });
});

describe('applyServerMessage (rev chain)', () => {
  it('takes a snapshot as the new state whatever came before', () => {
    expect(applyServerMessage(null, { type: 'snapshot', snapshot })).toEqual({ kind: 'state', snapshot });
  });
  it('applies the next revision', () => {
    const out = applyServerMessage(snapshot, { type: 'shelf', rev: 8, lifted: [lift], cause: { kind: 'lift', slotId: 's1' } });
    expect(out.kind === 'state' && out.snapshot.rev).toBe(8);
    expect(out.kind === 'state' && out.snapshot.lifted).toEqual([lift]);
  });
  it('resyncs on a gap, a replay, or a change before any snapshot', () => {
    expect(applyServerMessage(snapshot, { type: 'boards', rev: 9, boards: [] })).toMatchObject({ kind: 'resync', reason: 'gap', expected: 8, got: 9 });
    expect(applyServerMessage(snapshot, { type: 'boards', rev: 7, boards: [] })).toMatchObject({ kind: 'resync', reason: 'gap' });
    expect(applyServerMessage(null, { type: 'boards', rev: 1, boards: [] })).toMatchObject({ kind: 'resync', reason: 'no-snapshot' });
  });
  it('resyncs when new content is activated', () => {
    expect(applyServerMessage(snapshot, { type: 'content', rev: 8 })).toMatchObject({ kind: 'resync', reason: 'content' });
  });
});

describe('reconnectDelayMs', () => {
  it('retries at once, then backs off, capped at 2 s', () => {
    const delays = Array.from({ length: 10 }, (_, i) => reconnectDelayMs(i));
    expect(delays.slice(0, 4)).toEqual([0, 100, 200, 400]);
    expect(Math.max(...delays)).toBe(2000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
  });
});

describe('readBootCode / socketUrl', () => {
  it('reads the code from the fragment', () => {
    expect(readBootCode('#boot=abc123')).toBe('abc123');
    expect(readBootCode('')).toBeNull();
    expect(readBootCode('#boot=')).toBeNull();
    expect(readBootCode('#other=1')).toBeNull();
  });
  it('builds a same-origin socket URL', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws');
    expect(socketUrl({ protocol: 'https:', host: 'k:1' })).toBe('wss://k:1/ws');
  });
});
