import { pathToFileURL } from 'node:url';
import type { ParentMessage } from '../ipc.ts';
import { judgeScreen, RestartBudget, type RestartBudgetOptions, type WatchdogOptions } from './policy.ts';
import type { SupervisorHealth } from './health-queue.ts';
import { ReleaseTrial, type ReleaseTrialEvent, type UpdateSwitch } from './release-trial.ts';

/**
 * One supervisor for both shells (issue 14): the Electron shell and the browser fallback give it
 * a service host and a screen host; it starts both, restarts a dead service (the page reconnects
 * by itself), reloads then recreates a dead or hung screen, and after too many failures shows
 * the staff error screen and queues a health event. Decisions come from policy.ts; a staged
 * release's trial and rollback live in release-trial.ts.
 */

/** The kiosk service process, as a shell runs it (Node child process, Electron utilityProcess). */
export interface ServiceHost {
  /** Starts a new service process; the handlers get its IPC messages and its exit. */
  start(handlers: { onMessage(msg: ParentMessage): void; onExit(detail: string): void }): void;
  /** Asks the running service for a URL carrying a fresh single-use boot code. */
  bootUrl(pathname: string): Promise<string>;
  /** Tells the running service that health events were queued (health-flush). */
  flushHealth(): void;
  /** Stops the running service (SIGTERM, then SIGKILL after a grace). */
  stop(): Promise<void>;
}

/** The shopper screen (Chromium in app mode, an Electron BrowserWindow). */
export interface ScreenHost {
  /** Creates the window/browser and loads `url`; `onGone` is called once when it dies. */
  open(url: string, onGone: (detail: string) => void): Promise<void>;
  /** Reloads the page in place with a fresh boot URL (breaking a busy loop first if needed). */
  reload(url: string): Promise<void>;
  /** Shows the static staff error page (a file the supervisor wrote). */
  showError(file: string): Promise<void>;
  /** Closes the window/browser (no `onGone` for a close we asked for). */
  close(): Promise<void>;
}

export interface SupervisorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemSupervisorClock: SupervisorClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/** What the supervisor did, for logs, tests and the bench. */
export type SupervisorEvent =
  | { type: 'service-start'; at: number }
  | { type: 'service-ready'; port: number; at: number }
  | { type: 'service-exit'; detail: string; at: number }
  | { type: 'screen-opened'; at: number }
  | { type: 'screen-beat'; screen: string; longTaskMs: number; at: number }
  | { type: 'screen-gone'; detail: string; at: number }
  | { type: 'screen-reload'; reason: string; at: number }
  | { type: 'screen-recreate'; reason: string; at: number }
  | { type: 'give-up'; part: 'service' | 'screen'; at: number }
  | { type: 'error-screen'; at: number }
  | { type: 'update-waiting'; seq: number; at: number }
  | ReleaseTrialEvent;

export interface SupervisorDeps {
  service: ServiceHost;
  /** Null when no window can be opened (no display): the service is still supervised. */
  screen: ScreenHost | null;
  serviceBudget: RestartBudgetOptions;
  screenBudget: RestartBudgetOptions;
  watchdog: WatchdogOptions;
  /** Queues a health event for the platform (health-queue.ts). */
  queueHealth(event: SupervisorHealth): void;
  /**
   * A static "starting" page shown while the service starts, so the browser/window starts in
   * parallel with the service instead of after it (start time, issue 14). Optional.
   */
  startingPage?(): string;
  /** Writes the staff error page for a part given up; returns its path. */
  writeErrorPage(part: 'service' | 'screen', failures: number): string;
  log(level: 'info' | 'warn' | 'error', msg: string, detail?: Record<string, unknown>): void;
  clock?: SupervisorClock;
  /** Staged updates (fallback: versioned app directories); absent where the shell updates itself. */
  updates?: UpdateSwitch;
  /** How often the watchdog looks at the screen. */
  tickMs?: number;
}

