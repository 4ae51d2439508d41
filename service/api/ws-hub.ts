import type { WebSocket } from 'ws';
import type { ServerMessage, Snapshot } from '../../contract/api.ts';
import type { Logger } from '../log.ts';

/** A client whose unsent data grows past this is dropped; it reconnects and resyncs from a snapshot. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

type Change = ServerMessage extends infer M ? (M extends { rev: number } ? Omit<M, 'rev'> : never) : never;

/**
 * Fan-out of state to shopper screens: a snapshot with a revision on connect, then every
 * change with the next revision. Slow clients are cut, never allowed to grow memory.
 */
export class WsHub {
  private readonly clients = new Set<WebSocket>();
  private rev = 0;

  constructor(
    private readonly snapshot: (rev: number) => Snapshot,
    private readonly logger: Logger,
  ) {}

  add(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', (err) => this.logger.warn({ err }, 'websocket client error'));
    this.sendTo(ws, JSON.stringify({ type: 'snapshot', snapshot: this.snapshot(this.rev) } satisfies ServerMessage));
  }

  /** Sends a change to every client, stamped with the next revision. */
  broadcast(change: Change): void {
    this.rev += 1;
    const text = JSON.stringify({ ...change, rev: this.rev });
    for (const ws of this.clients) this.sendTo(ws, text);
  }

  /** Sends a fresh snapshot to everyone (content activated, settings changed). */
  resync(): void {
    this.rev += 1;
    const text = JSON.stringify({ type: 'snapshot', snapshot: this.snapshot(this.rev) } satisfies ServerMessage);
    for (const ws of this.clients) this.sendTo(ws, text);
  }

  size(): number {
    return this.clients.size;
  }

  closeAll(): void {
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
  }

  private sendTo(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn({ buffered: ws.bufferedAmount }, 'websocket client too slow: dropping it so it resyncs');
      ws.terminate();
      this.clients.delete(ws);
      return;
    }
    ws.send(text);
  }
}
