/**
 * One Firmata board, run in a child process the FirmataDriver supervises (johnny-five
 * cannot reconnect a board in-process, and a parser crash must not take the service down).
 * Speaks to the parent only through validated IPC messages (ipc.ts). Exits on any port
 * failure; the parent restarts it.
 */
import { SerialPort } from 'serialport';
import { preciseNow } from '../driver.ts';
import { checkSlots, type ChildConfig, type SlotConfig } from './config.ts';
import { ParentMessageSchema, type ChildMessage } from './ipc.ts';
import { loadFirmata, loadJohnnyFive, type FirmataIo, type J5Board } from './j5-types.ts';
import { LevelFilter, SchmittTrigger } from './level-filter.ts';
import { FirmataPreframer, type DropReason } from './preframer.ts';
import { END_SYSEX, REPORT_FIRMWARE, REPORT_VERSION, START_SYSEX } from './protocol.ts';
import { FramedTransport } from './transport.ts';
import type { ProtocolErrorKind } from '../../contract/hardware.ts';

const FIRMWARE_QUERY = [START_SYSEX, REPORT_FIRMWARE, END_SYSEX];
const DROP_KIND: Record<DropReason, ProtocolErrorKind> = {
  garbage: 'garbage',
  interrupted: 'garbage',
  'oversized-sysex': 'too-long',
  'out-of-range': 'unknown-channel',
  'malformed-sysex': 'bad-fields',
  'unsupported-sysex': 'unknown-type',
};

function send(message: ChildMessage, then?: () => void): void {
  if (!process.connected || !process.send) {
    then?.();
    return;
  }
  process.send(message, undefined, {}, () => then?.());
}

function exitWith(code: number, message?: ChildMessage): void {
  if (message) send(message, () => process.exit(code));
  else process.exit(code);
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 256);
}

/** How long a board that does not answer PIN_STATE_QUERY waits before its levels count. */
const ARM_FALLBACK_MS = 1000;

