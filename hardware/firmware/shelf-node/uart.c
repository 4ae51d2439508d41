#include "uart.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

#include "config.h"

/* Powers of two so the index wraps with a mask. RX holds half a line: the main loop drains
 * it every pass. TX holds two full lines so a burst of LIFT + W frames rarely waits. */
#define RX_SIZE 64u
#define TX_SIZE 256u

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail, rx_overruns;
static volatile uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head, tx_tail; /* uint8_t indices wrap at 256 = TX_SIZE */

void uart_init(void) {
  /* Double speed: UBRR = F_CPU / (8 * baud) - 1 = 16 → 117647 baud, +2.1 % (ATmega328P
   * datasheet table 20-6 lists 2.1 % for 115200 at 16 MHz with U2X0 = 1; within tolerance). */
  UCSR0A = _BV(U2X0);
  UBRR0 = (uint16_t)(F_CPU / (8UL * SN_BAUD) - 1UL);
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
}

ISR(USART_RX_vect) {
  uint8_t byte = UDR0;
  uint8_t next = (uint8_t)((rx_head + 1u) & (RX_SIZE - 1u));
  if (next == rx_tail) {
    if (rx_overruns < 255) rx_overruns++;
    return;
  }
  rx_buf[rx_head] = byte;
  rx_head = next;
}

ISR(USART_UDRE_vect) {
  if (tx_head == tx_tail) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0);
    return;
  }
  UDR0 = tx_buf[tx_tail];
  tx_tail = (uint8_t)(tx_tail + 1u);
}

int16_t uart_read(void) {
  if (rx_head == rx_tail) return -1;
  uint8_t byte = rx_buf[rx_tail];
  rx_tail = (uint8_t)((rx_tail + 1u) & (RX_SIZE - 1u));
  return byte;
}

void uart_write(const char *data, uint8_t len) {
  for (uint8_t i = 0; i < len; i++) {
    uint8_t next = (uint8_t)(tx_head + 1u);
    while (next == tx_tail) {
      /* Full: the UDRE interrupt drains it; just wait. */
    }
    tx_buf[tx_head] = (uint8_t)data[i];
    tx_head = next;
    UCSR0B |= _BV(UDRIE0);
  }
}

uint8_t uart_take_overruns(void) {
  uint8_t n;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    n = rx_overruns;
    rx_overruns = 0;
  }
  return n;
}
