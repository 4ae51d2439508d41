/*
 * Host-side harness for protocol.c, driven by hardware/firmware/firmware.test.ts:
 *   encode  — prints frames built by the firmware's encoder, one per line;
 *   decode  — feeds stdin to the firmware's line reader and prints one result per line;
 *   tenths  — parses each argument with sn_parse_tenths and prints the result.
 */
#include <stdio.h>
#include <string.h>

#include "../protocol.h"

static void print_frame(sn_frame_t *f) {
  if (sn_frame_finish(f) == 0) printf("OVERFLOW\n");
  else fputs(f->buf, stdout);
}

static void encode(void) {
  sn_frame_t f;
  sn_frame_begin(&f, 0, "HELLO");
  sn_frame_add_str(&f, "1.0.0");
  sn_frame_add_str(&f, "shelf-A");
  sn_frame_add_uint(&f, 4);
  print_frame(&f);
  sn_frame_begin(&f, 65535, "HB");
  sn_frame_add_uint(&f, 4294967295u);
  print_frame(&f);
  sn_frame_begin(&f, 7, "LIFT");
  sn_frame_add_uint(&f, 3);
  print_frame(&f);
  const int tenths[] = {-125, 2500, -5, 0, 99999999, -99999999};
  for (unsigned i = 0; i < sizeof tenths / sizeof tenths[0]; i++) {
    sn_frame_begin(&f, (uint16_t)(100 + i), "W");
    sn_frame_add_uint(&f, 1);
    sn_frame_add_tenths(&f, tenths[i]);
    print_frame(&f);
  }
  sn_frame_begin(&f, 9, "ERR");
  sn_frame_add_str(&f, "HX711");
  sn_frame_add_str(&f, "bad,$chars*here");
  print_frame(&f);
  sn_frame_begin(&f, 10, "ERR");
  sn_frame_add_str(&f, "LONG");
  char text[200];
  memset(text, 'x', sizeof text - 1);
  text[sizeof text - 1] = '\0';
  sn_frame_add_str(&f, text);
  print_frame(&f);
}

static void decode(void) {
  sn_reader_t r;
  int c;
  sn_reader_init(&r);
  while ((c = getchar()) != EOF) {
    switch (sn_reader_push(&r, (uint8_t)c)) {
      case SN_READ_LINE: printf("LINE %s\n", r.buf); break;
      case SN_READ_BAD_CRC: printf("BAD_CRC\n"); break;
      case SN_READ_TOO_LONG: printf("TOO_LONG\n"); break;
      case SN_READ_NONE: break;
    }
  }
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "encode") == 0) encode();
  else if (argc >= 2 && strcmp(argv[1], "decode") == 0) decode();
  else if (argc >= 2 && strcmp(argv[1], "tenths") == 0) {
    for (int i = 2; i < argc; i++) {
      int32_t v;
      if (sn_parse_tenths(argv[i], &v)) printf("%ld\n", (long)v);
      else printf("ERR\n");
    }
  } else {
    fprintf(stderr, "usage: %s encode|decode|tenths ...\n", argv[0]);
    return 2;
  }
  return 0;
}
