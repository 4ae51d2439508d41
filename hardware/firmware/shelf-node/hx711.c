#include "hx711.h"

#include <avr/io.h>
#include <util/atomic.h>
#include <util/delay.h>

#include "config.h"

/* PD_SCK on PC0 (A0); DOUT of channel n on PC(1 + n) (A1..A4). See docs/wiring.md. */
#define SCK_BIT PC0
#define DOUT_SHIFT 1

void hx711_init(void) {
  DDRC |= _BV(SCK_BIT);
  PORTC &= (uint8_t)~_BV(SCK_BIT); /* SCK low: held high > 60 µs would power the chips down */
  DDRC &= (uint8_t)~(((1u << SN_CHANNELS) - 1u) << DOUT_SHIFT);
  /* Pull-ups: an HX711 that is not fitted reads "not ready" instead of floating noise. */
  PORTC |= (uint8_t)(((1u << SN_CHANNELS) - 1u) << DOUT_SHIFT);
}

uint8_t hx711_ready_mask(void) {
  uint8_t dout = (uint8_t)((PINC >> DOUT_SHIFT) & ((1u << SN_CHANNELS) - 1u));
  return (uint8_t)(~dout & ((1u << SN_CHANNELS) - 1u));
}

void hx711_read(uint8_t mask, int32_t *out) {
  uint32_t raw[SN_CHANNELS] = {0};
  /* HX711 datasheet (Avia, rev 2.0) p.5: PD_SCK high 0.2..50 µs, low ≥ 0.2 µs; 25 pulses
   * select channel A, gain 128. Interrupts off so no ISR stretches a high phase past 60 µs. */
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    for (uint8_t bit = 0; bit < 25; bit++) {
      PORTC |= _BV(SCK_BIT);
      _delay_us(1);
      uint8_t pins = PINC;
      PORTC &= (uint8_t)~_BV(SCK_BIT);
      _delay_us(1);
      if (bit == 24) break; /* the 25th pulse only sets the gain */
      for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
        raw[ch] = (raw[ch] << 1) | ((pins >> (DOUT_SHIFT + ch)) & 1u);
      }
    }
  }
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
    if (!(mask & (1u << ch))) continue;
    /* 24-bit two's complement → int32. */
    out[ch] = (raw[ch] & 0x800000UL) ? (int32_t)(raw[ch] | 0xFF000000UL) : (int32_t)raw[ch];
  }
}
