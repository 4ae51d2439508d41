import {
  ANALOG_MAPPING_QUERY,
  ANALOG_MAPPING_RESPONSE,
  ANALOG_MESSAGE,
  CAPABILITY_QUERY,
  CAPABILITY_RESPONSE,
  DIGITAL_MESSAGE,
  END_SYSEX,
  FIRMATA_VERSION,
  PIN_MODE,
  PIN_STATE_QUERY,
  PIN_STATE_RESPONSE,
  REPORT_ANALOG,
  REPORT_DIGITAL,
  REPORT_FIRMWARE,
  REPORT_VERSION,
  SAMPLING_INTERVAL,
  SET_DIGITAL_PIN_VALUE,
  SET_PIN_MODE,
  START_SYSEX,
  SYSTEM_RESET,
  isStatusByte,
  portCount,
  to7BitPair,
  type BoardProfile,
} from './protocol.ts';

/**
 * The board side of StandardFirmata 2.5 as a pure state machine: host bytes in, board
 * bytes out. Timers (sampling, boot delay) live in emulator.ts.
 */
interface PinState {
  mode: number;
  /** Level the outside world drives (switch, beam); null = floating. */
  driven: 0 | 1 | null;
  pullup: boolean;
  /** Output value written by the host. */
  output: number;
  analog: number;
}

const MAX_HOST_MESSAGE = 64;

export class EmulatorCore {
  private pins: PinState[] = [];
  private reportedPorts = new Set<number>();
  private reportedChannels = new Set<number>();
  private lastPortValue = new Map<number, number>();
  private input: number[] = [];
  samplingIntervalMs = 19;
  private readonly pulses = new Map<number, { value: number; remaining: number; done: () => void }>();

  constructor(
    readonly profile: BoardProfile,
    readonly firmwareName: string,
    private readonly send: (bytes: Uint8Array) => void,
  ) {
    this.reset();
  }

  /** Power-on state: every pin an output at 0 (StandardFirmata's systemResetCallback). */
  reset(): void {
    const previous = this.pins;
    this.pins = Array.from({ length: this.profile.pinCount }, (_, pin) => ({
      mode: this.profile.analogPins.includes(pin) ? PIN_MODE.ANALOG : PIN_MODE.OUTPUT,
      driven: previous[pin]?.driven ?? null,
      pullup: false,
      output: 0,
      analog: previous[pin]?.analog ?? 0,
    }));
    this.reportedPorts.clear();
    this.reportedChannels.clear();
    this.lastPortValue.clear();
    this.input = [];
    this.samplingIntervalMs = 19;
  }

  /** What StandardFirmata's setup() prints once its version blink is over. */
  announce(): void {
    this.sendVersion();
    this.sendFirmware();
  }

  // ── outside world ────────────────────────────────────────────────────────────────────

  setDriven(pin: number, level: 0 | 1 | null): void {
    const state = this.pin(pin);
    state.driven = level;
    this.reportPortIfChanged(Math.floor(pin / 8));
  }

  setAnalog(pin: number, value: number): void {
    this.pin(pin).analog = Math.max(0, Math.min(1023, Math.round(value)));
  }

  /**
   * The next `samples` analog reports of `pin` carry `value` instead of the pin's level (a
   * noisy sample, a flicker); `done` runs once they were sent.
   */
  pulseAnalog(pin: number, value: number, samples: number, done: () => void): void {
    this.pulses.set(pin, { value: Math.max(0, Math.min(1023, Math.round(value))), remaining: Math.max(1, samples), done });
  }

  /** Level the MCU reads on a digital pin. */
  readLevel(pin: number): 0 | 1 {
    const state = this.pin(pin);
    if (state.driven !== null) return state.driven;
    return state.pullup ? 1 : 0;
  }

