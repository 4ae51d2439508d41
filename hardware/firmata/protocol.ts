/**
 * Firmata protocol constants (Firmata 2.x, https://github.com/firmata/protocol,
 * protocol.md and pin-state-query.md / capability-query.md) and the Arduino Uno's pin
 * layout as StandardFirmata reports it.
 */
export const DIGITAL_MESSAGE = 0x90; // | port, LSB, MSB
export const ANALOG_MESSAGE = 0xe0; // | channel, LSB, MSB
export const REPORT_ANALOG = 0xc0; // | channel, 0/1
export const REPORT_DIGITAL = 0xd0; // | port, 0/1
export const SET_PIN_MODE = 0xf4; // pin, mode
export const SET_DIGITAL_PIN_VALUE = 0xf5; // pin, value
export const REPORT_VERSION = 0xf9; // major, minor
export const SYSTEM_RESET = 0xff;
export const START_SYSEX = 0xf0;
export const END_SYSEX = 0xf7;

export const ANALOG_MAPPING_QUERY = 0x69;
export const ANALOG_MAPPING_RESPONSE = 0x6a;
export const CAPABILITY_QUERY = 0x6b;
export const CAPABILITY_RESPONSE = 0x6c;
export const PIN_STATE_QUERY = 0x6d;
export const PIN_STATE_RESPONSE = 0x6e;
export const STRING_DATA = 0x71;
export const REPORT_FIRMWARE = 0x79; // a.k.a. QUERY_FIRMWARE
export const SAMPLING_INTERVAL = 0x7a;

export const PIN_MODE = {
  INPUT: 0x00,
  OUTPUT: 0x01,
  ANALOG: 0x02,
  PWM: 0x03,
  SERVO: 0x04,
  I2C: 0x06,
  PULLUP: 0x0b,
} as const;

/** Firmata protocol version StandardFirmata 2.5.x reports. */
export const FIRMATA_VERSION = { major: 2, minor: 5 } as const;

/** Arduino Uno (ATmega328P) as StandardFirmata describes it. */
export interface BoardProfile {
  name: string;
  pinCount: number;
  /** Pin numbers of analog channels 0…n (A0 = 14 on an Uno). */
  analogPins: readonly number[];
  pwmPins: readonly number[];
  i2cPins: readonly number[];
  /** Serial RX/TX pins StandardFirmata does not offer as GPIO. */
  reservedPins: readonly number[];
}

export const UNO: BoardProfile = {
  name: 'Arduino Uno',
  pinCount: 20,
  analogPins: [14, 15, 16, 17, 18, 19],
  pwmPins: [3, 5, 6, 9, 10, 11],
  i2cPins: [18, 19],
  reservedPins: [0, 1],
};

/** Number of 8-pin digital ports the board has. */
export function portCount(profile: BoardProfile): number {
  return Math.ceil(profile.pinCount / 8);
}

/** Status bytes ≥ 0x80; Firmata data bytes are 7-bit. */
export function isStatusByte(byte: number): boolean {
  return byte >= 0x80;
}

/** 14-bit value → LSB, MSB 7-bit pair. */
export function to7BitPair(value: number): [number, number] {
  return [value & 0x7f, (value >> 7) & 0x7f];
}
