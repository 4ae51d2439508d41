/*
 * shelf-node line protocol, board side: CRC-16/CCITT-FALSE, frame building and a bounded
 * line reader (docs/shelf-node-protocol.md). Portable C with no AVR headers, so the same
 * file is compiled for the host by the cross-check test (hardware/firmware/firmware.test.ts).
 */
#ifndef SHELF_NODE_PROTOCOL_H
#define SHELF_NODE_PROTOCOL_H

#include <stdint.h>

/* Longest line including '$' and '\n'; the host rejects anything longer. */
#define SN_MAX_LINE 128
#define SN_MAX_FIELDS 6
#define SN_MAX_ID 16

uint16_t sn_crc16_update(uint16_t crc, uint8_t byte);

/* A frame under construction; `overflow` latches if it would exceed SN_MAX_LINE. */
typedef struct {
  char buf[SN_MAX_LINE + 1];
  uint8_t len;
  uint8_t overflow;
} sn_frame_t;

void sn_frame_begin(sn_frame_t *f, uint16_t seq, const char *type);
/* Adds ",<s>"; characters that would break framing ($ * , CR LF, non-printable) become '_'. */
void sn_frame_add_str(sn_frame_t *f, const char *s);
void sn_frame_add_uint(sn_frame_t *f, uint32_t value);
/* Adds tenths of a unit as "-12.5", or "12" when whole (matches the host's formatGrams). */
void sn_frame_add_tenths(sn_frame_t *f, int32_t tenths);
/* Appends "*XXXX\n"; returns the line length, or 0 if the frame overflowed. */
uint8_t sn_frame_finish(sn_frame_t *f);

typedef enum { SN_READ_NONE, SN_READ_LINE, SN_READ_BAD_CRC, SN_READ_TOO_LONG } sn_read_t;

/* Incremental reader: at most SN_MAX_LINE bytes of state whatever it is fed. */
typedef struct {
  char buf[SN_MAX_LINE];
  uint8_t len;
  uint8_t state; /* 0 hunting for '$', 1 in a line, 2 discarding an over-long line */
} sn_reader_t;

void sn_reader_init(sn_reader_t *r);
/* On SN_READ_LINE, r->buf holds the NUL-terminated body between '$' and '*'. */
sn_read_t sn_reader_push(sn_reader_t *r, uint8_t byte);

/* Splits `body` on ',' in place; returns the field count (0 if more than `max`). */
uint8_t sn_split(char *body, char **fields, uint8_t max);
/* Decimal digits only, 1..10 of them, value <= max. Returns 1 on success. */
uint8_t sn_parse_uint(const char *s, uint32_t max, uint32_t *out);
/* "-12.5" / "250" → tenths. Returns 1 on success. */
uint8_t sn_parse_tenths(const char *s, int32_t *out);
/* 1..SN_MAX_ID characters of [A-Za-z0-9._-]. Returns 1 on success. */
uint8_t sn_is_token(const char *s);

#endif
