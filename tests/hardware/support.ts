import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { PortInfo } from '../../contract/hardware.ts';
import { ServerMessageSchema, type ServerMessage } from '../../contract/api.ts';
import type { EventEnvelope } from '../../contract/events.ts';
import { rowToEnvelope, type EventRow } from '../../db/events.ts';
import { loadConfig, type KioskConfig } from '../../service/config.ts';
import { createLogger } from '../../service/log.ts';
import { startKiosk, type Kiosk, type KioskHardwareOptions } from '../../service/kiosk.ts';
import { request, type RawResponse } from '../support/kiosk-in-process.ts';
import { loginAs } from '../support/staff-login.ts';
import { teardown } from '../support/teardown.ts';

/** A kiosk in this process (sim mode unless told otherwise) with a logged-in API client. */
export interface HwKiosk {
  kiosk: Kiosk;
  dataDir: string;
  cookie: string;
  /** Ports the injected lister returns; tests push ptys here. */
  ports: PortInfo[];
  api(method: string, pathname: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  json<T>(pathname: string): Promise<T>;
  events(type: string): EventEnvelope[];
  stop(): Promise<void>;
}

export async function startHwKiosk(options: KioskHardwareOptions & { config?: Partial<KioskConfig> } = {}): Promise<HwKiosk> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-hw-'));
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  const ports: PortInfo[] = [];
  const { config: configOverrides, ...hardwareOptions } = options;
  const config = loadConfig({}, { dataDir, port: 0, hardware: 'sim', rendererDir, logLevel: 'silent', ...configOverrides });
  const kiosk = await startKiosk(config, createLogger({ level: 'silent', stdout: false }), { listPorts: () => Promise.resolve([...ports]), tuning: { firmata: { readyTimeoutMs: 4000 } }, ...hardwareOptions });
  // Board set-up, flight recordings and the simulator need a signed-in supervisor (issue 9 roles).
  const cookie = await loginAs(kiosk, 'supervisor');
  const origin = `http://127.0.0.1:${kiosk.port}`;
  const api: HwKiosk['api'] = (method, pathname, body, headers = {}) => request(kiosk.port, { method, path: pathname, body, headers: { cookie, origin, ...headers } });
  return {
    kiosk,
    dataDir,
    cookie,
    ports,
    api,
    async json<T>(pathname: string): Promise<T> {
      const res = await api('GET', pathname);
      if (res.status !== 200) throw new Error(`${pathname}: ${res.status} ${res.body}`);
      return JSON.parse(res.body) as T;
    },
    events(type) {
      const rows = kiosk.db.prepare('SELECT * FROM events WHERE type = ? ORDER BY seq').all(type) as EventRow[];
      return rows.map((r) => rowToEnvelope(r, 'test'));
    },
    stop: () =>
      teardown([
        ['kiosk', () => kiosk.stop()],
        ['data dir', () => fs.rmSync(dataDir, { recursive: true, force: true })],
      ]),
  };
}

/** A WebSocket client of the shopper screen's socket, keeping every message. */
export interface ScreenClient {
  messages: Array<{ at: number; msg: ServerMessage; raw: string }>;
  waitFor(predicate: (m: ServerMessage) => boolean, timeoutMs: number, after?: number): Promise<ServerMessage>;
  /** Shelf messages from message index `from` on, as `kind:slotId` (a mark by index, not by clock: two messages can share a millisecond). */
  shelfSince(from: number): string[];
  close(): void;
}

export async function connectScreen(hw: HwKiosk): Promise<ScreenClient> {
  const cookie = hw.cookie;
  const ws = new WebSocket(`ws://127.0.0.1:${hw.kiosk.port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${hw.kiosk.port}` } });
  const messages: ScreenClient['messages'] = [];
  ws.on('message', (data: Buffer) => {
    const raw = data.toString('utf8');
    messages.push({ at: Date.now(), msg: ServerMessageSchema.parse(JSON.parse(raw)), raw });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    messages,
    async waitFor(predicate, timeoutMs, after = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.at >= after && predicate(m.msg));
        if (found) return found.msg;
        if (Date.now() > deadline) throw new Error(`no such message within ${timeoutMs} ms; got ${messages.map((m) => m.raw.slice(0, 200)).join('\n')}`);
        await sleep(10);
      }
    },
    shelfSince: (from) => messages.slice(from).flatMap((m) => (m.msg.type === 'shelf' ? [`${m.msg.cause.kind}:${m.msg.cause.slotId}`] : [])),
    close: () => ws.close(),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Board state as /api/status reports it to screens. */
export async function boardState(hw: HwKiosk, boardId: string): Promise<string | undefined> {
  const status = await hw.json<{ boards: Array<{ boardId: string; state: string }> }>('/api/status');
  return status.boards.find((b) => b.boardId === boardId)?.state;
}

/** Polls until `check` returns true; resolves with the elapsed ms, rejects after `timeoutMs`. */
export async function within(timeoutMs: number, check: () => Promise<boolean> | boolean, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}
