import type { BoardSetup, HardwareBoardStatus, PortInfo, ShelfEvent } from '../../contract/hardware.ts';
import { FirmataDriver, type FirmataDriverOptions } from '../../hardware/firmata/index.ts';
import { ShelfNodeDriver } from '../../hardware/shelf-node/driver.ts';
import { preciseNow } from '../../hardware/driver.ts';
import type { FlightRecorder } from '../../hardware/recorder/index.ts';
import { resolvePort, type PortLister, type ResolvedVia } from '../hardware-config/ports.ts';
import type { Logger } from '../log.ts';

type LinkState = 'absent' | 'connected' | 'degraded' | 'lost' | 'recovered';

export interface BoardRunnerOptions {
  setup: BoardSetup;
  /** Staff confirmed this board's identity (needed for by-path / plain-path Firmata boards). */
  confirmed: boolean;
  /** A simulator the service itself started: trusted, identity not checked. */
  sim: boolean;
  listPorts: PortLister;
  recorder: FlightRecorder;
  logger: Logger;
  /** Events that passed the identity checks (lift/put/weight only from a trusted board). */
  onEvent(event: ShelfEvent): void;
  /** How often an absent or lost board's port is looked for (DESIGN §3: every second). */
  pollMs?: number;
  /**
   * Shelf-node silence before `lost`. The driver's default (2.5 s, two missed heartbeats)
   * plus its tick can exceed the 2 s detection bar when a board goes quiet just after a
   * heartbeat; 1.6 s (one missed heartbeat, a re-PING after 1 s unanswered, 600 ms of
   * slack for a busy event loop) checked every 100 ms detects within ~1.7 s.
   */
  shelfNodeLostAfterMs?: number;
  firmata?: Partial<FirmataDriverOptions>;
}

type Driver = ShelfNodeDriver | FirmataDriver;

/**
 * One configured board: finds its port (polling every second while it is absent), runs its
 * driver, checks its identity, taps the flight recorder, and keeps the health and error
 * counts the status page shows. A Firmata board whose port vanished is parked (no child
 * process churn) and started again, as the same driver, when the port returns — so the
 * driver can tell what changed while it was away.
 */
export class BoardRunner {
  readonly boardId: string;
  confirmed: boolean;
  private driver: Driver | null = null;
  private parked = false;
  private path: string | null = null;
  private via: ResolvedVia | null = null;
  private link: LinkState = 'absent';
  private detail: string | undefined;
  private reportedBoardId: string | null = null;
  private firmware: string | null = null;
  private readonly errors: Record<string, number> = {};
  private lastEventAt: number | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  private announcedAbsent = false;
  private listingFailed = false;

  constructor(private readonly options: BoardRunnerOptions) {
    this.boardId = options.setup.boardId;
    this.confirmed = options.confirmed;
  }

  get setup(): BoardSetup {
    return this.options.setup;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.poll();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    const driver = this.driver;
    this.driver = null;
    await driver?.stop();
  }

  /** Lifts count only from a board we are sure of: a simulator, a shelf-node whose HELLO matched, a Firmata board by serial number or confirmed by staff. */
  isTrusted(): boolean {
    if (this.options.sim) return true;
    if (this.setup.protocol === 'shelf-node') return this.reportedBoardId === this.boardId;
    return this.via === 'serial-number' || this.confirmed;
  }

  status(): Omit<HardwareBoardStatus, 'sensors'> {
    const trouble = this.identityTrouble();
    const up = this.link === 'connected' || this.link === 'recovered';
    const protocolErrors = Object.values(this.errors).reduce((a, b) => a + b, 0);
    return {
      boardId: this.boardId,
      protocol: this.setup.protocol,
      state: up && trouble ? 'degraded' : this.link,
      ...(trouble && up ? { detail: trouble } : this.detail !== undefined ? { detail: this.detail } : {}),
      path: this.path,
      identity: this.options.sim ? 'sim' : this.setup.protocol === 'shelf-node' ? 'hello' : (this.via ?? (this.setup.port.serialNumber ? 'serial-number' : this.setup.port.byPath ? 'by-path' : 'path')),
      confirmed: this.isTrusted(),
      sim: this.options.sim,
      protocolErrors,
      errorsByKind: { ...this.errors },
      firmware: this.firmware,
      reportedBoardId: this.reportedBoardId,
      lastEventAt: this.lastEventAt,
    };
  }

  /** The running driver (sim controls and diagnostics). */
  currentDriver(): Driver | null {
    return this.driver;
  }