  /** One sampling tick: every reported analog channel, as StandardFirmata's loop does. */
  sampleAnalog(): void {
    for (const channel of [...this.reportedChannels].sort((a, b) => a - b)) {
      const pin = this.profile.analogPins[channel];
      if (pin === undefined) continue;
      const pulse = this.pulses.get(pin);
      const [lsb, msb] = to7BitPair(pulse ? pulse.value : this.pin(pin).analog);
      this.send(Uint8Array.of(ANALOG_MESSAGE | channel, lsb, msb));
      if (pulse && --pulse.remaining <= 0) {
        this.pulses.delete(pin);
        pulse.done();
      }
    }
  }

  // ── host bytes ───────────────────────────────────────────────────────────────────────

  receive(bytes: Uint8Array): void {
    for (const byte of bytes) this.receiveByte(byte);
  }

  private receiveByte(byte: number): void {
    if (isStatusByte(byte) && byte !== END_SYSEX) this.input = [];
    if (!isStatusByte(byte) && this.input.length === 0) return; // stray data byte
    this.input.push(byte);
    if (this.input.length > MAX_HOST_MESSAGE) this.input = [];
    const [status = 0] = this.input;
    if (status === START_SYSEX) {
      if (byte === END_SYSEX) this.handleSysex(this.input.slice(1, -1));
      else return;
    } else if (!this.handleMidi(status)) {
      return;
    }
    this.input = [];
  }

  /** Handles a complete MIDI-style message; false while more bytes are needed. */
  private handleMidi(status: number): boolean {
    const [, a = 0, b = 0] = this.input;
    const kind = status < 0xf0 ? status & 0xf0 : status;
    const need = kind === REPORT_ANALOG || kind === REPORT_DIGITAL ? 2 : kind === REPORT_VERSION || kind === SYSTEM_RESET ? 1 : 3;
    if (this.input.length < need) return false;
    switch (kind) {
      case REPORT_VERSION: this.sendVersion(); break;
      case SYSTEM_RESET: this.reset(); break;
      case REPORT_ANALOG: this.setAnalogReporting(status & 0x0f, a !== 0); break;
      case REPORT_DIGITAL: this.setDigitalReporting(status & 0x0f, a !== 0); break;
      case SET_PIN_MODE: this.setMode(a, b); break;
      case SET_DIGITAL_PIN_VALUE: this.writePin(a, b & 1); break;
      case DIGITAL_MESSAGE: this.writePort(status & 0x0f, a | (b << 7)); break;
      default: break; // ANALOG_MESSAGE (PWM) and others: nothing to emulate.
    }
    return true;
  }

  private handleSysex(body: number[]): void {
    const [command, ...data] = body;
    switch (command) {
      case REPORT_FIRMWARE: this.sendFirmware(); break;
      case CAPABILITY_QUERY: this.sendCapabilities(); break;
      case ANALOG_MAPPING_QUERY: this.sendAnalogMapping(); break;
      case PIN_STATE_QUERY: if (data[0] !== undefined && data[0] < this.profile.pinCount) this.sendPinState(data[0]); break;
      case SAMPLING_INTERVAL: this.samplingIntervalMs = Math.max(1, (data[0] ?? 19) | ((data[1] ?? 0) << 7)); break;
      case undefined:
      default: break;
    }
  }

  private pin(pin: number): PinState {
    const state = this.pins[pin];
    if (!state) throw new RangeError(`pin ${pin} out of range 0…${this.profile.pinCount - 1}`);
    return state;
  }

  private setMode(pin: number, mode: number): void {
    const state = this.pins[pin];
    if (!state || this.profile.reservedPins.includes(pin)) return;
    state.mode = mode;
    state.pullup = mode === PIN_MODE.PULLUP;
    const channel = this.profile.analogPins.indexOf(pin);
    if (channel >= 0) this.setAnalogReporting(channel, mode === PIN_MODE.ANALOG);
  }

  private writePin(pin: number, value: number): void {
    const state = this.pins[pin];
    if (!state) return;
    if (state.mode === PIN_MODE.OUTPUT) state.output = value;
    // Writing 1 to an INPUT pin turns its pull-up on (Arduino ≤ 1.0 idiom johnny-five uses).
    if (state.mode === PIN_MODE.INPUT) state.pullup = value === 1;
  }

