import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BoardHealthState, ShelfEvent } from '../../contract/hardware.ts';
import { preciseNow, type ShelfCommand, type ShelfDriver, type ShelfEventListener } from '../driver.ts';
import { ChildConfigSchema, type ChildConfig, type SlotConfigInput } from './config.ts';
import { ChildMessageSchema, type ChildMessage, type ParentMessageInput } from './ipc.ts';
import { Backoff, LivenessMonitor } from './liveness.ts';

/** pino-compatible logger. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface FirmataDriverOptions {
  boardId: string;
  path: string;
  baudRate?: number;
  slots: SlotConfigInput[];
  logger?: Logger;
  /** A level must hold this long to count (design: ≥ 30 ms). */
  holdMs?: number;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  missesForLost?: number;
  /**
   * Kill and restart a child whose port is open but whose board is not ready this long after
   * (an Uno resets on open and boots in ≈ 2 s).
   */
  readyTimeoutMs?: number;
  /**
   * Kill and restart a child that has not opened its port this long after it was forked. Kept
   * apart from the ready timeout: on a busy or slow host loading johnny-five alone can take
   * longer than a board's boot, and one timeout for both killed every child before it opened
   * (a restart loop that never recovered while the host stayed busy).
   */
  startTimeoutMs?: number;
  /** Extra Node flags for the child (tests load a slow module with `--import` to act out a busy host). */
  childExecArgv?: string[];
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Raw rx chunks, for the flight recorder (costs an IPC message per chunk). */
  onRaw?: (chunk: Uint8Array, at: number) => void;
}

// From sources the child runs through tsx; from the compiled build (dist/app) as plain JavaScript.
const IS_COMPILED = import.meta.url.endsWith('.js');
const CHILD_PATH = fileURLToPath(new URL(IS_COMPILED ? './child.js' : './child.ts', import.meta.url));
const CHILD_EXEC_ARGV = IS_COMPILED ? [] : ['--import', 'tsx'];
const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A Firmata board as a ShelfDriver: johnny-five runs in a supervised child process
 * (child.ts); this side restarts it with capped backoff, probes liveness every 500 ms
 * (lost after 3 misses), turns accepted levels into lift/put, and never reports as a lift
 * what changed while the board was away.
 */
