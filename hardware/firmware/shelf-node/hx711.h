/* Bit-banged HX711 load-cell amplifiers sharing one PD_SCK line, one DOUT per channel. */
#ifndef SHELF_NODE_HX711_H
#define SHELF_NODE_HX711_H

#include <stdint.h>

void hx711_init(void);
/* Bit n set when channel n has a conversion ready (its DOUT is low). */
uint8_t hx711_ready_mask(void);
/* Clocks out one 24-bit sample from every channel in `mask` at once (all must be ready),
 * selecting channel A, gain 128 for the next conversion. */
void hx711_read(uint8_t mask, int32_t *out);

#endif
