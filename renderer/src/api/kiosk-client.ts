import type { ClientMessage, OrderView, ServerMessage, Snapshot } from '../../../contract/api.ts';
import type { Logger } from './logger.ts';
import { applyServerMessage, parseServerMessage, reconnectDelayMs, socketUrl } from './protocol.ts';
import { sessionState } from './session.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'expired';

type ShelfMessage = Extract<ServerMessage, { type: 'shelf' }>;

export interface ClientEvents {
  /** A new state (full snapshot or a change applied to it). `shelf` is set when a shelf message caused it. */
  onState(snapshot: Snapshot, shelf: { message: ShelfMessage; receivedAt: number } | null): void;
  onStatus(status: ConnectionStatus): void;
  /** An order of this kiosk changed (scanned, paid, expired…). */
  onOrder?(order: OrderView): void;
}

export interface KioskClient {
  start(): void;
  stop(): void;
  /** Sends an analytics message; dropped (and logged) while the socket is not open. */
  send(msg: ClientMessage): boolean;
}

/** Socket refusals in a row, with the server up, before we call the session expired. */
const AUTH_FAILURES_FOR_EXPIRED = 2;

/** Wall-clock ms with sub-ms precision, comparable with the service's trace timestamps. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The one client of the service's WebSocket: validates every frame, checks the revision
 * chain, reconnects with backoff capped at 2 s and resyncs from a fresh snapshot.
 */
export function createKioskClient(events: ClientEvents, logger: Logger): KioskClient {
  let socket: WebSocket | null = null;
  let snapshot: Snapshot | null = null;
  let attempt = 0;
  let authFailures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;
  let status: ConnectionStatus | null = null;

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    events.onStatus(next);
  };

  const handleMessage = (raw: unknown): void => {
    const receivedAt = wallNow();
    const parsed = parseServerMessage(raw);
    if (!parsed.ok) {
      logger.warn({ error: parsed.error }, 'ignored invalid server message');
      return;
    }
    const outcome = applyServerMessage(snapshot, parsed.value);
    if (outcome.kind === 'resync') {
      logger.info({ reason: outcome.reason, expected: outcome.expected, got: outcome.got }, 'resyncing from a fresh snapshot');
      reconnect(true);
      return;
    }
    snapshot = outcome.snapshot;
    const msg = parsed.value;
    if (msg.type === 'order') {
      events.onOrder?.(msg.order);
      return;
    }
    events.onState(outcome.snapshot, msg.type === 'shelf' ? { message: msg, receivedAt } : null);
  };

  const connect = (): void => {
    timer = null;
    if (stopped) return;
    let opened = false;
    const ws = new WebSocket(socketUrl(window.location));
    socket = ws;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      authFailures = 0;
      setStatus('open');
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (socket === ws) handleMessage(ev.data);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      logger.info({ code: ev.code, opened }, 'socket closed');
      if (!opened) void noteRefused();
      scheduleReconnect();
    };
  };

  // A browser cannot see the 401 behind a refused upgrade, so ask the service about the cookie.
  const noteRefused = async (): Promise<void> => {
    if ((await sessionState()) !== 'expired' || stopped) return;
    authFailures += 1;
    if (authFailures >= AUTH_FAILURES_FOR_EXPIRED) setStatus('expired');
  };

  const scheduleReconnect = (): void => {
    if (stopped || timer !== null) return;
    if (status !== 'expired') setStatus('reconnecting');
    const delay = reconnectDelayMs(attempt);
    attempt += 1;
    timer = setTimeout(connect, delay);
  };

  const reconnect = (immediate: boolean): void => {
    const ws = socket;
    socket = null;
    snapshot = null;
    if (ws !== null) ws.close(4000, 'resync');
    if (immediate) attempt = 0;
    scheduleReconnect();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      setStatus('connecting');
      connect();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      ws?.close(1000, 'stop');
    },
    send(msg) {
      if (socket === null || socket.readyState !== WebSocket.OPEN) {
        logger.debug({ type: msg.type }, 'dropped client message: socket not open');
        return false;
      }
      socket.send(JSON.stringify(msg));
      return true;
    },
  };
}
