#!/bin/sh
# Build the shelf-node firmware for an ATmega328P at 16 MHz and print its size.
# Output goes to $OUT_DIR (default: a fresh temp dir) — never into the source tree.
# Exits non-zero on any compile or link error (warnings are errors too).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/shelf-node"
out="${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/shelf-node-build.XXXXXX")}"
mkdir -p "$out"

MCU=atmega328p
CFLAGS="-mmcu=$MCU -Os -DF_CPU=16000000UL -std=gnu99 -Wall -Wextra -Werror -ffunction-sections -fdata-sections ${EXTRA_CFLAGS:-}"

for file in protocol uart hx711 main; do
  # shellcheck disable=SC2086 # CFLAGS is a list of words on purpose
  avr-gcc $CFLAGS -c "$src/$file.c" -o "$out/$file.o"
done
# shellcheck disable=SC2086
avr-gcc -mmcu=$MCU -Wl,--gc-sections -o "$out/shelf-node.elf" \
  "$out/protocol.o" "$out/uart.o" "$out/hx711.o" "$out/main.o"
avr-objcopy -O ihex -R .eeprom "$out/shelf-node.elf" "$out/shelf-node.hex"
avr-objcopy -O ihex -j .eeprom --change-section-lma .eeprom=0 "$out/shelf-node.elf" "$out/shelf-node.eep"
avr-size --mcu=$MCU -C "$out/shelf-node.elf" 2>/dev/null || avr-size "$out/shelf-node.elf"
echo "hex: $out/shelf-node.hex"
