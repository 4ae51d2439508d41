/*
 * Board configuration for an ATmega328P at 16 MHz (Arduino Uno / Nano / Pro Mini 5 V).
 * Pin table and wiring: docs/wiring.md. Override channel count with -DSN_CHANNELS=n (1..4).
 */
#ifndef SHELF_NODE_CONFIG_H
#define SHELF_NODE_CONFIG_H

#define SN_FIRMWARE "1.0.0"
#define SN_DEFAULT_ID "unset"

#ifndef SN_CHANNELS
#define SN_CHANNELS 4
#endif
#if SN_CHANNELS < 1 || SN_CHANNELS > 4
#error "SN_CHANNELS must be 1..4 with this pin table"
#endif

#define SN_BAUD 115200UL
#define SN_HEARTBEAT_MS 1000u
/* A switch level must hold this long to count (contact bounce is typically < 10 ms). */
#define SN_DEBOUNCE_MS 20u
/* Pick-up switches use INPUT_PULLUP: product present closes the switch and reads 0. */
#define SN_SWITCH_PRESENT_LEVEL 0
/* Channels with an HX711 fitted (bit n = channel n); the others report only LIFT/PUT. */
#ifndef SN_LOADCELL_MASK
#define SN_LOADCELL_MASK ((1u << SN_CHANNELS) - 1u)
#endif
/* An HX711 that stays not-ready this long is reported (at 10 SPS a sample is due every 100 ms). */
#define SN_HX711_TIMEOUT_MS 1000u

#endif