class BoardChild {
  private transport: FramedTransport | null = null;
  private pendingProbe: number | null = null;
  private readonly drops = new Map<DropReason, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly config: ChildConfig) {}

  async run(): Promise<void> {
    const problems = checkSlots(this.config.slots, this.config.pinCount, this.config.analogPins);
    if (problems.length > 0) return exitWith(3, { type: 'open-failed', reason: `bad slot config: ${problems.join('; ')}` });
    const port = new SerialPort({ path: this.config.path, baudRate: this.config.baudRate, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      return exitWith(2, { type: 'open-failed', reason: describe(error) });
    }
    send({ type: 'opened', at: preciseNow() });
    this.connect(port);
  }

  private connect(port: SerialPort): void {
    const framer = new FirmataPreframer({ pinCount: this.config.pinCount, analogChannels: this.config.analogPins.length }, (reason) =>
      this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1),
    );
    const onRaw = this.config.recordRaw ? (chunk: Buffer, at: number) => send({ type: 'rx', at, base64: chunk.toString('base64') }) : undefined;
    const transport = new FramedTransport(port, framer, onRaw);
    transport.on('close', () => exitWith(1, { type: 'closed', reason: 'port closed' }));
    transport.on('error', (error: unknown) => exitWith(1, { type: 'closed', reason: describe(error) }));
    const Firmata = loadFirmata();
    const five = loadJohnnyFive();
    const firmata = new Firmata(transport, { reportVersionTimeout: 1000 });
    const board = new five.Board({ io: firmata, repl: false, debug: false, sigint: false });
    this.transport = transport;
    board.on('error', (error: unknown) => exitWith(1, { type: 'closed', reason: `board error: ${describe(error)}` }));
    board.on('ready', () => this.onReady(board, firmata, transport));
    firmata.on('queryfirmware', () => this.onFirmware(transport));
    transport.announceOpen();
    this.handshake(transport, firmata);
    this.every(1000, () => this.flushDrops());
  }

  /**
   * An Uno resets when the port opens and ignores bytes for ~2 s, and serialport flushes
   * on open, so the unsolicited version report may be lost: ask until it answers.
   */
  private handshake(transport: FramedTransport, firmata: FirmataIo): void {
    const ask = (): void => {
      if (firmata.isReady) return;
      if (!firmata.versionReceived) transport.write([REPORT_VERSION]);
      transport.write(FIRMWARE_QUERY);
    };
    ask();
    const timer = this.every(this.config.handshakeRetryMs, () => {
      if (firmata.isReady) {
        clearInterval(timer);
        this.timers.delete(timer);
      } else ask();
    });
  }

  private onReady(board: J5Board, firmata: FirmataIo, transport: FramedTransport): void {
    const version = `${firmata.version.major ?? '?'}.${firmata.version.minor ?? '?'}`;
    send({ type: 'ready', firmware: (firmata.firmware.name ?? 'unknown').slice(0, 128), version, rxAt: transport.lastRxAt });
    const arms = this.config.slots.map((slot) => this.watchSlot(slot, board, firmata, transport));
    // A port report the board sent before it applied our pin modes carries wrong levels (a pin
    // that is not an input yet reads 0), and on a busy host it can be accepted as the shelf's
    // state, so the right level a moment later looks like a put. The board answers commands in
    // order: once it answers a pin-state query sent after the set-up, every report since
    // reflects the configured pins. A board that never answers is armed after a second.
    let armed = false;
    const armAll = (): void => {
      if (armed) return;
      armed = true;
      clearTimeout(fallback);
      for (const arm of arms) arm();
    };
    const fallback = setTimeout(armAll, ARM_FALLBACK_MS);
    this.timers.add(fallback);
    const lastPin = this.config.slots.at(-1)?.pin;
    if (lastPin === undefined) armAll();
    else firmata.queryPinState(lastPin, armAll);
  }

  /** Sets one slot's pin up; levels count from the returned arm() on (see onReady). */
  private watchSlot(slot: SlotConfig, board: J5Board, firmata: FirmataIo, transport: FramedTransport): () => void {
    const five = loadJohnnyFive();
    const filter = new LevelFilter(this.config.holdMs);
    let timer: NodeJS.Timeout | null = null;
    let armed = false;
    const check = (): void => {
      const accepted = filter.poll(preciseNow());
      if (accepted) send({ type: 'level', channel: slot.channel, present: accepted.level, since: accepted.since, initial: accepted.initial, acceptedAt: preciseNow() });
      reschedule();
    };
    const reschedule = (): void => {
      if (timer) clearTimeout(timer);
      const due = filter.dueAt();
      timer = due === null ? null : setTimeout(check, Math.max(0, due - preciseNow()) + 1);
    };
    if (slot.kind === 'switch') {
      // The Button sets the pin up (INPUT + pull-up, polarity); the raw port reports,
      // stamped with the time their bytes arrived, drive the level — every report, as a level.
      new five.Button({ pin: slot.pin, board, isPullup: slot.pullup, invert: slot.presentLevel === 0 });
      const observe = (value: number): void => {
        filter.observe(value === slot.presentLevel, transport.lastRxAt);
        reschedule();
      };
      firmata.on(`digital-read-${slot.pin}`, (value: number) => {
        if (armed) observe(value);
      });
      return () => {
        armed = true;
        // A steady switch is not reported again: start from the level the board last sent.
        const value = firmata.pins[slot.pin]?.value;
        if (value !== undefined) observe(value);
      };
    }
    const channel = this.config.analogPins.indexOf(slot.pin);
    const schmitt = new SchmittTrigger(slot.threshold, slot.hysteresis, slot.presentWhen);
    // The Sensor only sets the pin up (analog mode, REPORT_ANALOG). Its own 25 ms timer
    // emits medians that can stretch one noisy 19 ms sample over a whole interval, so the
    // hold is enforced on the raw analog reports instead, and a level is accepted only when
    // a later report still shows it ≥ holdMs after the first: a report that is merely late
    // (USB latency, a busy host) can never make a single sample count.
    new five.Sensor({ pin: `A${channel}`, board, freq: this.config.sensorFreqMs, threshold: 1 });
    firmata.on(`analog-read-${channel}`, (value: number) => {
      if (!armed) return;
      const at = transport.lastRxAt;
      filter.observe(schmitt.update(value), at);
      const accepted = filter.poll(at);
      if (accepted) send({ type: 'level', channel: slot.channel, present: accepted.level, since: accepted.since, initial: accepted.initial, acceptedAt: preciseNow() });
    });
    // Analog readings arrive every sampling interval: the next one after arming starts the level.
    return () => {
      armed = true;
    };
  }

  probe(probeId: number): void {
    this.pendingProbe = probeId;
    this.transport?.write(FIRMWARE_QUERY);
  }

  private onFirmware(transport: FramedTransport): void {
    if (this.pendingProbe === null) return;
    send({ type: 'alive', probeId: this.pendingProbe, rxAt: transport.lastRxAt });
    this.pendingProbe = null;
  }

  /** Protocol errors go up at most once a second per kind, with a count. */
  private flushDrops(): void {
    for (const [reason, count] of this.drops) {
      send({ type: 'protocol-error', error: DROP_KIND[reason], detail: `pre-framer dropped ${reason}`, count, rxAt: this.transport?.lastRxAt ?? preciseNow() });
    }
    this.drops.clear();
  }

  private every(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setInterval(fn, ms);
    this.timers.add(timer);
    return timer;
  }
}

let child: BoardChild | null = null;

process.on('message', (raw: unknown) => {
  const parsed = ParentMessageSchema.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'log', level: 'warn', msg: `ignored invalid parent message: ${parsed.error.message.slice(0, 900)}` });
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'start':
      if (child) return;
      child = new BoardChild(message.config);
      void child.run();
      return;
    case 'probe':
      child?.probe(message.probeId);
      return;
    case 'stop':
      process.exit(0);
      return;
    default: {
      const never: never = message;
      throw new Error(`unhandled ${String(never)}`);
    }
  }
});

// The parent went away: nobody supervises us any more.
process.on('disconnect', () => process.exit(0));