  private writePort(port: number, value: number): void {
    for (let bit = 0; bit < 8; bit++) this.writePin(port * 8 + bit, (value >> bit) & 1);
    this.reportPortIfChanged(port);
  }

  private setAnalogReporting(channel: number, on: boolean): void {
    if (channel >= this.profile.analogPins.length) return;
    if (on) this.reportedChannels.add(channel);
    else this.reportedChannels.delete(channel);
  }

  private setDigitalReporting(port: number, on: boolean): void {
    if (port >= portCount(this.profile)) return;
    if (!on) {
      this.reportedPorts.delete(port);
      return;
    }
    this.reportedPorts.add(port);
    // StandardFirmata sends the port at once so a reconnecting host learns the levels.
    this.sendPort(port);
  }

  private portValue(port: number): number {
    let value = 0;
    for (let bit = 0; bit < 8; bit++) {
      const pin = port * 8 + bit;
      const state = this.pins[pin];
      if (!state || (state.mode !== PIN_MODE.INPUT && state.mode !== PIN_MODE.PULLUP)) continue;
      value |= this.readLevel(pin) << bit;
    }
    return value;
  }

  private reportPortIfChanged(port: number): void {
    if (!this.reportedPorts.has(port)) return;
    if (this.lastPortValue.get(port) === this.portValue(port)) return;
    this.sendPort(port);
  }

  private sendPort(port: number): void {
    const value = this.portValue(port);
    this.lastPortValue.set(port, value);
    const [lsb, msb] = to7BitPair(value);
    this.send(Uint8Array.of(DIGITAL_MESSAGE | port, lsb, msb));
  }

  private sendVersion(): void {
    this.send(Uint8Array.of(REPORT_VERSION, FIRMATA_VERSION.major, FIRMATA_VERSION.minor));
  }

  private sendFirmware(): void {
    const name = [...Buffer.from(this.firmwareName, 'ascii')].flatMap((c) => to7BitPair(c));
    this.send(Uint8Array.of(START_SYSEX, REPORT_FIRMWARE, FIRMATA_VERSION.major, FIRMATA_VERSION.minor, ...name, END_SYSEX));
  }

  private sendCapabilities(): void {
    const bytes: number[] = [START_SYSEX, CAPABILITY_RESPONSE];
    for (let pin = 0; pin < this.profile.pinCount; pin++) {
      if (!this.profile.reservedPins.includes(pin)) {
        bytes.push(PIN_MODE.INPUT, 1, PIN_MODE.OUTPUT, 1, PIN_MODE.PULLUP, 1);
        if (this.profile.analogPins.includes(pin)) bytes.push(PIN_MODE.ANALOG, 10);
        if (this.profile.pwmPins.includes(pin)) bytes.push(PIN_MODE.PWM, 8);
        bytes.push(PIN_MODE.SERVO, 14);
        if (this.profile.i2cPins.includes(pin)) bytes.push(PIN_MODE.I2C, 1);
      }
      bytes.push(0x7f);
    }
    bytes.push(END_SYSEX);
    this.send(Uint8Array.from(bytes));
  }

  private sendAnalogMapping(): void {
    const mapping = Array.from({ length: this.profile.pinCount }, (_, pin) => {
      const channel = this.profile.analogPins.indexOf(pin);
      return channel >= 0 ? channel : 0x7f;
    });
    this.send(Uint8Array.of(START_SYSEX, ANALOG_MAPPING_RESPONSE, ...mapping, END_SYSEX));
  }

  private sendPinState(pin: number): void {
    const state = this.pin(pin);
    const value = state.mode === PIN_MODE.OUTPUT ? state.output : state.mode === PIN_MODE.ANALOG ? state.analog : Number(state.pullup);
    const [lsb, msb] = to7BitPair(value);
    this.send(Uint8Array.of(START_SYSEX, PIN_STATE_RESPONSE, pin, state.mode, lsb, msb, END_SYSEX));
  }
}
