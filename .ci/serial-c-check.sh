#!/bin/sh
# Compiles the C99 reference encoder for controller lines strictly and checks it against the
# shared test vectors (the files the Java decoder tests read). Exits non-zero on any mismatch.
# Run from anywhere: ./.ci/serial-c-check.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
ref="$root/firmware-protocols/reference"
vec="$root/firmware-protocols/vectors"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM
CC=${CC:-gcc}
"$CC" -std=c99 -Wall -Wextra -Werror -pedantic -O2 \
    -o "$out/hwt_vectors_check" "$ref/hwt_encode.c" "$ref/hwt_vectors_check.c"
"$out/hwt_vectors_check" "$vec/controller-readings.txt" "$vec/controller-status.txt"