/** Runs the service and the screen and keeps them running. */
export class KioskSupervisor {
  private readonly clock: SupervisorClock;
  private readonly serviceBudget: RestartBudget;
  private readonly screenBudget: RestartBudget;
  private readonly listeners: Array<(e: SupervisorEvent) => void> = [];
  private stopping = false;
  private serviceUp = false;
  private serviceUpSince = 0;
  private port: number | null = null;
  private screenOpen = false;
  private screenStartedAt = 0;
  private lastBeatAt: number | null = null;
  private lastLongTaskMs = 0;
  private reloadedAt: number | null = null;
  private errorShown = false;
  /** The screen shows the kiosk page (not the starting or the error page). */
  private kioskShown = false;
  private busy = false;
  /** The starting page is being opened (in parallel with the service's start). */
  private opening: Promise<void> | null = null;
  /** A reload/recreate is scheduled: the watchdog waits for it. */
  private recovering = false;
  private tick: { cancel(): void } | null = null;
  private readonly releases: ReleaseTrial;
  /** The service is being restarted on purpose (a switch): its exit is no failure. */
  private restartingOnPurpose = false;
  private pending: { cancel(): void } | null = null;

  constructor(private readonly deps: SupervisorDeps) {
    this.clock = deps.clock ?? systemSupervisorClock;
    this.serviceBudget = new RestartBudget(deps.serviceBudget, () => this.clock.now());
    this.screenBudget = new RestartBudget(deps.screenBudget, () => this.clock.now());
    this.releases = new ReleaseTrial({ updates: deps.updates, hasScreen: deps.screen !== null, now: () => this.clock.now(), emit: (e) => this.emit(e), log: (level, msg, detail) => deps.log(level, msg, detail) });
  }

