import { SerialPort } from 'serialport';
import { EmulatorCore } from './emulator-core.ts';
import { canDetectOpeners, countOpeners } from './host-open.ts';
import { UNO, type BoardProfile } from './protocol.ts';

export interface FirmataEmulatorOptions {
  /** The emulator's end of the pty pair. */
  devicePath: string;
  /**
   * The host's end. When given (and /proc is readable), the emulator resets whenever a
   * host opens it, like an Uno's DTR auto-reset; without it, call `reset()` yourself.
   */
  hostPath?: string;
  /** Bootloader + StandardFirmata version blink before the board talks (Uno ≈ 2000 ms). */
  bootMs?: number;
  firmwareName?: string;
  profile?: BoardProfile;
  /** How often to look for a host opening the port, ms. */
  hostPollMs?: number;
  /** Delay every byte the board sends (a slow board / congested USB hub). */
  answerDelayMs?: number;
}

export interface EmulatorStats {
  resets: number;
  rxBytes: number;
  txBytes: number;
  /** Host bytes dropped because the board was booting, unplugged or had no host. */
  ignoredBytes: number;
  hostOpen: boolean;
  booting: boolean;
  answering: boolean;
}

/**
 * A StandardFirmata Arduino Uno on the device end of a pty: real Firmata bytes, the
 * reset-on-open boot delay (host bytes in that window are lost, then the version and
 * firmware reports come unsolicited), port reports on change, analog reports every
 * sampling interval, and a simulated unplug.
 */
export class FirmataEmulator {
  private readonly core: EmulatorCore;
  private port: SerialPort | null = null;
  private hostOpen = false;
  private baseline = 0;
  private booting = false;
  private answering = true;
  /** Bytes held back while `atOnce` runs (null: not batching). */
  private batch: number[] | null = null;
  private bootTimer: NodeJS.Timeout | null = null;
  private sampleTimer: NodeJS.Timeout | null = null;
  private hostTimer: NodeJS.Timeout | null = null;
  private readonly counters = { resets: 0, rxBytes: 0, txBytes: 0, ignoredBytes: 0 };

  constructor(private readonly options: FirmataEmulatorOptions) {
    this.core = new EmulatorCore(options.profile ?? UNO, options.firmwareName ?? 'StandardFirmata.ino', (bytes) => this.transmit(bytes));
  }

  get stats(): EmulatorStats {
    return { ...this.counters, hostOpen: this.hostOpen, booting: this.booting, answering: this.answering };
  }

  /** Opens the device end; with a `hostPath`, starts watching for the host to open. */
  async start(): Promise<void> {
    const port = new SerialPort({ path: this.options.devicePath, baudRate: 57600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.onHostBytes(chunk));
    port.on('error', () => undefined); // the pty vanishing is the test's business
    this.port = port;
    this.scheduleSample();
    if (this.options.hostPath && canDetectOpeners()) {
      this.baseline = countOpeners(this.options.hostPath);
      this.hostTimer = setInterval(() => this.pollHost(), this.options.hostPollMs ?? 100);
    } else {
      this.hostOpen = true;
      this.reset();
    }
  }

  async stop(): Promise<void> {
    for (const timer of [this.bootTimer, this.sampleTimer]) if (timer) clearTimeout(timer);
    if (this.hostTimer) clearInterval(this.hostTimer);
    this.bootTimer = this.sampleTimer = this.hostTimer = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** A reset (DTR, power-up, reset button): boot delay, then the unsolicited reports. */
  reset(): void {
    this.counters.resets += 1;
    this.core.reset();
    this.booting = true;
    if (this.bootTimer) clearTimeout(this.bootTimer);
    this.bootTimer = setTimeout(() => {
      this.bootTimer = null;
      this.booting = false;
      this.core.announce();
    }, this.options.bootMs ?? 2000);
  }

  /** Drives a digital pin from outside (switch closed = 0 with INPUT_PULLUP); null floats it. */
  setDigital(pin: number, level: 0 | 1 | null): void {
    this.core.setDriven(pin, level);
  }

  /** Sets the 10-bit reading of an analog pin (14…19 on an Uno) or channel via its pin. */
  setAnalog(pin: number, value: number): void {
    this.core.setAnalog(pin, value);
  }

  /** Sends `value` in the next `samples` analog reports of `pin`, then its level again; resolves once they were written. */
  pulseAnalog(pin: number, value: number, samples = 1): Promise<void> {
    return new Promise((resolve) => this.core.pulseAnalog(pin, value, samples, resolve));
  }

  /**
   * Runs `fn` (pin changes) and sends everything it made the board say in one write, as a
   * board does when levels change within one scan: the host reads it as one chunk, however
   * busy the machine (two writes may be read tens of milliseconds apart on a loaded host).
   */
  atOnce(fn: () => void): void {
    const outer = this.batch === null;
    if (outer) this.batch = [];
    try {
      fn();
    } finally {
      if (outer) {
        const bytes = this.batch ?? [];
        this.batch = null;
        if (bytes.length > 0) this.transmit(Uint8Array.from(bytes));
      }
    }
  }

  /** Simulated unplug: the board neither hears nor speaks. */
  stopAnswering(): void {
    this.answering = false;
  }

  /** Simulated replug: power returns, so the board boots again. */
  resume(): void {
    this.answering = true;
    if (this.hostOpen) this.reset();
  }

  /** Writes raw bytes to the host as if the board sent them (garbage, over-long sysex …). */
  sendRaw(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes));
    this.counters.txBytes += bytes.length;
  }

  private pollHost(): void {
    if (!this.options.hostPath) return;
    let open: boolean;
    try {
      open = countOpeners(this.options.hostPath) > this.baseline;
    } catch {
      open = false; // the pty is gone
    }
    if (open === this.hostOpen) return;
    this.hostOpen = open;
    if (open) {
      if (this.answering) this.reset();
    } else if (this.bootTimer) {
      clearTimeout(this.bootTimer);
      this.bootTimer = null;
      this.booting = false;
    }
  }

  private get live(): boolean {
    return this.hostOpen && this.answering && !this.booting && this.port !== null;
  }

  private onHostBytes(chunk: Buffer): void {
    this.counters.rxBytes += chunk.length;
    if (!this.live) {
      this.counters.ignoredBytes += chunk.length;
      return;
    }
    this.core.receive(chunk);
  }

  private transmit(bytes: Uint8Array): void {
    if (!this.live) return;
    if (this.batch !== null) {
      this.batch.push(...bytes);
      return;
    }
    const delay = this.options.answerDelayMs ?? 0;
    const write = (): void => {
      if (!this.live) return;
      this.port?.write(Buffer.from(bytes));
      this.counters.txBytes += bytes.length;
    };
    if (delay > 0) setTimeout(write, delay);
    else write();
  }

  private scheduleSample(): void {
    this.sampleTimer = setTimeout(() => {
      if (this.live) this.core.sampleAnalog();
      if (this.port) this.scheduleSample();
    }, this.core.samplingIntervalMs);
  }
}
