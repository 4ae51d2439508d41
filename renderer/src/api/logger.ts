/** pino-compatible logger shape; the renderer has no pino, so it gets a small in-memory one. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  at: number;
  msg: string;
  obj: object;
}

/**
 * Keeps the last `capacity` entries (memory stays flat over a long soak) and hands warnings
 * and errors to `sink`, which main.tsx points at the page console: that is the channel
 * Electron's shell (console-message) and Playwright both capture.
 */
export function createRingLogger(capacity: number, sink?: (entry: LogEntry) => void): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const write = (level: LogEntry['level']) => (obj: object, msg = ''): void => {
    const entry = { level, at: Date.now(), msg, obj };
    entries.push(entry);
    if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    if (sink && (level === 'warn' || level === 'error')) sink(entry);
  };
  return { logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }, entries };
}
