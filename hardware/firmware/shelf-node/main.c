/*
 * shelf-node firmware for an ATmega328P: pick-up switches and HX711 load cells on up to four
 * channels, reported over UART with the shelf-node line protocol (docs/shelf-node-protocol.md).
 * Host commands: PING, TARE, CAL, LED, ID. Pins: docs/wiring.md.
 */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <string.h>
#include <util/atomic.h>

#include "config.h"
#include "hx711.h"
#include "protocol.h"
#include "uart.h"

#define EEPROM_MAGIC 0x5348u /* "SH"; bump when the layout changes */

typedef struct {
  uint16_t magic;
  char id[SN_MAX_ID + 1];
  int32_t offset[SN_CHANNELS];
  float counts_per_gram[SN_CHANNELS];
} settings_t;

static settings_t EEMEM ee_settings;
static settings_t settings;

static volatile uint32_t now_ms;
static volatile uint8_t switch_stable; /* bit n: debounced raw level of channel n's switch */
static volatile uint8_t switch_changed;
static uint8_t switch_count[SN_CHANNELS];

static uint16_t tx_seq;
static sn_reader_t reader;
static int32_t filtered[SN_CHANNELS]; /* IIR of raw counts, used by TARE and CAL */
static uint8_t led_mode[SN_CHANNELS]; /* 0 off, 1 on, 2 blink */

/* Channel n: switch PD(2+n); LED on PD6, PD7, PB0, PB1. */
static volatile uint8_t *const led_port[4] = {&PORTD, &PORTD, &PORTB, &PORTB};
static volatile uint8_t *const led_ddr[4] = {&DDRD, &DDRD, &DDRB, &DDRB};
static const uint8_t led_bit[4] = {PD6, PD7, PB0, PB1};
#define SWITCH_SHIFT 2
#define SWITCH_MASK ((uint8_t)(((1u << SN_CHANNELS) - 1u) << SWITCH_SHIFT))

static uint32_t millis(void) {
  uint32_t ms;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { ms = now_ms; }
  return ms;
}

/* 1 kHz tick: time base and switch debounce, so a busy UART never delays an edge. */
ISR(TIMER0_COMPA_vect) {
  now_ms++;
  uint8_t raw = (uint8_t)((PIND & SWITCH_MASK) >> SWITCH_SHIFT);
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
    uint8_t bit = (uint8_t)(1u << ch);
    if ((raw ^ switch_stable) & bit) {
      if (++switch_count[ch] >= SN_DEBOUNCE_MS) {
        switch_stable ^= bit;
        switch_changed |= bit;
        switch_count[ch] = 0;
      }
    } else {
      switch_count[ch] = 0;
    }
  }
}

static void send_frame(sn_frame_t *f) {
  uint8_t len = sn_frame_finish(f);
  if (len > 0) uart_write(f->buf, len);
  tx_seq++; /* uint16_t wraps 65535 → 0 as the protocol expects */
}

static void send_hello(void) {
  sn_frame_t f;
  sn_frame_begin(&f, tx_seq, "HELLO");
  sn_frame_add_str(&f, SN_FIRMWARE);
  sn_frame_add_str(&f, settings.id);
  sn_frame_add_uint(&f, SN_CHANNELS);
  send_frame(&f);
}

static void send_err(const char *code, const char *text) {
  sn_frame_t f;
  sn_frame_begin(&f, tx_seq, "ERR");
  sn_frame_add_str(&f, code);
  sn_frame_add_str(&f, text);
  send_frame(&f);
}

static void send_channel(const char *type, uint8_t ch) {
  sn_frame_t f;
  sn_frame_begin(&f, tx_seq, type);
  sn_frame_add_uint(&f, ch);
  send_frame(&f);
}

static void load_settings(void) {
  eeprom_read_block(&settings, &ee_settings, sizeof settings);
  settings.id[SN_MAX_ID] = '\0';
  if (settings.magic == EEPROM_MAGIC && sn_is_token(settings.id)) return;
  memset(&settings, 0, sizeof settings);
  settings.magic = EEPROM_MAGIC;
  strcpy(settings.id, SN_DEFAULT_ID);
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) settings.counts_per_gram[ch] = 1.0f;
}

static void save_settings(void) {
  eeprom_update_block(&settings, &ee_settings, sizeof settings);
}

/* Parses "<ch>" and reports ERR,CHANNEL if it is not one of ours. */
static uint8_t parse_channel(const char *s, uint8_t *ch) {
  uint32_t value;
  if (!sn_parse_uint(s, 254, &value)) return 0;
  if (value >= SN_CHANNELS) {
    send_err("CHANNEL", s);
    return 2;
  }
  *ch = (uint8_t)value;
  return 1;
}

static uint8_t handle_command(char **f, uint8_t n) {
  const char *type = f[1];
  uint8_t ch = 0;
  uint8_t ok;
  if (strcmp(type, "PING") == 0 && n == 2) {
    send_hello();
  } else if (strcmp(type, "TARE") == 0 && n == 3) {
    if ((ok = parse_channel(f[2], &ch)) != 1) return ok;
    settings.offset[ch] = filtered[ch];
    save_settings();
  } else if (strcmp(type, "CAL") == 0 && n == 4) {
    int32_t tenths;
    if ((ok = parse_channel(f[2], &ch)) != 1) return ok;
    if (!sn_parse_tenths(f[3], &tenths) || tenths <= 0) return 0;
    float counts = (float)(filtered[ch] - settings.offset[ch]);
    if (counts == 0.0f) {
      send_err("CAL", "no load on channel");
      return 2;
    }
    settings.counts_per_gram[ch] = counts * 10.0f / (float)tenths;
    save_settings();
  } else if (strcmp(type, "LED") == 0 && n == 4) {
    if ((ok = parse_channel(f[2], &ch)) != 1) return ok;
    if (strcmp(f[3], "off") == 0) led_mode[ch] = 0;
    else if (strcmp(f[3], "on") == 0) led_mode[ch] = 1;
    else if (strcmp(f[3], "blink") == 0) led_mode[ch] = 2;
    else return 0;
  } else if (strcmp(type, "ID") == 0 && n == 3) {
    if (!sn_is_token(f[2])) return 0;
    strcpy(settings.id, f[2]);
    save_settings();
    send_hello();
  } else {
    send_err("TYPE", type);
    return 2;
  }
  return 1;
}

