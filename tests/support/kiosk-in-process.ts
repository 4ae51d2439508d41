import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import WebSocket from 'ws';
import { ServerMessageSchema, type Snapshot } from '../../contract/api.ts';
import { loadConfig, type KioskConfig } from '../../service/config.ts';
import { createLogger } from '../../service/log.ts';
import { startKiosk, type Kiosk, type KioskHardwareOptions } from '../../service/kiosk.ts';
import { teardown } from './teardown.ts';

/** A kiosk service in this process with its own temp data dir and a random port. */
export async function startTestKiosk(overrides: Partial<KioskConfig> = {}, hardwareOptions: KioskHardwareOptions = {}, stdoutLevel: 'error' | 'fatal' = 'error'): Promise<{ kiosk: Kiosk; dataDir: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-test-'));
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  const config = loadConfig({}, { dataDir, port: 0, hardware: 'sim', rendererDir, logLevel: 'silent', ...overrides });
  // Errors reach the test output: a failing shutdown step or a crashed push must be visible.
  const kiosk = await startKiosk(config, createLogger({ level: stdoutLevel, stdout: true }), hardwareOptions);
  return {
    kiosk,
    dataDir,
    stop: () =>
      teardown([
        ['kiosk', () => kiosk.stop()],
        ['data dir', () => fs.rmSync(dataDir, { recursive: true, force: true })],
      ]),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** HTTP with full control over Host, Origin and Cookie (fetch would not let a test forge Host). */
export function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: unknown }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Exchanges a fresh boot code for the session cookie, as the kiosk page does. */
export async function login(kiosk: Kiosk): Promise<string> {
  const code = new URL(kiosk.launchUrl()).hash.replace('#boot=', '');
  const res = await request(kiosk.port, { method: 'POST', path: '/api/session', headers: { origin: `http://127.0.0.1:${kiosk.port}` }, body: { code } });
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${res.body}`);
  return cookie;
}

/** The shopper screen's socket of an in-process kiosk, as its page holds it. */
export interface ScreenWatch {
  /** Every snapshot the screen was sent, in order. */
  snapshots: Snapshot[];
  close(): void;
}

/** Signs in as the kiosk page and opens the screen's socket; resolves once the first snapshot has arrived. */
export async function watchSnapshots(kiosk: Kiosk): Promise<ScreenWatch> {
  const cookie = await login(kiosk);
  const origin = `http://127.0.0.1:${kiosk.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${kiosk.port}/ws`, { headers: { cookie, origin } });
  const snapshots: Snapshot[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const msg = ServerMessageSchema.parse(JSON.parse(data.toString()));
      if (msg.type !== 'snapshot') return;
      snapshots.push(msg.snapshot);
      resolve();
    });
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`the screen socket closed (${code}) before its first snapshot`)));
  });
  return { snapshots, close: () => ws.close() };
}
