#!/usr/bin/env bash
# Bans unbounded C string functions (as curl does) and checks the house rules
# of src/ (scripts/lint.mjs: floors, module order, private store files,
# handlers that call their rules, SQL only where it belongs, exported names
# with their file's prefix, file size, no route rows in main.c).
# Prints "PASS lint" or "FAIL lint".
set -u
cd "$(dirname "$0")/.."
bad=0
if grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol)\s*\(' src tools; then
  echo "lint: banned function (use buf_*, arena_printf, snprintf, strtol)" >&2
  bad=1
fi
node scripts/lint.mjs || bad=1
if [ $bad -eq 0 ]; then echo "PASS lint"; else echo "FAIL lint"; fi
exit $bad
