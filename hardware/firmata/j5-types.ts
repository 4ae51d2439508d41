import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

/**
 * The slices of firmata-io and johnny-five we use, typed here because neither package
 * ships types. Loaded with createRequire: both are CommonJS.
 */
export interface FirmataIo extends EventEmitter {
  isReady: boolean;
  versionReceived: boolean;
  version: { major?: number; minor?: number };
  firmware: { name?: string; version?: { major: number; minor: number } };
  analogPins: number[];
  /** The host's view of each pin; `value` is the last level or reading the board reported. */
  pins: Array<{ value?: number } | undefined>;
  reportVersionTimeoutId?: NodeJS.Timeout;
  /** Sends PIN_STATE_QUERY; `callback` runs when the board's answer arrives. */
  queryPinState(pin: number, callback: () => void): void;
}

export interface FirmataOptions {
  reportVersionTimeout?: number;
  samplingInterval?: number;
}

export type FirmataConstructor = new (transport: EventEmitter, options?: FirmataOptions) => FirmataIo;

export interface J5Board extends EventEmitter {
  isReady: boolean;
}

export interface J5BoardOptions {
  io: FirmataIo;
  repl: false;
  debug: false;
  sigint: false;
}

export interface J5ButtonOptions {
  pin: number;
  board: J5Board;
  isPullup: boolean;
  invert: boolean;
}

export interface J5SensorOptions {
  pin: string;
  board: J5Board;
  freq: number;
  threshold: number;
}

export interface JohnnyFive {
  Board: new (options: J5BoardOptions) => J5Board;
  Button: new (options: J5ButtonOptions) => EventEmitter;
  Sensor: new (options: J5SensorOptions) => EventEmitter;
}

const require = createRequire(import.meta.url);

export function loadFirmata(): FirmataConstructor {
  return (require('firmata-io') as { Firmata: FirmataConstructor }).Firmata;
}

export function loadJohnnyFive(): JohnnyFive {
  return require('johnny-five') as JohnnyFive;
}
