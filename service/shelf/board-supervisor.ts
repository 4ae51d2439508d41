import type { BoardSetup, HardwareBoardStatus, ShelfEvent } from '../../contract/hardware.ts';
import type { FirmataDriverOptions } from '../../hardware/firmata/index.ts';
import { FlightRecorder } from '../../hardware/recorder/index.ts';
import type { PortLister } from '../hardware-config/ports.ts';
import type { Logger } from '../log.ts';
import { BoardRunner } from './board-runner.ts';

/** A board to run: its setup, whether staff confirmed it, whether it is one of our simulators. */
export interface BoardPlan {
  setup: BoardSetup;
  confirmed: boolean;
  sim: boolean;
}

export interface BoardSupervisorOptions {
  listPorts: PortLister;
  logger: Logger;
  /** Every event a trusted board's driver emits (plus health and protocol errors from all boards). */
  onEvent(event: ShelfEvent, board: BoardRunner): void;
  /** Per board flight-recorder budget, bytes. */
  recorderBytesPerBoard?: number;
  pollMs?: number;
  shelfNodeLostAfterMs?: number;
  firmata?: Partial<FirmataDriverOptions>;
}

/**
 * Runs one BoardRunner per configured board and keeps each board's flight recorder
 * (bounded, kept across reconfiguration so a support export still shows what led up to it).
 */
export class BoardSupervisor {
  private readonly runners = new Map<string, BoardRunner>();
  private readonly recorders = new Map<string, FlightRecorder>();
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly options: BoardSupervisorOptions) {}

  /** Starts, restarts or stops runners so that exactly `plans` run. Serialised: calls queue. */
  apply(plans: readonly BoardPlan[]): Promise<void> {
    this.applying = this.applying.then(() => this.applyNow(plans));
    return this.applying;
  }

  runner(boardId: string): BoardRunner | undefined {
    return this.runners.get(boardId);
  }

  recorder(boardId: string): FlightRecorder | undefined {
    return this.recorders.get(boardId);
  }

  statuses(): Array<Omit<HardwareBoardStatus, 'sensors'>> {
    return [...this.runners.values()].map((r) => r.status());
  }

  async stop(): Promise<void> {
    await this.applying;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
  }

  private async applyNow(plans: readonly BoardPlan[]): Promise<void> {
    const wanted = new Map(plans.map((p) => [p.setup.boardId, p]));
    for (const [id, runner] of this.runners) {
      const plan = wanted.get(id);
      if (plan && JSON.stringify(plan.setup) === JSON.stringify(runner.setup)) {
        runner.confirmed = plan.confirmed; // a confirmation needs no restart
        continue;
      }
      this.runners.delete(id);
      await runner.stop();
      if (!plan) this.recorders.delete(id);
    }
    for (const plan of plans) {
      if (this.runners.has(plan.setup.boardId)) continue;
      const runner = this.createRunner(plan);
      this.runners.set(runner.boardId, runner);
      await runner.start();
    }
  }

  private createRunner(plan: BoardPlan): BoardRunner {
    const id = plan.setup.boardId;
    let recorder = this.recorders.get(id);
    if (!recorder) {
      recorder = new FlightRecorder({ maxBytesPerBoard: this.options.recorderBytesPerBoard ?? 1024 * 1024 });
      this.recorders.set(id, recorder);
    }
    const runner: BoardRunner = new BoardRunner({
      ...plan,
      listPorts: this.options.listPorts,
      recorder,
      logger: this.options.logger.child({ boardId: id }),
      onEvent: (event) => this.options.onEvent(event, runner),
      ...(this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {}),
      ...(this.options.shelfNodeLostAfterMs !== undefined ? { shelfNodeLostAfterMs: this.options.shelfNodeLostAfterMs } : {}),
      ...(this.options.firmata ? { firmata: this.options.firmata } : {}),
    });
    return runner;
  }
}