export class FirmataDriver implements ShelfDriver {
  readonly boardId: string;
  private readonly listeners = new Set<ShelfEventListener>();
  private readonly config: ChildConfig;
  private readonly log: Logger;
  private readonly liveness: LivenessMonitor;
  private readonly backoff: Backoff;
  private child: ChildProcess | null = null;
  private stopping = false;
  private ready = false;
  private everConnected = false;
  private lost = false;
  private degraded = false;
  private probeId = 0;
  private readyTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  /** Last accepted level per channel; survives child restarts. */
  private readonly levels = new Map<number, boolean>();
  private pendingInitial = new Set<number>();
  private offlineChanges: Array<{ channel: number; present: boolean; since: number }> = [];
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: FirmataDriverOptions) {
    this.boardId = options.boardId;
    this.log = options.logger ?? SILENT;
    this.config = ChildConfigSchema.parse({ path: options.path, baudRate: options.baudRate ?? 57600, slots: options.slots, holdMs: options.holdMs ?? 30, recordRaw: options.onRaw !== undefined });
    this.liveness = new LivenessMonitor({ intervalMs: options.probeIntervalMs ?? 500, timeoutMs: options.probeTimeoutMs ?? 350, missesForLost: options.missesForLost ?? 3 });
    this.backoff = new Backoff(options.backoffInitialMs ?? 100, options.backoffMaxMs ?? 2000);
  }

  /** The board process's pid while one runs (diagnostics, fault-injection tests). */
  get childPid(): number | null {
    return this.child?.pid ?? null;
  }

  onEvent(listener: ShelfEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<void> {
    this.stopping = false;
    this.spawnChild();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      this.sendToChild({ type: 'stop' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await this.exited;
      clearTimeout(killer);
    }
  }

  /** Firmata boards have no tare, calibration or LEDs here; a ping is the liveness probe. */
  send(_command: ShelfCommand): Promise<void> {
    return Promise.resolve();
  }

  private emit(event: ShelfEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, boardId: this.boardId }, 'shelf event listener threw');
      }
    }
  }

  private health(state: BoardHealthState, detail?: string): void {
    this.log.info({ boardId: this.boardId, state, detail }, 'firmata board health');
    this.emit({ kind: 'health', boardId: this.boardId, state, rxAt: preciseNow(), ...(detail ? { detail } : {}) });
  }

  private spawnChild(): void {
    this.ready = false;
    const child = fork(CHILD_PATH, [], { execArgv: [...CHILD_EXEC_ARGV, ...(this.options.childExecArgv ?? [])], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.on('data', (chunk: Buffer) => this.log.warn({ boardId: this.boardId, stderr: chunk.toString().slice(0, 2000) }, 'firmata child stderr'));
    child.stdout?.on('data', (chunk: Buffer) => this.log.debug({ boardId: this.boardId, stdout: chunk.toString().slice(0, 2000) }, 'firmata child stdout'));
    child.on('message', (raw: unknown) => this.onChildMessage(child, raw));
    child.once('exit', (code, signal) => this.onChildExit(child, code, signal));
    child.on('error', (error) => this.log.warn({ err: error, boardId: this.boardId }, 'firmata child error'));
    this.sendToChild({ type: 'start', config: this.config });
    this.readyTimer = setTimeout(() => this.abandon(child, 'board process did not open the port'), this.options.startTimeoutMs ?? 30_000);
  }

  /** The port is open: from now the board has readyTimeoutMs to answer the handshake. */
  private onOpened(child: ChildProcess): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => this.abandon(child, 'board did not become ready'), this.options.readyTimeoutMs ?? 6000);
  }

  private sendToChild(message: ParentMessageInput): void {
    const child = this.child;
    if (!child?.connected) return;
    child.send(message, (error) => {
      if (error) this.log.debug({ err: error, boardId: this.boardId }, 'send to firmata child failed');
    });
  }

  /** Kill a child that stopped answering; its exit schedules the restart. */
  private abandon(child: ChildProcess, reason: string): void {
    if (child !== this.child) return;
    this.markLost(reason);
    child.kill('SIGKILL');
  }

  private markLost(reason: string): void {
    this.clearTimers();
    this.ready = false;
    if (this.lost) return;
    this.lost = true;
    this.degraded = false;
    this.health('lost', reason);
  }

  private clearTimers(): void {
    for (const timer of [this.readyTimer, this.tickTimer, this.settleTimer]) if (timer) clearTimeout(timer);
    this.readyTimer = this.tickTimer = this.settleTimer = null;
  }

  private onChildExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = null;
    if (this.stopping) return;
    this.markLost(`board process exited (${signal ?? `code ${code}`})`);
    const delay = this.backoff.next();
    this.log.debug({ boardId: this.boardId, delay }, 'restarting firmata child');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawnChild();
    }, delay);
  }

  private onChildMessage(child: ChildProcess, raw: unknown): void {
    if (child !== this.child) return;
    const parsed = ChildMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn({ boardId: this.boardId, issues: parsed.error.issues.slice(0, 3) }, 'invalid message from firmata child');
      return;
    }
    this.handle(child, parsed.data);
  }

  private handle(child: ChildProcess, message: ChildMessage): void {
    switch (message.type) {
      case 'opened':
        return this.onOpened(child);
      case 'ready':
        return this.onReady(child, message.firmware, message.version, message.rxAt);
      case 'level':
        return this.onLevel(message.channel, message.present, message.since, message.initial);
      case 'alive':
        if (this.liveness.answered() && this.degraded) {
          this.degraded = false;
          this.health('connected', 'answering again');
        }
        return;
      case 'protocol-error':
        this.emit({ kind: 'protocol-error', boardId: this.boardId, error: message.error, detail: `${message.detail} ×${message.count}`, rxAt: message.rxAt });
        return;
      case 'rx':
        this.options.onRaw?.(Buffer.from(message.base64, 'base64'), message.at);
        return;
      case 'closed':
      case 'open-failed':
        this.log.info({ boardId: this.boardId, reason: message.reason }, `firmata child ${message.type}`);
        return;
      case 'log':
        this.log[message.level]({ boardId: this.boardId }, message.msg);
        return;
      default: {
        const never: never = message;
        throw new Error(`unhandled child message ${String(never)}`);
      }
    }
  }

  private onReady(child: ChildProcess, firmware: string, version: string, rxAt: number): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.ready = true;
    this.backoff.reset();
    this.liveness.reset();
    this.emit({ kind: 'hello', boardId: this.boardId, firmware: `${firmware} (Firmata ${version})`, channels: this.config.slots.length, rxAt });
    this.tickTimer = setInterval(() => this.tick(child), 50);
    // Report health once every slot told its level (or soon after), so the message can
    // say what changed while the board was away.
    this.pendingInitial = new Set(this.config.slots.map((s) => s.channel));
    this.offlineChanges = [];
    this.settleTimer = setTimeout(() => this.announceHealth(), 500);
  }

  private announceHealth(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    if (!this.ready) return;
    const changes = this.offlineChanges;
    this.offlineChanges = [];
    // Typed events for the service first; the health detail repeats them for people.
    for (const c of changes) this.emit({ kind: 'offline-change', boardId: this.boardId, channel: c.channel, change: c.present ? 'put' : 'lifted', count: null, rxAt: c.since });
    const detail = changes.length > 0 ? `changed while offline: ${changes.map((c) => `channel ${c.channel} ${c.present ? 'present' : 'absent'}`).join(', ')}` : undefined;
    const state: BoardHealthState = this.everConnected ? 'recovered' : 'connected';
    this.everConnected = true;
    this.lost = false;
    this.health(state, detail);
  }

  private tick(child: ChildProcess): void {
    const verdict = this.liveness.tick(preciseNow());
    if (verdict === 'probe') {
      this.probeId += 1;
      this.sendToChild({ type: 'probe', probeId: this.probeId });
    } else if (verdict === 'miss' && !this.degraded && this.liveness.consecutiveMisses >= 2) {
      this.degraded = true;
      this.health('degraded', `${this.liveness.consecutiveMisses} firmware queries unanswered`);
    } else if (verdict === 'lost') {
      this.abandon(child, 'no answer to 3 firmware queries');
    }
  }

  private onLevel(channel: number, present: boolean, since: number, initial: boolean): void {
    const previous = this.levels.get(channel);
    this.levels.set(channel, present);
    if (initial || previous === undefined) {
      // The shelf as it is now; a difference from before the outage is stock that changed
      // while nobody could see it — recorded, never shown as a shopper's lift.
      if (previous !== undefined && previous !== present) this.offlineChanges.push({ channel, present, since });
      this.pendingInitial.delete(channel);
      if (this.pendingInitial.size === 0 && this.settleTimer) this.announceHealth();
      return;
    }
    if (previous === present) return;
    this.emit({ kind: present ? 'put' : 'lift', boardId: this.boardId, channel, rxAt: since });
  }
}
