/**
 * Loads a generated year of kiosk events into a PostgreSQL platform database fast: psql
 * `COPY … FROM STDIN` (text format) into the store's own tables (event_ids, events — routed
 * to its monthly partitions —, stream_seqs, streams, kiosks), written by the seeded generator
 * of tests/analytics/generator.ts. Used by the dashboard bench; not part of `npm test`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { once } from 'node:events';
import { canonicalJson } from '../../contract/sync.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { kioskDay, newKiosk, seeded, type KioskSim } from '../analytics/generator.ts';

export interface LoadOptions { kiosks: number; days: number; start: string; seed: number; mean: number }

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const copyText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

class CopyPipe {
  private readonly child: ChildProcessWithoutNullStreams;
  private buf: string[] = [];
  private size = 0;
  private readonly done: Promise<void>;

  constructor(psql: string, url: string, table: string) {
    this.child = spawn(psql, [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `COPY ${table} FROM STDIN`]);
    let err = '';
    this.child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    this.done = once(this.child, 'exit').then(([code]) => {
      if (code !== 0) throw new Error(`COPY ${table} failed (${String(code)}): ${err}`);
    });
  }

  async row(cols: Array<string | number>): Promise<void> {
    const line = `${cols.map((c) => (typeof c === 'number' ? String(c) : copyText(c))).join('\t')}\n`;
    this.buf.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.child.stdin.write(chunk)) await once(this.child.stdin, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    this.child.stdin.end();
    await this.done;
  }
}

/** Received a little after it happened: usually within 5 minutes, sometimes hours later (a kiosk offline). */
function receivedAt(env: EventEnvelope, rng: () => number): number {
  const t = Date.parse(env.deviceTime);
  return t + (rng() < 0.02 ? Math.floor(rng() * 6 * 3_600_000) : 1000 + Math.floor(rng() * 300_000));
}

/** Generates and loads the data set; returns how many events were stored. */
export async function loadGenerated(pgBin: string, url: string, o: LoadOptions): Promise<number> {
  const psql = join(pgBin, 'psql');
  const pipes = {
    ids: new CopyPipe(psql, url, 'event_ids (id, hash, received_at)'),
    events: new CopyPipe(psql, url, 'events (id, kiosk_id, stream_id, seq, type, v, device_time, received_at, hash, envelope)'),
    seqs: new CopyPipe(psql, url, 'stream_seqs (stream_id, seq, event_id, hash)'),
  };
  const rng = seeded(o.seed);
  const kiosks: KioskSim[] = Array.from({ length: o.kiosks }, (_, i) => newKiosk(rng, `k${String(i).padStart(4, '0')}`));
  let n = 0;
  const pending: Array<[KioskSim, EventEnvelope]> = [];
  for (let d = 0; d < o.days; d++) {
    const day = new Date(Date.parse(`${o.start}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    for (const k of kiosks) kioskDay(k, rng, day, o.mean, (kk, env) => pending.push([kk, env]));
    for (const [k, env] of pending) {
      const json = canonicalJson(env);
      const hash = createHash('sha256').update(json).digest('hex');
      const at = receivedAt(env, rng);
      await pipes.ids.row([env.id, hash, at]);
      await pipes.events.row([env.id, k.kioskId, env.streamId, env.seq, env.type, env.v, env.deviceTime, at, hash, json]);
      await pipes.seqs.row([env.streamId, env.seq, env.id, hash]);
    }
    n += pending.length;
    pending.length = 0;
  }
  await Promise.all([pipes.ids.end(), pipes.events.end(), pipes.seqs.end()]);
  const streams = new CopyPipe(psql, url, 'streams (stream_id, kiosk_id, max_seq, distinct_seqs)');
  const ks = new CopyPipe(psql, url, 'kiosks (kiosk_id, install_id, name, token_hash, enrolled_at)');
  for (const k of kiosks) {
    await streams.row([k.streamId, k.kioskId, k.seq, k.seq]);
    await ks.row([k.kioskId, k.installId, `演示终端 ${k.kioskId}`, createHash('sha256').update(k.kioskId).digest('hex'), Date.parse(`${o.start}T00:00:00Z`)]);
  }
  await Promise.all([streams.end(), ks.end()]);
  return n;
}
