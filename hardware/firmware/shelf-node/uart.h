/* Interrupt-driven UART0 with small ring buffers. */
#ifndef SHELF_NODE_UART_H
#define SHELF_NODE_UART_H

#include <stdint.h>

void uart_init(void);
/* Next received byte, or -1 if none. */
int16_t uart_read(void);
/* Queues bytes for sending; waits for room if the TX ring is full. */
void uart_write(const char *data, uint8_t len);
/* Received bytes dropped because the RX ring was full (reported as ERR). */
uint8_t uart_take_overruns(void);

#endif
