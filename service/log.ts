import pino from 'pino';
import fs from 'node:fs';
import path from 'node:path';
import { restrictFiles, secureDir } from './data-dir.ts';

export type Logger = pino.Logger;

const MAX_LOG_BYTES = 10 * 1024 * 1024;
const KEEP_ROTATED = 3;

/** Paths and fields whose values never reach a log line. */
export const REDACT = [
  'token', 'code', 'pin', 'secret', 'cookie', 'authorization',
  '*.token', '*.code', '*.pin', '*.secret', '*.cookie', '*.authorization',
  // Two levels down too: {req: {headers: {authorization}}}, {sync: {credentials: {token}}}.
  '*.*.token', '*.*.secret', '*.*.cookie', '*.*.authorization',
];

/** Shifts kiosk.log → kiosk.log.1 … when it is over the cap, so logs stay bounded. */
function rotateIfLarge(file: string): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size < MAX_LOG_BYTES) return;
  for (let i = KEEP_ROTATED - 1; i >= 1; i--) {
    if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  fs.renameSync(file, `${file}.1`);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * One readable line per record for a person at a terminal (`npm start`): `kiosk warning: msg`.
 * The structured record, error stacks included, stays in the log file.
 */
export function formatTerminalLine(json: string): string {
  try {
    const rec = JSON.parse(json) as { level?: number; msg?: string; component?: string };
    const level = LEVEL_NAMES[rec.level ?? 30] ?? 'info';
    return `kiosk ${level}${rec.component ? ` (${rec.component})` : ''}: ${rec.msg ?? ''}\n`;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
}

function terminalLines(out: NodeJS.WritableStream): { write(chunk: string): boolean } {
  return { write: (chunk: string) => out.write(formatTerminalLine(chunk.trimEnd())) };
}

/**
 * The one logger factory: structured JSON to `<dataDir>/logs/kiosk.log` (rotated at start when
 * over 10 MiB, 3 kept) and to stdout, with secrets redacted. Components take `logger.child({component})`.
 */
export function createLogger(opts: { dataDir?: string; level: string; stdout?: boolean; stdoutLevel?: pino.Level; stdoutFormat?: 'json' | 'line' }): Logger {
  const streams: pino.StreamEntry[] = [];
  if (opts.dataDir) {
    // Owner-only: logs name boards, kiosks and errors (secrets are redacted, but still).
    secureDir(opts.dataDir);
    const dir = path.join(opts.dataDir, 'logs');
    secureDir(dir);
    const file = path.join(dir, 'kiosk.log');
    rotateIfLarge(file);
    restrictFiles(file, `${file}.1`, `${file}.2`, `${file}.3`);
    streams.push({ level: opts.level as pino.Level, stream: pino.destination({ dest: file, sync: false, mode: 0o600 }) });
  }
  if (opts.stdout !== false) streams.push({ level: opts.stdoutLevel ?? (opts.level as pino.Level), stream: opts.stdoutFormat === 'line' ? terminalLines(process.stdout) : process.stdout });
  return pino({ level: opts.level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.multistream(streams));
}
