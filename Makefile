# baotri - one non-recursive GNU Makefile.  `make help` lists the targets.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PREFIX ?= /usr/local
DESTDIR ?=
DATA_DIR ?= $(CURDIR)/var
LISTEN ?= 127.0.0.1:8080
WERROR ?= 1
SAN ?= 0

PKGS := sqlite3 libmicrohttpd jansson libical inih libsodium libcurl \
	libesmtp-1.0 openssl
CC ?= cc
ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT := -O1
else
BUILD := build
SANFLAGS :=
OPT := -O2
endif

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wcast-qual -Wwrite-strings -Wformat=2 -Wvla -fno-common
ifeq ($(WERROR),1)
WARN += -Werror
endif
# pkg-config is only asked when building, so `make deps` works without it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -DBAOTRI_SHARE_DIR='"$(PREFIX)/share/baotri"' $(OPT) -g $(WARN) $(SANFLAGS) -I. -MMD -MP
LDFLAGS := $(SANFLAGS)
LIBS = $(PKG_LIBS) -lpthread -lm

ifneq ($(V),1)
Q := @
quiet = @printf '  %-6s %s\n' $(1) $(2);
else
Q :=
quiet =
endif

COMMON_SRC := common/log.c common/xmalloc.c common/buf.c common/num.c \
	common/jsonv.c common/tpl.c common/addr.c
CAL_SRC := calendar/date.c calendar/lunar.c calendar/holiday.c \
	calendar/rule.c calendar/zone.c calendar/ics.c calendar/schedule.c
DAEMON_SRC := daemon/store.c daemon/store_audit.c daemon/store_users.c \
	daemon/store_maint.c daemon/store_notify.c daemon/store_public.c \
	daemon/cfg.c daemon/workcal.c daemon/account.c daemon/admin.c \
	daemon/fetch.c daemon/wf.c daemon/sched.c daemon/links.c
WEB_SRC := web/http.c web/api.c web/api_cal.c web/auth.c web/api_maint.c \
	web/cache.c web/public.c web/pages.c web/site.c web/feeds.c
NOTIFIER_SRC := notifier/compose.c notifier/transport.c notifier/spool.c \
	notifier/smtp.c notifier/outbox.c notifier/webhook.c
LIB_SRC := $(COMMON_SRC) $(CAL_SRC) $(DAEMON_SRC) $(NOTIFIER_SRC) $(WEB_SRC)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)

UNIT_TESTS := test_common test_cal_date test_cal_lunar test_cal_holiday \
	test_cal_rule test_cal_ics test_store
UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/tests/%)
TOOLS := $(BUILD)/tests/lunar_dump $(BUILD)/tests/bench_cal

.PHONY: all run test bench deps check-deps format clean install help unit fuzz
.SECONDARY:

all: $(BUILD)/baotrid $(BUILD)/baotri

help:
	@echo 'targets: all run test bench deps check-deps format clean install'
	@echo 'vars: SAN=1 (ASan+UBSan in build-san/), WERROR=0, V=1, DATA_DIR, LISTEN, PREFIX, DESTDIR'

$(BUILD)/libbaotri.a: $(LIB_OBJ)
	$(call quiet,AR,$@)
	$(Q)ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/baotrid: $(BUILD)/daemon/main.o $(BUILD)/libbaotri.a
	$(call quiet,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/baotri: $(BUILD)/daemon/cli.o $(BUILD)/libbaotri.a
	$(call quiet,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libbaotri.a
	@mkdir -p $(dir $@)
	$(call quiet,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) -DTOP_SRCDIR='"$(CURDIR)"' -c $< -o $@

$(BUILD)/tests/lunar_dump $(BUILD)/tests/bench_cal: $(BUILD)/tests/%: $(BUILD)/tests/bench/%.o $(BUILD)/libbaotri.a
	$(call quiet,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/bench/%.o: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# Installs what is missing (as root), or prints the apt-get line.
deps:
	$(Q)scripts/deps.sh build

run:
	$(Q)scripts/deps.sh build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/run.sh $(BUILD) $(DATA_DIR) $(LISTEN) $(CURDIR)/data

unit: $(UNIT_BINS) $(TOOLS) $(BUILD)/baotrid $(BUILD)/baotri

test:
	$(Q)scripts/deps.sh test
	$(Q)scripts/check-deps.sh
	$(Q)$(MAKE) --no-print-directory WERROR=1 unit
	$(Q)BUILD=$(BUILD) tests/run.sh

bench:
	$(Q)scripts/deps.sh bench
	$(Q)$(MAKE) --no-print-directory $(BUILD)/tests/bench_cal all
	$(Q)$(BUILD)/tests/bench_cal $(CURDIR)/data
	$(Q)BAOTRID=$(CURDIR)/$(BUILD)/baotrid /usr/bin/python3 tests/bench/bench_api.py
	$(Q)BAOTRID=$(CURDIR)/$(BUILD)/baotrid /usr/bin/python3 tests/bench/bench_mail.py

# libFuzzer over the calendar's parsers (clang; not part of `make test`).
FUZZ_SECONDS ?= 60
fuzz:
	$(Q)mkdir -p build-fuzz/corpus
	$(Q)clang -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -I. $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz_parsers \
	    tests/fuzz/fuzz_parsers.c $(COMMON_SRC) $(CAL_SRC) $(PKG_LIBS) -lm
	$(Q)build-fuzz/fuzz_parsers -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 build-fuzz/corpus tests/fuzz/corpus

check-deps:
	$(Q)scripts/check-deps.sh

format:
	$(Q)clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-san build-fuzz

install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/baotri/holidays \
	    $(DESTDIR)$(PREFIX)/share/baotri/templates
	install -m 755 $(BUILD)/baotrid $(DESTDIR)$(PREFIX)/sbin/baotrid
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/baotri $(DESTDIR)$(PREFIX)/bin/baotri
	install -m 644 data/holidays/*.json $(DESTDIR)$(PREFIX)/share/baotri/holidays/
	install -m 644 data/templates/*.tpl $(DESTDIR)$(PREFIX)/share/baotri/templates/
	install -d $(DESTDIR)$(PREFIX)/share/baotri/web/templates $(DESTDIR)$(PREFIX)/share/baotri/web/console
	install -m 644 web/templates/*.tpl $(DESTDIR)$(PREFIX)/share/baotri/web/templates/
	install -m 644 web/console/*.* $(DESTDIR)$(PREFIX)/share/baotri/web/console/
	install -d $(DESTDIR)$(PREFIX)/share/doc/baotri
	install -m 644 README.md docs/*.md data/holidays/SOURCES.md $(DESTDIR)$(PREFIX)/share/doc/baotri/

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
