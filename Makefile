# wugong build. `make` builds build/wugong with -Wall -Wextra -Werror.
# `make run` installs what is missing, builds, creates the demo database and serves.
# `make check` runs every test layer (also under ASan+UBSan) and ends with "N passed, N failed".

PKGS    := libh2o-evloop sqlite3 libsodium libcmark libqrencode jansson libpq vips opencc gmp libxml-2.0 xlsxwriter libzip
BUILD   ?= build
OPT     ?= -O2 -g
SAN     ?=
CC      ?= cc
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c17 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 -Wall -Wextra -Werror \
             -Wshadow -Wno-missing-field-initializers -Wformat=2 \
             -Isrc $(PKG_CFLAGS) $(OPT) $(SAN) -MMD -MP
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm $(SAN)

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embed.o
# compiled into the binary: every owner's migrations, templates, static files and strings
EMBEDDED := $(shell find src -type f \( -path '*/migrations/*.sql' -o -path '*/templates/*.html' -o -path '*/static/*' -o -name i18n.tsv \) | sort)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
# the benchmark generator's own SQL (bench/sql/): bulk rows no feature writes
BENCH_LIB := $(patsubst %.c,$(BUILD)/%.o,$(wildcard bench/sql/*.c))

DB      ?= wugong.db
PORT    ?= 8080

.PHONY: all run deps check check-asan unit lint clean demo bench-tools fuzz crashtest bench bench-smoke shots print-pkgs
all: $(BUILD)/wugong

$(BUILD)/wugong: $(BUILD)/src/main.o $(BUILD)/libwugong.a
	$(CC) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libwugong.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embed.c: $(BUILD)/tools/embed $(EMBEDDED)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ src/ $(EMBEDDED)

$(BUILD)/gen/embed.o: $(BUILD)/gen/embed.c
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(BUILD)/libwugong.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libwugong.a $(LDLIBS_ALL)

unit: $(UNIT_BIN)

$(BUILD)/bench/%: bench/%.c $(BENCH_LIB) $(BUILD)/libwugong.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ibench -o $@ $< $(BENCH_LIB) $(BUILD)/libwugong.a $(LDLIBS_ALL)

bench-tools: $(BENCH_BIN)

# The benchmark suite (bench/run.sh): an optimised build in build-bench/, a
# generated district (SCALE=city: ten times larger), every figure against the
# same binary in one run, one table and bench/results/latest.json.
# DB=postgresql runs it on a private PostgreSQL cluster. bench-smoke: a tiny
# dataset, 1 s per figure (make check runs it).
SCALE ?= district
BENCH_DB = $(if $(filter postgresql,$(DB)),postgresql,sqlite)
bench: deps
	bench/run.sh --scale $(SCALE) --db $(BENCH_DB)

bench-smoke:
	bench/run.sh --scale smoke --db $(BENCH_DB)

deps:
	scripts/deps.sh

run: deps
	$(MAKE) all
	@test -f $(DB) || $(BUILD)/wugong demo --db sqlite:$(DB)
	$(BUILD)/wugong serve --db sqlite:$(DB) --port $(PORT)

check: deps
	scripts/check.sh

check-asan: deps
	WG_ONLY_ASAN=1 scripts/check.sh

# SIGKILL the server at random moments while clients write; every acknowledged
# write must survive whole (tests/crash/crash.mjs); CRASH_CYCLES kills
CRASH_CYCLES ?= 1000
crashtest: deps all bench-tools
	node tests/crash/crash.mjs $(CRASH_CYCLES)

# libFuzzer harnesses (clang): FUZZ_SECONDS per harness; crashes land in
# tests/fuzz/regressions/NAME/, which `make check` replays
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh build
	scripts/fuzz.sh replay
	scripts/fuzz.sh run $(FUZZ_SECONDS)

# a screenshot of every page, as a visitor, a resident and staff see it, in
# each language and mode (360 px), with an index page: $(SHOTS)/pages/index.html
SHOTS ?= $(BUILD)/shots
shots: deps all
	WG_SHOTS_ALL=1 WG_SHOTS=$(abspath $(SHOTS)) node --test tests/browser/pages.test.mjs

# the pkg-config packages the binary links, for scripts that link it too (scripts/fuzz.sh)
print-pkgs:
	@echo $(PKGS)

lint:
	scripts/lint.sh

clean:
	rm -rf build build-asan build-fuzz build-bench

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