  on(listener: (e: SupervisorEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The local API port of the running service, null while it is down. */
  servicePort(): number | null {
    return this.serviceUp ? this.port : null;
  }

  start(): void {
    this.startService();
    const screen = this.deps.screen;
    const starting = this.deps.startingPage?.();
    if (screen !== null && starting !== undefined) {
      this.opening = screen
        .open(pathToFileURL(starting).toString(), (d) => this.onScreenGone(d))
        .then(() => {
          this.screenOpen = true;
        })
        .catch((err: unknown) => this.deps.log('error', 'could not open the starting screen', { err: String(err) }))
        .finally(() => {
          this.opening = null;
        });
    }
    this.scheduleTick();
  }

  /** Stops the screen and the service; nothing is restarted afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.tick?.cancel();
    this.pending?.cancel();
    await Promise.allSettled([this.deps.screen?.close(), this.deps.service.stop()]);
  }

  private emit(e: SupervisorEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private startService(): void {
    if (this.stopping) return;
    this.emit({ type: 'service-start', at: this.clock.now() });
    this.deps.service.start({
      onMessage: (msg) => this.onServiceMessage(msg),
      onExit: (detail) => this.onServiceExit(detail),
    });
  }

  private onServiceMessage(msg: ParentMessage): void {
    const at = this.clock.now();
    switch (msg.type) {
      case 'ready': {
        const moved = this.port !== null && this.port !== msg.port;
        this.serviceUp = true;
        this.serviceUpSince = at;
        this.port = msg.port;
        this.emit({ type: 'service-ready', port: msg.port, at });
        this.deps.service.flushHealth();
        // First start, the error page is showing, or the service had to take another port (the
        // page's origin is gone): (re)open the page. Otherwise an open page reconnects by itself
        // (its socket retries with backoff capped at 2 s).
        if (!this.screenOpen || !this.kioskShown || moved) void this.openScreen();
        return;
      }
      case 'screen-beat':
        this.lastBeatAt = at;
        this.lastLongTaskMs = msg.longTaskMs;
        this.reloadedAt = null;
        this.emit({ type: 'screen-beat', screen: msg.screen, longTaskMs: msg.longTaskMs, at });
        if (this.releases.isActive() && this.serviceUp) {
          this.releases.screenPainted();
          this.judgeTrial();
        }
        return;
      case 'boot-url':
        return;
      case 'health':
        if (this.releases.isActive()) {
          this.releases.health(msg.boardsSeen, msg.platformReached);
          this.judgeTrial();
        }
        return;
      case 'update-waiting':
        this.emit({ type: 'update-waiting', seq: msg.seq, at });
        return;
      case 'update-apply':
        this.applyUpdate(msg.seq, msg.version, msg.dir);
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private onServiceExit(detail: string): void {
    this.serviceUp = false;
    const at = this.clock.now();
    this.emit({ type: 'service-exit', detail, at });
    if (this.stopping) return;
    if (this.restartingOnPurpose) {
      this.restartingOnPurpose = false;
      this.startService();
      return;
    }
    if (this.releases.isActive()) {
      // A new version that dies on trial is rolled back at once; the old one starts in its place.
      this.releases.rollBack(`service ${detail} during its trial`);
      this.startService();
      return;
    }
    const decision = this.serviceBudget.fail();
    this.deps.log('warn', 'kiosk service exited', { detail, failuresInWindow: decision.failuresInWindow });
    if (decision.kind === 'restart') {
      this.record({ part: 'service', action: 'restart', reason: detail, failuresInWindow: decision.failuresInWindow });
      this.pending = this.clock.setTimeout(() => this.startService(), decision.delayMs);
      return;
    }
    void this.giveUp('service', decision.failuresInWindow, detail);
    this.pending = this.clock.setTimeout(() => this.startService(), decision.retryInMs);
  }

  private record(e: Omit<SupervisorHealth, 'at'>): void {
    try {
      this.deps.queueHealth({ ...e, reason: e.reason.slice(0, 200), at: new Date(this.clock.now()).toISOString() });
      if (this.serviceUp) this.deps.service.flushHealth();
    } catch (err) {
      this.deps.log('error', 'could not queue a health event', { err: String(err) });
    }
  }

  private async giveUp(part: 'service' | 'screen', failures: number, reason: string): Promise<void> {
    const at = this.clock.now();
    this.deps.log('error', `${part} failed ${failures} times: showing the staff error screen`, { reason });
    this.record({ part, action: 'give-up', reason, failuresInWindow: failures });
    this.emit({ type: 'give-up', part, at });
    const screen = this.deps.screen;
    if (screen === null) return;
    const file = this.deps.writeErrorPage(part, failures);
    try {
      // A screen that keeps dying is started once more, just to show the error page.
      if (!this.screenOpen) await screen.open(pathToFileURL(file).toString(), (d) => this.onScreenGone(d));
      else await screen.showError(file);
      this.screenOpen = true;
      this.errorShown = true;
      this.kioskShown = false;
      this.emit({ type: 'error-screen', at: this.clock.now() });
    } catch (err) {
      this.deps.log('error', 'could not show the error screen', { err: String(err) });
    }
  }

  private async openScreen(): Promise<void> {
    const screen = this.deps.screen;
    if (screen === null || this.stopping || this.busy) return;
    this.busy = true;
    try {
      if (this.opening !== null) await this.opening;
      const url = await this.deps.service.bootUrl('/');
      // Reset before loading: the page's first heartbeat can arrive before open() resolves.
      this.markScreenStarted();
      if (this.screenOpen) {
        await screen.reload(url);
      } else {
        await screen.open(url, (d) => this.onScreenGone(d));
        this.screenOpen = true;
      }
      this.errorShown = false;
      this.kioskShown = true;
      this.emit({ type: 'screen-opened', at: this.screenStartedAt });
    } catch (err) {
      // The service died meanwhile: its next 'ready' opens the screen again.
      if (!this.stopping && this.serviceUp) this.deps.log('error', 'could not open the kiosk screen', { err: String(err) });
    } finally {
      this.busy = false;
    }
  }

  private markScreenStarted(): void {
    this.screenStartedAt = this.clock.now();
    this.lastBeatAt = null;
    this.reloadedAt = null;
  }

  private onScreenGone(detail: string): void {
    this.screenOpen = false;
    this.kioskShown = false;
    this.emit({ type: 'screen-gone', detail, at: this.clock.now() });
    if (this.stopping) return;
    this.screenFailed('recreate', detail);
  }

  /** A dead or hung screen: reload or recreate it within the screen's budget, else give it up. */
  private screenFailed(action: 'reload' | 'recreate', reason: string): void {
    const decision = this.screenBudget.fail();
    this.deps.log('warn', `kiosk screen: ${action}`, { reason, failuresInWindow: decision.failuresInWindow });
    if (decision.kind === 'give-up') {
      void this.giveUp('screen', decision.failuresInWindow, reason);
      this.pending = this.clock.setTimeout(() => void this.openScreen(), decision.retryInMs);
      return;
    }
    this.record({ part: 'screen', action, reason, failuresInWindow: decision.failuresInWindow });
    this.recovering = true;
    this.pending = this.clock.setTimeout(() => void this.recoverScreen(action, reason), action === 'reload' ? 0 : decision.delayMs);
  }

  private async recoverScreen(action: 'reload' | 'recreate', reason: string): Promise<void> {
    this.recovering = false;
    const screen = this.deps.screen;
    // With the service down there is no boot URL: the service's 'ready' reopens the screen.
    if (screen === null || this.stopping || this.busy || !this.serviceUp) return;
    this.busy = true;
    const at = this.clock.now();
    try {
      const url = await this.deps.service.bootUrl('/');
      if (action === 'reload' && this.screenOpen) {
        this.emit({ type: 'screen-reload', reason, at });
        this.reloadedAt = at;
        await screen.reload(url);
      } else {
        this.emit({ type: 'screen-recreate', reason, at });
        if (this.screenOpen) await screen.close();
        this.screenOpen = false;
        this.markScreenStarted();
        await screen.open(url, (d) => this.onScreenGone(d));
        this.screenOpen = true;
        this.kioskShown = true;
      }
    } catch (err) {
      this.deps.log('error', `kiosk screen ${action} failed`, { err: String(err) });
    } finally {
      this.busy = false;
    }
  }

  /** Switches to a staged release and restarts the service from it; the trial starts now. */
  private applyUpdate(seq: number, version: string, dir: string): void {
    if (this.stopping || !this.releases.begin(seq, version, dir)) return;
    this.restartingOnPurpose = true;
    void this.deps.service.stop();
  }

  /** Judges a release on trial while its service is up; a rollback restarts the service (now the old release). */
  private judgeTrial(): void {
    if (!this.serviceUp || this.restartingOnPurpose) return;
    if (this.releases.judge() !== 'rolled-back') return;
    this.restartingOnPurpose = true;
    void this.deps.service.stop();
  }

  private scheduleTick(): void {
    if (this.stopping) return;
    this.tick = this.clock.setTimeout(() => {
      this.judgeTrial();
      this.watch();
      this.scheduleTick();
    }, this.deps.tickMs ?? 500);
  }

  private watch(): void {
    if (!this.screenOpen || this.errorShown || this.busy || this.recovering || this.opening !== null || this.deps.screen === null || this.screenStartedAt === 0) return;
    const now = this.clock.now();
    const verdict = judgeScreen(
      { startedAt: this.screenStartedAt, lastBeatAt: this.lastBeatAt, reloadedAt: this.reloadedAt, lastLongTaskMs: this.lastLongTaskMs, serviceUp: this.serviceUp, serviceUpSince: this.serviceUpSince },
      now,
      this.deps.watchdog,
    );
    if (verdict.kind === 'ok') return;
    this.lastLongTaskMs = 0;
    if (verdict.kind === 'reload') {
      this.reloadedAt = now;
      this.screenFailed('reload', verdict.reason);
    } else this.screenFailed('recreate', verdict.reason);
  }
}
