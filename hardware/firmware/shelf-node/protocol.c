/* See protocol.h. Kept free of AVR headers so the host can compile and cross-check it. */
#include "protocol.h"

/* CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no xorout; "123456789" → 0x29B1.
 * Bitwise rather than a 512-byte table: flash matters more than speed at 115200 baud. */
uint16_t sn_crc16_update(uint16_t crc, uint8_t byte) {
  crc ^= (uint16_t)byte << 8;
  for (uint8_t i = 0; i < 8; i++) {
    crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  }
  return crc;
}

static void put_char(sn_frame_t *f, char c) {
  /* Leave room for "*XXXX\n" (6 bytes) after the body. */
  if (f->len >= SN_MAX_LINE - 6) {
    f->overflow = 1;
    return;
  }
  f->buf[f->len++] = c;
}

static void put_raw(sn_frame_t *f, const char *s) {
  while (*s) put_char(f, *s++);
}

static void put_uint(sn_frame_t *f, uint32_t value) {
  char digits[10];
  uint8_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) put_char(f, digits[--n]);
}

void sn_frame_begin(sn_frame_t *f, uint16_t seq, const char *type) {
  f->len = 0;
  f->overflow = 0;
  put_char(f, '$');
  put_uint(f, seq);
  put_char(f, ',');
  put_raw(f, type);
}

void sn_frame_add_str(sn_frame_t *f, const char *s) {
  put_char(f, ',');
  for (; *s; s++) {
    char c = *s;
    int bad = c == '$' || c == '*' || c == ',' || c < 0x20 || c > 0x7e;
    put_char(f, bad ? '_' : c);
  }
}

void sn_frame_add_uint(sn_frame_t *f, uint32_t value) {
  put_char(f, ',');
  put_uint(f, value);
}

void sn_frame_add_tenths(sn_frame_t *f, int32_t tenths) {
  uint32_t magnitude = tenths < 0 ? (uint32_t)(-(tenths + 1)) + 1u : (uint32_t)tenths;
  put_char(f, ',');
  if (tenths < 0) put_char(f, '-');
  put_uint(f, magnitude / 10);
  if (magnitude % 10 != 0) {
    put_char(f, '.');
    put_char(f, (char)('0' + magnitude % 10));
  }
}

uint8_t sn_frame_finish(sn_frame_t *f) {
  static const char hex[] = "0123456789ABCDEF";
  uint16_t crc = 0xFFFF;
  if (f->overflow) return 0;
  for (uint8_t i = 1; i < f->len; i++) crc = sn_crc16_update(crc, (uint8_t)f->buf[i]);
  f->buf[f->len++] = '*';
  for (int8_t shift = 12; shift >= 0; shift -= 4) f->buf[f->len++] = hex[(crc >> shift) & 0xF];
  f->buf[f->len++] = '\n';
  f->buf[f->len] = '\0';
  return f->len;
}

void sn_reader_init(sn_reader_t *r) {
  r->len = 0;
  r->state = 0;
}

static uint8_t hex_value(char c) {
  if (c >= '0' && c <= '9') return (uint8_t)(c - '0');
  if (c >= 'A' && c <= 'F') return (uint8_t)(c - 'A' + 10);
  return 0xFF;
}

/* Validates "<body>*XXXX" in r->buf[0..len) and cuts it down to the body. */
static sn_read_t finish_line(sn_reader_t *r) {
  uint8_t len = r->len;
  uint16_t sent = 0;
  uint16_t crc = 0xFFFF;
  if (len > 0 && r->buf[len - 1] == '\r') len--;
  if (len < 5 || r->buf[len - 5] != '*') return SN_READ_BAD_CRC;
  for (uint8_t i = len - 4; i < len; i++) {
    uint8_t v = hex_value(r->buf[i]);
    if (v == 0xFF) return SN_READ_BAD_CRC;
    sent = (uint16_t)((sent << 4) | v);
  }
  for (uint8_t i = 0; i < len - 5; i++) crc = sn_crc16_update(crc, (uint8_t)r->buf[i]);
  if (crc != sent) return SN_READ_BAD_CRC;
  r->buf[len - 5] = '\0';
  return SN_READ_LINE;
}

sn_read_t sn_reader_push(sn_reader_t *r, uint8_t byte) {
  if (byte == '$') { /* a '$' always starts a frame: resynchronise */
    r->state = 1;
    r->len = 0;
    return SN_READ_NONE;
  }
  if (r->state == 0) return SN_READ_NONE;
  if (byte == '\n') {
    uint8_t was = r->state;
    r->state = 0;
    return was == 1 ? finish_line(r) : SN_READ_NONE;
  }
  if (r->state == 2) return SN_READ_NONE;
  /* '$' is byte 1 and '\n' must still fit: at most SN_MAX_LINE - 2 bytes in between. */
  if (r->len >= SN_MAX_LINE - 2) {
    r->state = 2;
    return SN_READ_TOO_LONG;
  }
  r->buf[r->len++] = (char)byte;
  return SN_READ_NONE;
}

uint8_t sn_split(char *body, char **fields, uint8_t max) {
  uint8_t n = 0;
  fields[n++] = body;
  for (char *p = body; *p; p++) {
    if (*p != ',') continue;
    if (n >= max) return 0;
    *p = '\0';
    fields[n++] = p + 1;
  }
  return n;
}

uint8_t sn_parse_uint(const char *s, uint32_t max, uint32_t *out) {
  uint32_t value = 0;
  uint8_t n = 0;
  for (; *s; s++, n++) {
    if (*s < '0' || *s > '9' || n >= 10) return 0;
    uint32_t digit = (uint32_t)(*s - '0');
    if (value > (0xFFFFFFFFu - digit) / 10) return 0;
    value = value * 10 + digit;
  }
  if (n == 0 || value > max) return 0;
  *out = value;
  return 1;
}

uint8_t sn_parse_tenths(const char *s, int32_t *out) {
  uint8_t negative = *s == '-';
  uint32_t whole = 0;
  uint32_t tenth = 0;
  uint8_t n = 0;
  if (negative) s++;
  for (; *s >= '0' && *s <= '9'; s++, n++) {
    if (n >= 7) return 0;
    whole = whole * 10 + (uint32_t)(*s - '0');
  }
  if (n == 0) return 0;
  if (*s == '.') {
    if (s[1] < '0' || s[1] > '9' || s[2] != '\0') return 0;
    tenth = (uint32_t)(s[1] - '0');
  } else if (*s != '\0') {
    return 0;
  }
  *out = (int32_t)(whole * 10 + tenth) * (negative ? -1 : 1);
  return 1;
}

uint8_t sn_is_token(const char *s) {
  uint8_t n = 0;
  for (; *s; s++, n++) {
    char c = *s;
    int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok || n >= SN_MAX_ID) return 0;
  }
  return n > 0;
}
