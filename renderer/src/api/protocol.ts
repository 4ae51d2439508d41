import { ServerMessageSchema, type ServerMessage, type Snapshot } from '../../../contract/api.ts';

/** Result of parsing one WebSocket frame. */
export type ParseResult = { ok: true; value: ServerMessage } | { ok: false; error: string };

/** Parses and validates one server frame; never throws (bad frames are logged and ignored). */
export function parseServerMessage(raw: unknown): ParseResult {
  if (typeof raw !== 'string') return { ok: false, error: 'non-text frame' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'invalid JSON' };
  }
  const parsed = ServerMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, value: parsed.data };
}

/** What applying a message to the current state means for the client. */
export type ApplyOutcome =
  | { kind: 'state'; snapshot: Snapshot }
  /** The stream cannot be continued: close and reconnect to get a fresh snapshot. */
  | { kind: 'resync'; reason: 'no-snapshot' | 'gap' | 'content'; expected?: number; got?: number };

/**
 * Applies a server message to the last snapshot. Every message after a snapshot must carry
 * rev = previous + 1; anything else (a gap, a replay) means we missed a change, so the only
 * safe move is a fresh snapshot rather than guessing.
 */
export function applyServerMessage(current: Snapshot | null, msg: ServerMessage): ApplyOutcome {
  if (msg.type === 'snapshot') return { kind: 'state', snapshot: msg.snapshot };
  if (current === null) return { kind: 'resync', reason: 'no-snapshot' };
  const expected = current.rev + 1;
  if (msg.rev !== expected) return { kind: 'resync', reason: 'gap', expected, got: msg.rev };
  switch (msg.type) {
    case 'shelf':
      return { kind: 'state', snapshot: { ...current, rev: msg.rev, lifted: msg.lifted } };
    case 'boards':
      return { kind: 'state', snapshot: { ...current, rev: msg.rev, boards: msg.boards } };
    case 'order':
      // Orders live beside the snapshot (the client hands them on); the revision still advances.
      return { kind: 'state', snapshot: { ...current, rev: msg.rev } };
    case 'content':
      // New content was activated: media, QR codes and products all change, so take a new snapshot.
      return { kind: 'resync', reason: 'content' };
    default: {
      const never: never = msg;
      return never;
    }
  }
}

/** Reconnect delay: immediate first retry, then doubling, capped at 2 s (DESIGN §2). */
export function reconnectDelayMs(attempt: number, capMs = 2000): number {
  if (attempt <= 0) return 0;
  return Math.min(capMs, 100 * 2 ** (attempt - 1));
}

/** Reads the single-use boot code from a URL fragment like `#boot=<code>`. */
export function readBootCode(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const code = params.get('boot');
  return code !== null && code.length > 0 ? code : null;
}

/** The socket URL on the page's own origin. */
export function socketUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}
