import type { z } from 'zod';
import type { ShelfCommand } from '../../hardware/driver.ts';
import type { BoardStatusSchema } from '../../contract/api.ts';
import { PROTOCOL_ERROR_KINDS, type BoardSetup, type HardwareBoardStatus, type HardwareStatus, type PortInfo, type ProtocolErrorKind } from '../../contract/hardware.ts';
import type { BoardStore, InvalidBoardRow } from '../../db/boards.ts';
import type { BoardRecord } from '../../contract/hardware.ts';
import type { EventStore } from '../../db/events.ts';
import type { SlotStore } from '../../db/slots.ts';
import { DEMO_BOARD_ID } from '../content/demo.ts';
import { createPortLister, type PortLister } from '../hardware-config/ports.ts';
import type { KioskConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { BoardSupervisor, type BoardPlan, type BoardSupervisorOptions } from './board-supervisor.ts';
import { DEFAULT_UNIT_WEIGHT_G } from './load-cell-slots.ts';
import { ShelfRouter, type StockSink } from './shelf-router.ts';
import type { ShopperSession } from './shopper-session.ts';
import { bindSimFirmataSlots, startSimBoards, type SimBoards } from './sim-boards.ts';

type BoardStatus = z.infer<typeof BoardStatusSchema>;

export interface HardwareDeps {
  config: KioskConfig;
  session: ShopperSession;
  events: EventStore;
  slots: SlotStore;
  boards: BoardStore;
  /** Unit weight (g) of a product in the active content, if it has one. */
  unitWeightOf(productId: string): number | undefined;
  /** Demo product ids in order (to bind the simulated Firmata board's slots). */
  productIds(): string[];
  /** Board or sensor health changed. */
  boardsChanged(): void;
  logger: Logger;
  listPorts?: PortLister;
  /** Stock per slot and staff mode (issue 9). */
  stock?: StockSink;
  /** Sim mode: add the emulated Firmata board (KIOSK_SIM_FIRMATA=1). */
  simFirmata?: boolean;
  tuning?: Pick<BoardSupervisorOptions, 'pollMs' | 'shelfNodeLostAfterMs' | 'firmata' | 'recorderBytesPerBoard'>;
  /** Start the boards without waiting for them (the service entry: "ready" never waits for boards). */
  background?: boolean;
}

/** The shelf as the service sees it. */
export interface HardwareHandle {
  /** For /api/status: protocol errors summed over all boards, and every board's status. */
  stats(): { errors: Record<ProtocolErrorKind, number>; boards: HardwareBoardStatus[] };
  /** Board health as screens get it (WebSocket `boards`, snapshot). */
  boards(): BoardStatus[];
  /** The status page's view. */
  status(): HardwareStatus;
  listPorts(): Promise<PortInfo[]>;
  configured(): { records: BoardRecord[]; invalid: InvalidBoardRow[] };
  /** Persists the board list and restarts what changed. */
  saveBoards(setups: BoardSetup[]): Promise<void>;
  /** Staff confirmed a board's identity; false when no such board is configured. */
  confirmBoard(boardId: string): Promise<boolean>;
  /** Sends a host → board command (LED, TARE, CAL); false when the board is not running. */
  send(boardId: string, command: ShelfCommand): Promise<boolean>;
  /** Writes a board's flight recording (JSON lines) to `file`; false for an unknown board. */
  exportRecording(boardId: string, file: string): Promise<boolean>;
  readonly supervisor: BoardSupervisor;
  readonly router: ShelfRouter;
  sim?: SimBoards;
  stop(): Promise<void>;
}

/** `serial` mode with the optional KIOSK_SERIAL_PATH: one extra shelf-node board, unless the db configures that id. Boards normally come from the db. */
function envPlans(config: KioskConfig): BoardPlan[] {
  if (config.hardware !== 'serial' || !config.serialPath) return [];
  return [{ setup: { boardId: DEMO_BOARD_ID, protocol: 'shelf-node', port: { path: config.serialPath }, baudRate: 115200, loadCellRate: 80 }, confirmed: false, sim: false }];
}

function toScreenStatus(s: HardwareBoardStatus): BoardStatus {
  const state = s.state === 'absent' ? 'lost' : s.state;
  const sick = s.sensors.filter((x) => x.state !== 'ok');
  const detail = sick.length > 0 && (state === 'connected' || state === 'recovered') ? `load cell ${sick.map((x) => `ch ${x.channel} ${x.state}`).join(', ')}` : s.detail;
  return { boardId: s.boardId, state: sick.length > 0 && state !== 'lost' ? 'degraded' : state, ...(detail !== undefined ? { detail } : {}), protocolErrors: s.protocolErrors };
}

/**
 * Starts the shelf: every configured board (db), the KIOSK_SERIAL_PATH board in `serial`
 * mode, and in `sim` mode the simulators on socat ptys (the same drivers as a store's boards).
 */
export async function startHardware(deps: HardwareDeps): Promise<HardwareHandle> {
  const { config, logger } = deps;
  // One lister for every board and the set-up screen, so a failing udev is logged once.
  const listPorts = deps.listPorts ?? createPortLister({ logger });
  const router = new ShelfRouter({
    session: deps.session,
    events: deps.events,
    logger,
    unitWeightOf: (boardId, channel) => {
      const productId = deps.slots.find(boardId, channel)?.productId;
      if (productId === undefined) return undefined;
      return (productId === null ? undefined : deps.unitWeightOf(productId)) ?? DEFAULT_UNIT_WEIGHT_G;
    },
    boardsChanged: () => deps.boardsChanged(),
    ...(deps.stock ? { stock: deps.stock } : {}),
  });
  const supervisor = new BoardSupervisor({ listPorts, logger, onEvent: (event, board) => router.handle(event, board), ...deps.tuning });
  const sim = config.hardware === 'sim' ? await startSimBoards(config.dataDir, { firmata: deps.simFirmata === true }) : undefined;
  if (sim?.firmata) bindSimFirmataSlots(deps.slots, deps.productIds());
  const base = sim ? sim.plans : envPlans(config);

  if (config.hardware === 'serial' && base.length === 0 && deps.boards.list().records.length === 0) {
    logger.warn('serial mode with no boards configured: add them in set-up (PUT /api/hardware/boards)');
  }
  const plans = (): BoardPlan[] => {
    const { records, invalid } = deps.boards.list();
    for (const bad of invalid) logger.error({ boardId: bad.boardId, error: bad.error }, 'stored board configuration is invalid: board not started');
    // A simulator keeps its id; the KIOSK_SERIAL_PATH board gives way to a stored board of the same id.
    const kept = base.filter((b) => b.sim || !records.some((r) => r.setup.boardId === b.setup.boardId));
    const fromDb = records.filter((r) => !kept.some((b) => b.setup.boardId === r.setup.boardId)).map((r) => ({ setup: r.setup, confirmed: r.confirmed, sim: false }));
    return [...kept, ...fromDb];
  };
  const fullStatuses = (): HardwareBoardStatus[] => supervisor.statuses().map((s) => ({ ...s, sensors: router.loadCells.sensorHealth(s.boardId) }));
  const apply = async (): Promise<void> => {
    await supervisor.apply(plans());
    deps.boardsChanged();
  };
  // In the background (the service entry), the local API and so the attract screen never wait
  // for a port listing, a port open or a Firmata child's boot (issue 14). stop() waits for it.
  const started = apply().catch((err: unknown) => logger.error({ err }, 'could not start the shelf boards'));
  if (deps.background !== true) await started;

  return {
    supervisor,
    router,
    ...(sim ? { sim } : {}),
    stats() {
      const errors = Object.fromEntries(PROTOCOL_ERROR_KINDS.map((k) => [k, 0])) as Record<ProtocolErrorKind, number>;
      const boards = fullStatuses();
      for (const b of boards) for (const [k, n] of Object.entries(b.errorsByKind)) if (k in errors) errors[k as ProtocolErrorKind] += n;
      return { errors, boards };
    },
    boards: () => fullStatuses().map(toScreenStatus),
    status: () => ({ mode: config.hardware, boards: fullStatuses(), recent: router.recent().slice(0, 50) }),
    listPorts,
    configured: () => deps.boards.list(),
    async saveBoards(setups) {
      deps.boards.replaceAll(setups, Date.now());
      await apply();
    },
    async confirmBoard(boardId) {
      if (!deps.boards.confirm(boardId, Date.now())) return false;
      await apply();
      return true;
    },
    async send(boardId, command) {
      const driver = supervisor.runner(boardId)?.currentDriver();
      if (!driver) return false;
      try {
        await driver.send(command);
        return true;
      } catch (err) {
        logger.warn({ err, boardId, command: command.kind }, 'board command failed');
        return false;
      }
    },
    async exportRecording(boardId, file) {
      const recorder = supervisor.recorder(boardId);
      if (!recorder) return false;
      await recorder.export(file);
      return true;
    },
    async stop() {
      router.quiesce();
      await started;
      await supervisor.stop();
      await sim?.stop();
    },
  };
}
