/**
 * A staged release on trial (fallback shell, versioned app directories): after the switch the new
 * version must prove itself healthy before a deadline — the service up, the screen painted since,
 * a board seen, the platform reached — else it is switched back and never staged again here. The
 * supervisor owns the processes; this module owns the trial's state and the switch, and tells the
 * supervisor when the service has to be restarted.
 */

/** Switching the app between versions (app-dirs.ts) and recording how a trial ended (release-files.ts). */
export interface UpdateSwitch {
  /** Switches to `dir`; returns what ran before (null: nothing to roll back to, the switch is refused). */
  switchTo(dir: string): string | null;
  switchBack(previous: string): void;
  recordOutcome(o: { seq: number; version: string; outcome: 'applied' | 'rolled-back'; detail: string }): void;
  /** A rolled-back release is never staged again here. */
  markFailed(seq: number): void;
  /** How long a new version has to prove itself healthy. */
  trialMs: number;
}

/** What a trial did (part of the supervisor's events). */
export type ReleaseTrialEvent =
  | { type: 'update-switched'; seq: number; version: string; at: number }
  | { type: 'update-applied'; seq: number; version: string; at: number }
  | { type: 'update-rolled-back'; seq: number; version: string; reason: string; at: number };

export interface ReleaseTrialDeps {
  /** Absent where the shell updates itself: no release is ever switched to. */
  updates: UpdateSwitch | undefined;
  /** False when no window can be opened: there is no paint to wait for. */
  hasScreen: boolean;
  now(): number;
  emit(e: ReleaseTrialEvent): void;
  log(level: 'info' | 'warn' | 'error', msg: string, detail?: Record<string, unknown>): void;
}

/** What {@link ReleaseTrial.judge} decided. */
export type TrialVerdict = 'none' | 'waiting' | 'applied' | 'rolled-back';

export class ReleaseTrial {
  /** The release on trial: it must prove itself healthy before `deadline`, else it is rolled back. */
  private trial: { seq: number; version: string; previous: string; deadline: number; beatSince: boolean; boards: boolean; platform: boolean } | null = null;

  constructor(private readonly deps: ReleaseTrialDeps) {}

  /** A release is on trial. */
  isActive(): boolean {
    return this.trial !== null;
  }

  /**
   * Switches to a staged release; the trial starts now. True when switched: the caller restarts
   * the service from the new release. Refused while a trial runs or with nothing to roll back to.
   */
  begin(seq: number, version: string, dir: string): boolean {
    const updates = this.deps.updates;
    if (updates === undefined || this.trial !== null) return false;
    let previous: string | null;
    try {
      previous = updates.switchTo(dir);
    } catch (err) {
      this.deps.log('error', 'could not switch to the new release', { seq, err: String(err) });
      return false;
    }
    if (previous === null) {
      this.deps.log('error', 'no current release to roll back to: refusing to switch', { seq });
      return false;
    }
    const at = this.deps.now();
    this.trial = { seq, version, previous, deadline: at + updates.trialMs, beatSince: !this.deps.hasScreen, boards: false, platform: false };
    this.deps.log('info', 'switched to a new release: on trial', { seq, version });
    this.deps.emit({ type: 'update-switched', seq, version, at });
    return true;
  }

  /** The screen painted while the new service was up. */
  screenPainted(): void {
    if (this.trial !== null) this.trial.beatSince = true;
  }

  /** The service's health report: once seen, boards and the platform stay seen for the trial. */
  health(boardsSeen: boolean, platformReached: boolean): void {
    if (this.trial === null) return;
    this.trial.boards ||= boardsSeen;
    this.trial.platform ||= platformReached;
  }

  /**
   * Healthy = the new service is up, the screen painted since, a board was seen, the platform
   * reached: applied. Past the deadline without all of them: rolled back, and the caller restarts
   * the service (now the old release). Call only while the new service is up.
   */
  judge(): TrialVerdict {
    const t = this.trial;
    if (t === null) return 'none';
    if (t.beatSince && t.boards && t.platform) {
      this.trial = null;
      this.deps.updates?.recordOutcome({ seq: t.seq, version: t.version, outcome: 'applied', detail: 'healthy within its trial' });
      this.deps.log('info', 'new release proved healthy', { seq: t.seq, version: t.version });
      this.deps.emit({ type: 'update-applied', seq: t.seq, version: t.version, at: this.deps.now() });
      return 'applied';
    }
    if (this.deps.now() < t.deadline) return 'waiting';
    const missing = [t.beatSince ? null : 'screen painted', t.boards ? null : 'boards seen', t.platform ? null : 'platform reached'].filter((x) => x !== null).join(', ');
    this.rollBack(`not healthy within its trial (missing: ${missing})`);
    return 'rolled-back';
  }

  /** Switches back to the previous release and marks this one failed (the caller restarts the service). */
  rollBack(reason: string): void {
    const t = this.trial;
    const updates = this.deps.updates;
    if (t === null || updates === undefined) return;
    this.trial = null;
    try {
      updates.switchBack(t.previous);
      updates.markFailed(t.seq);
      updates.recordOutcome({ seq: t.seq, version: t.version, outcome: 'rolled-back', detail: reason.slice(0, 300) });
    } catch (err) {
      this.deps.log('error', 'rollback failed', { err: String(err) });
    }
    this.deps.log('warn', 'release rolled back', { seq: t.seq, version: t.version, reason });
    this.deps.emit({ type: 'update-rolled-back', seq: t.seq, version: t.version, reason, at: this.deps.now() });
  }
}
