#!/usr/bin/env bash
# Bans unbounded C string functions (as curl does) and checks that the layer
# arrows point down only (DESIGN.md). Prints "PASS lint" or "FAIL lint".
set -u
cd "$(dirname "$0")/.."
bad=0
if grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol)\s*\(' src tools; then
  echo "lint: banned function (use buf_*, arena_printf, snprintf, strtol)" >&2
  bad=1
fi
layer() { # folder, regex of folders it must not include
  [ -d "src/$1" ] || return 0
  if grep -rnE "#include \"($2)/" "src/$1"; then
    echo "lint: src/$1 includes a layer above it" >&2
    bad=1
  fi
}
layer core 'algo|store|domain|http|web|api'
layer algo 'store|domain|http|web|api'
layer http 'algo|store|domain|web|api'
layer store 'domain|http|web|api'
layer domain 'http|web|api'
layer api 'web'
layer web 'api'
if [ $bad -eq 0 ]; then echo "PASS lint"; else echo "FAIL lint"; fi
exit $bad
