# rulebook — institutional rulebook compiler.
#
#   make            build build/librulebook.a and build/rulebook
#   make handbook   build, then compile the sample handbook in rules/
#   make check      every test (SANITIZE=1: under ASan+UBSan)
#   make bench      timings next to cmark on ../shared/corpus
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install missing Debian packages (apt-get)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
LIBS_PKGS = yaml-0.1 libcmark libxml-2.0

ifeq ($(SANITIZE),1)
BUILD ?= build/san
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD ?= build
SAN =
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LIBS_PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(LIBS_PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -pthread $(SAN) -Iinclude -Isrc -Isrc/text \
	$(PKG_CFLAGS) $(CFLAGS) $(CPPFLAGS)
ALL_LDFLAGS = $(SAN) -pthread $(LDFLAGS)

LIB_SRC = $(wildcard src/*.c src/tree/*.c src/text/*.c src/number/*.c \
	src/load/*.c src/check/*.c src/emit/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
# the default HTML page and style, compiled in (templates/)
GEN_SRC = $(BUILD)/gen/tpl_page.c $(BUILD)/gen/tpl_css.c
GEN_OBJ = $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_OBJ)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)
DEPS = $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

LIB = $(BUILD)/librulebook.a
BIN = $(BUILD)/rulebook
UNIT = $(BUILD)/test-unit
TEXTCHECK = $(BUILD)/textcheck

.PHONY: all handbook check bench install uninstall deps deps-build deps-test deps-bench clean

all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/tpl_page.c: templates/page.html tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_tpl_page templates/page.html > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/tpl_css.c: templates/style.css tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_tpl_css templates/style.css > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(TEXTCHECK): $(BUILD)/obj/tests/tools/textcheck.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(UNIT): $(UNIT_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(PKG_LIBS) $(CHECK_LIBS)

-include $(DEPS)

# The main job: compile the sample handbook.
handbook: deps-build
	@$(MAKE) --no-print-directory all
	$(BIN) build -f html,docbook,text,json -o $(BUILD)/handbook rules/handbook.yaml
	@echo "handbook written to $(BUILD)/handbook/ (handbook.html, .xml, .txt, .json)"

check: deps-test
	@$(MAKE) --no-print-directory $(BIN) $(UNIT) $(TEXTCHECK)
	@BUILD=$(BUILD) sh tests/run.sh

# Timings next to cmark (and pandoc when installed) on the shared corpus.
bench: deps-bench
	@$(MAKE) --no-print-directory $(BIN)
	@BUILD=$(BUILD) sh tests/bench/run.sh

deps:
	@sh tools/deps.sh all

deps-build:
	@sh tools/deps.sh build --if-missing

deps-test:
	@sh tools/deps.sh test --if-missing

deps-bench:
	@sh tools/deps.sh bench --if-missing

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/rulebook/templates
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/rulebook
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/librulebook.a
	install -m 644 include/rulebook.h $(DESTDIR)$(PREFIX)/include/rulebook.h
	install -m 644 docs/rulebook.1 $(DESTDIR)$(PREFIX)/share/man/man1/rulebook.1
	install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/rulebook/templates/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rulebook $(DESTDIR)$(PREFIX)/lib/librulebook.a \
		$(DESTDIR)$(PREFIX)/include/rulebook.h \
		$(DESTDIR)$(PREFIX)/share/man/man1/rulebook.1
	rm -rf $(DESTDIR)$(PREFIX)/share/rulebook

clean:
	rm -rf build