static void handle_line(char *body) {
  char *f[SN_MAX_FIELDS];
  uint32_t seq;
  uint8_t n = sn_split(body, f, SN_MAX_FIELDS);
  /* Host sequence numbers are not checked: the host resends what matters (PING, LED). */
  if (n < 2 || !sn_parse_uint(f[0], 65535, &seq)) {
    send_err("FIELDS", "bad frame");
    return;
  }
  if (handle_command(f, n) == 0) send_err("FIELDS", f[1]);
}

static void poll_uart(void) {
  int16_t byte;
  while ((byte = uart_read()) >= 0) {
    switch (sn_reader_push(&reader, (uint8_t)byte)) {
      case SN_READ_LINE: handle_line(reader.buf); break;
      case SN_READ_BAD_CRC: send_err("CRC", "bad checksum"); break;
      case SN_READ_TOO_LONG: send_err("LONG", "line too long"); break;
      case SN_READ_NONE: break;
    }
  }
  if (uart_take_overruns() > 0) send_err("OVERRUN", "rx buffer full");
}

static void poll_switches(void) {
  uint8_t changed, stable;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    changed = switch_changed;
    stable = switch_stable;
    switch_changed = 0;
  }
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
    if (!(changed & (1u << ch))) continue;
    /* Report the level now, not the edge: two edges merged while we were busy stay truthful. */
    uint8_t present = ((stable >> ch) & 1u) == SN_SWITCH_PRESENT_LEVEL;
    send_channel(present ? "PUT" : "LIFT", ch);
  }
}

static void poll_loadcells(void) {
  static uint32_t last_sample_ms;
  static uint8_t reported_stall;
  int32_t raw[SN_CHANNELS];
  uint8_t wanted = SN_LOADCELL_MASK;
  if (wanted == 0) return;
  if ((hx711_ready_mask() & wanted) != wanted) {
    if (!reported_stall && millis() - last_sample_ms > SN_HX711_TIMEOUT_MS) {
      send_err("HX711", "not ready");
      reported_stall = 1;
    }
    return;
  }
  hx711_read(wanted, raw);
  last_sample_ms = millis();
  reported_stall = 0;
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
    if (!(wanted & (1u << ch))) continue;
    filtered[ch] += (raw[ch] - filtered[ch]) / 4; /* light smoothing for TARE/CAL only */
    float grams = (float)(raw[ch] - settings.offset[ch]) / settings.counts_per_gram[ch];
    if (grams > 9999999.0f || grams < -9999999.0f) continue; /* uncalibrated nonsense */
    sn_frame_t f;
    sn_frame_begin(&f, tx_seq, "W");
    sn_frame_add_uint(&f, ch);
    sn_frame_add_tenths(&f, (int32_t)(grams * 10.0f + (grams < 0 ? -0.5f : 0.5f)));
    send_frame(&f);
  }
}

static void update_leds(uint32_t ms) {
  uint8_t blink_on = (ms / 250u) & 1u;
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) {
    uint8_t on = led_mode[ch] == 1 || (led_mode[ch] == 2 && blink_on);
    if (on) *led_port[ch] |= _BV(led_bit[ch]);
    else *led_port[ch] &= (uint8_t)~_BV(led_bit[ch]);
  }
  /* Status LED (D13) blinks with the heartbeat so a glance says the firmware runs. */
  if ((ms % SN_HEARTBEAT_MS) < 50u) PORTB |= _BV(PB5);
  else PORTB &= (uint8_t)~_BV(PB5);
}

static void init_io(void) {
  DDRD &= (uint8_t)~SWITCH_MASK;
  PORTD |= SWITCH_MASK; /* pull-ups */
  for (uint8_t ch = 0; ch < SN_CHANNELS; ch++) *led_ddr[ch] |= _BV(led_bit[ch]);
  DDRB |= _BV(PB5);
  switch_stable = (uint8_t)((PIND & SWITCH_MASK) >> SWITCH_SHIFT); /* no events for the boot state */
  /* Timer0 CTC at 1 kHz: 16 MHz / 64 / 250. */
  TCCR0A = _BV(WGM01);
  TCCR0B = _BV(CS01) | _BV(CS00);
  OCR0A = 249;
  TIMSK0 = _BV(OCIE0A);
}

int main(void) {
  uint32_t last_hb = 0;
  load_settings();
  uart_init();
  hx711_init();
  init_io();
  sn_reader_init(&reader);
  sei();
  send_hello();
  for (;;) {
    uint32_t ms = millis();
    poll_uart();
    poll_switches();
    poll_loadcells();
    if (ms - last_hb >= SN_HEARTBEAT_MS) {
      last_hb += SN_HEARTBEAT_MS;
      sn_frame_t f;
      sn_frame_begin(&f, tx_seq, "HB");
      sn_frame_add_uint(&f, ms);
      send_frame(&f);
    }
    update_leds(ms);
  }
}