  private identityTrouble(): string | undefined {
    if (this.options.sim || this.isTrusted()) return undefined;
    if (this.setup.protocol === 'shelf-node') {
      return this.reportedBoardId === null ? undefined : `board says it is ${this.reportedBoardId}, configured as ${this.boardId}: lifts ignored`;
    }
    return 'identity not confirmed by staff: lifts ignored (POST /api/hardware/boards/:id/confirm)';
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.stopped) return;
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 1000);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    // Nothing to look for while the board talks to us.
    if (this.driver && !this.parked && (this.link === 'connected' || this.link === 'recovered' || this.link === 'degraded')) return;
    this.polling = true;
    try {
      let ports: PortInfo[] = [];
      try {
        ports = await this.options.listPorts();
        this.listingFailed = false;
      } catch (err) {
        // Polled every second: say it once, not every second, until listing works again.
        if (!this.listingFailed) this.options.logger.warn({ err, boardId: this.boardId }, 'port listing failed');
        this.listingFailed = true;
      }
      if (!this.stopped) await this.reconcile(resolvePort(this.setup.port, ports));
    } finally {
      this.polling = false;
    }
  }

  private async reconcile(found: { path: string; via: ResolvedVia } | null): Promise<void> {
    if (!found) {
      if (!this.driver && !this.announcedAbsent) {
        this.announcedAbsent = true;
        this.synthHealth('lost', 'port not found');
      }
      if (this.driver && !this.parked && this.setup.protocol === 'firmata' && this.link === 'lost') {
        this.parked = true;
        await this.driver.stop();
      }
      return;
    }
    this.via = found.via;
    if (this.driver && found.path !== this.path) {
      // Re-enumerated under another name (same serial number or socket): a new driver there.
      this.options.logger.info({ boardId: this.boardId, from: this.path, to: found.path }, 'board moved to another port');
      const old = this.driver;
      this.driver = null;
      await old.stop();
    }
    this.path = found.path;
    if (!this.driver) {
      this.driver = this.createDriver(found.path);
      this.parked = false;
      await this.driver.start();
    } else if (this.parked) {
      this.parked = false;
      await this.driver.start();
    }
  }

  private createDriver(path: string): Driver {
    const { setup, recorder, logger } = this.options;
    const boardId = this.boardId;
    const driver: Driver =
      setup.protocol === 'shelf-node'
        ? new ShelfNodeDriver({
            boardId,
            path,
            baudRate: setup.baudRate,
            logger,
            lostAfterMs: this.options.shelfNodeLostAfterMs ?? 1600,
            tickMs: 100,
            onRaw: (dir, bytes, at) => recorder.recordChunk(boardId, dir, bytes, at),
          })
        : new FirmataDriver({
            boardId,
            path,
            baudRate: setup.baudRate,
            slots: setup.slots,
            logger,
            onRaw: (chunk, at) => recorder.recordChunk(boardId, 'rx', chunk, at),
            ...this.options.firmata,
          });
    driver.onEvent((event) => this.onDriverEvent(event));
    return driver;
  }

  private synthHealth(state: 'lost' | 'degraded', detail: string): void {
    this.onDriverEvent({ kind: 'health', boardId: this.boardId, state, detail, rxAt: preciseNow() });
  }

  private onDriverEvent(event: ShelfEvent): void {
    if (event.kind !== 'weight') {
      this.lastEventAt = event.rxAt;
      this.options.recorder.recordEvent(this.boardId, event, event.rxAt);
    }
    switch (event.kind) {
      case 'health':
        this.link = event.state;
        this.detail = event.detail;
        if (event.state === 'lost') this.schedulePoll();
        break;
      case 'protocol-error': {
        const repeats = /×(\d+)$/.exec(event.detail);
        this.errors[event.error] = (this.errors[event.error] ?? 0) + (repeats ? Number(repeats[1]) : 1);
        break;
      }
      case 'hello':
        this.onHello(event.boardId, event.firmware);
        break;
      case 'lift':
      case 'put':
      case 'weight':
      case 'offline-change':
        if (!this.isTrusted()) return;
        break;
      default: {
        const never: never = event;
        return never;
      }
    }
    this.options.onEvent(event);
  }

  private onHello(reported: string, firmware: string): void {
    const before = this.reportedBoardId;
    this.reportedBoardId = reported;
    this.firmware = firmware;
    if (this.setup.protocol !== 'shelf-node' || this.options.sim || reported === this.boardId || reported === before) return;
    // A different board on this port (swapped cables, or a fresh board with id "unset"):
    // recorded as health; the link itself is fine, so `link` is left alone.
    const detail = `board says it is ${reported}, configured as ${this.boardId}: lifts ignored`;
    this.options.logger.warn({ configured: this.boardId, reported }, 'a different shelf-node board is on this port: its lifts are ignored');
    queueMicrotask(() => this.options.onEvent({ kind: 'health', boardId: this.boardId, state: 'degraded', detail, rxAt: preciseNow() }));
  }
}
