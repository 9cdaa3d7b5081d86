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
# where SARIF's helpUri points (each code is an anchor of the page)
DOCS_URL ?= file://$(PREFIX)/share/doc/rulebook/diagnostics.md
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
LIBS_PKGS = yaml-0.1 libcmark libxml-2.0 libzip
# libxml2 is opened when HTML, DocBook or Word is rendered, libzip when
# Word is, not linked (libxml2's ICU and C++ runtime, libzip's libcrypto
# cost every run ~4-5 ms at start): each soname is the one of the library
# its headers came with
LINK_PKGS = yaml-0.1 libcmark
LIBZIP_SONAME := $(shell readelf -d "$$($(PKG_CONFIG) --variable=libdir libzip 2>/dev/null)/libzip.so" \
	2>/dev/null | sed -n 's/.*soname: \[\(.*\)\]/\1/p')
ifeq ($(LIBZIP_SONAME),)
LIBZIP_SONAME := libzip.so.4
endif
LIBXML2_SONAME := $(shell readelf -d "$$($(PKG_CONFIG) --variable=libdir libxml-2.0 2>/dev/null)/libxml2.so" \
	2>/dev/null | sed -n 's/.*soname: \[\(.*\)\]/\1/p')
ifeq ($(LIBXML2_SONAME),)
LIBXML2_SONAME := libxml2.so.2
endif

ifeq ($(SANITIZE),1)
BUILD ?= build/san
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD ?= build
SAN =
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LIBS_PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(LINK_PKGS) 2>/dev/null) -ldl
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -pthread $(SAN) -Iinclude -Isrc -Isrc/text \
	$(PKG_CFLAGS) -DRB_LIBXML2='"$(LIBXML2_SONAME)"' -DRB_LIBZIP='"$(LIBZIP_SONAME)"' \
	-DRB_LOCALEDIR='"$(PREFIX)/share/locale"' -DRB_DOCS_URL='"$(DOCS_URL)"' \
	$(CFLAGS) $(CPPFLAGS)
ALL_LDFLAGS = $(SAN) -pthread $(LDFLAGS)

LIB_SRC = $(wildcard src/*.c src/mem/*.c src/tree/*.c src/text/*.c src/number/*.c \
	src/load/*.c src/import/*.c src/check/*.c src/revise/*.c src/emit/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
# the default HTML page and style, compiled in (templates/)
GEN_SRC = $(BUILD)/gen/tpl_page.c $(BUILD)/gen/tpl_css.c $(BUILD)/gen/tpl_search.c \
	$(BUILD)/gen/import_rules.c
GEN_OBJ = $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_OBJ)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)
DEPS = $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(BUILD)/obj/noxml/xmllib.d

# message catalogs (GNU gettext): po/LANG.po → $(BUILD)/locale (the build
# tree's rulebook reads them with RULEBOOK_LOCALEDIR=$(BUILD)/locale);
# Hong Kong and Macau read the traditional catalog
LANGS = zh_CN zh_TW
LOCALE_ALIASES = zh_HK:zh_TW zh_MO:zh_TW
MO = $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/rulebook.mo) \
	$(foreach a,$(LOCALE_ALIASES),$(BUILD)/locale/$(word 1,$(subst :, ,$(a)))/LC_MESSAGES/rulebook.mo)
XGETTEXT_KEYWORDS = --keyword=rb_tr --keyword=rb_ntr:1,2 --keyword=RB_N_ --keyword=rb_diag_report:6 \
	--keyword=rb_diag_note:5 --keyword=rb_usage_error:2 --keyword=REPORT:4 --flag=REPORT:4:c-format \
	--keyword=note_at:3 --flag=note_at:3:c-format \
	--flag=rb_diag_report:6:c-format --flag=rb_diag_note:5:c-format --flag=rb_usage_error:2:c-format

LIB = $(BUILD)/librulebook.a
# the shared library (make install): the same sources compiled again as
# position-independent code, so the static archive and the binary keep
# their plain code; calls inside the library stay direct
SOVERSION = 0
SOLIB = librulebook.so.$(SOVERSION)
SHLIB = $(BUILD)/$(SOLIB)
PIC_OBJ = $(LIB_OBJ:$(BUILD)/obj/%.o=$(BUILD)/pic/%.o)
BIN = $(BUILD)/rulebook
UNIT = $(BUILD)/test-unit
TEXTCHECK = $(BUILD)/textcheck
NOXML = $(BUILD)/rulebook-noxml
TIMEIT = $(BUILD)/timeit

.PHONY: all pot po-check handbook check bench fuzz valgrind install uninstall deps deps-build deps-test deps-bench clean

all: $(BIN) $(MO)

$(BUILD)/locale/%/LC_MESSAGES/rulebook.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/locale/zh_HK/LC_MESSAGES/rulebook.mo $(BUILD)/locale/zh_MO/LC_MESSAGES/rulebook.mo: \
		$(BUILD)/locale/zh_TW/LC_MESSAGES/rulebook.mo
	@mkdir -p $(@D)
	cp $< $@

# every message of the sources translated in every catalog (tests/i18n)
po-check:
	@mkdir -p $(BUILD)
	@xgettext --from-code=UTF-8 --language=C --no-location --sort-output --package-name=rulebook \
		$(XGETTEXT_KEYWORDS) -o $(BUILD)/rulebook.pot $(sort $(LIB_SRC) $(CLI_SRC))
	@for l in $(LANGS); do msgcmp po/$$l.po $(BUILD)/rulebook.pot || exit 1; done

# po/rulebook.pot from the sources, and the catalogs merged with it (then
# translate what msgmerge left empty or fuzzy)
pot:
	xgettext --from-code=UTF-8 --language=C --no-location --sort-output --package-name=rulebook \
		$(XGETTEXT_KEYWORDS) -o po/rulebook.pot $(sort $(LIB_SRC) $(CLI_SRC))
	for l in $(LANGS); do msgmerge --quiet --update --backup=none --no-location --sort-output po/$$l.po po/rulebook.pot && \
		msgattrib --no-obsolete -o po/$$l.po po/$$l.po; done

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/tpl_page.c: templates/page.html tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_tpl_page templates/page.html > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/tpl_css.c: templates/style.css tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_tpl_css templates/style.css > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/tpl_search.c: templates/search.js tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_tpl_search templates/search.js > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/import_rules.c: templates/import-rules tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh rb_import_rules_default templates/import-rules > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fno-semantic-interposition -MMD -MP -c -o $@ $<

$(BUILD)/pic/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fno-semantic-interposition -MMD -MP -c -o $@ $<

$(SHLIB): $(PIC_OBJ)
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(SOLIB) -o $@ $(PIC_OBJ) $(PKG_LIBS)

$(BUILD)/rulebook.pc: Makefile include/rulebook.h
	@mkdir -p $(@D)
	@version=$$(sed -n 's/^#define RB_VERSION "\(.*\)"/\1/p' include/rulebook.h); \
	printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$${prefix}/include' 'libdir=$${prefix}/lib' '' \
		'Name: rulebook' 'Description: institutional rulebook compiler: regulations to a checked clause tree and HTML, DocBook, text, JSON, Markdown' \
		"Version: $$version" 'Requires.private: $(LINK_PKGS)' 'Cflags: -I$${includedir}' \
		'Libs: -L$${libdir} -lrulebook' 'Libs.private: -pthread -ldl' >$@

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

# rulebook as on a machine without libxml2 (tests/hostile): its loader
# names a library that does not exist; linked first, it stands in for
# the archive's
$(BUILD)/obj/noxml/xmllib.o: src/emit/xmllib.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -URB_LIBXML2 -DRB_LIBXML2='"librulebook-no-such-library.so"' -MMD -MP -c -o $@ $<

$(NOXML): $(CLI_OBJ) $(BUILD)/obj/noxml/xmllib.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/obj/noxml/xmllib.o $(LIB) $(PKG_LIBS)

# make bench's stopwatch (wait4: a BSD call, not POSIX)
$(TIMEIT): tests/bench/timeit.c
	$(CC) $(WARN) -D_DEFAULT_SOURCE $(CFLAGS) -o $@ $<

$(UNIT): $(UNIT_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(PKG_LIBS) $(CHECK_LIBS)

-include $(DEPS)

# The main job: compile the sample handbook.
handbook: deps-build
	@$(MAKE) --no-print-directory all
	$(BIN) build -f html,docbook,text,json -o $(BUILD)/handbook rules/handbook.yaml
	@echo "handbook written to $(BUILD)/handbook/ (handbook.html, .xml, .txt, .json)"

check: deps-test
	@$(MAKE) --no-print-directory $(BIN) $(MO) $(UNIT) $(TEXTCHECK) $(NOXML)
	@BUILD=$(BUILD) sh tests/run.sh

# Timings next to cmark (and pandoc when installed) on the shared corpus.
bench: deps-bench
	@$(MAKE) --no-print-directory $(BIN) $(TIMEIT)
	@BUILD=$(BUILD) sh tests/bench/run.sh

# Fuzzing (clang's libFuzzer, with ASan+UBSan): build every target in
# build/fuzz/ and run each for FUZZ_SECONDS; seeds in tests/fuzz/<name>/,
# the growing corpus and any crash in build/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS = yaml markdown text numeral
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/fuzz/obj/gen/%.o)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) -D_POSIX_C_SOURCE=200809L -pthread -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		-Iinclude -Isrc -Isrc/text $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/fuzz/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 $(FUZZ_SAN) -c -o $@ $<

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_load.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(WARN) -D_POSIX_C_SOURCE=200809L -pthread -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer \
		-Iinclude -Isrc $(PKG_CFLAGS) -o $@ $< $(FUZZ_LIB_OBJ) $(PKG_LIBS)

.SECONDARY: $(FUZZ_LIB_OBJ)
-include $(FUZZ_LIB_OBJ:.o=.d)

fuzz: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(BUILD)/fuzz/corpus-$$t $(BUILD)/fuzz/crash-$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-rss_limit_mb=2048 -artifact_prefix=$(BUILD)/fuzz/crash-$$t/ -print_final_stats=1 \
			$(BUILD)/fuzz/corpus-$$t tests/fuzz/$$t 2>&1 | grep -E '^(stat::number_of_executed_units|==|SUMMARY|Test unit|artifact)' ; \
		if ls $(BUILD)/fuzz/crash-$$t/* >/dev/null 2>&1; then echo "fuzz: $$t found a crash"; exit 1; fi; \
	done

# valgrind over the main job: no error, no leak, on every format.
valgrind: $(BIN)
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
		$(BIN) build -f html,docbook,text,json,markdown,docx -o $(BUILD)/valgrind rules/handbook.yaml
	valgrind --quiet --leak-check=full --error-exitcode=1 $(BIN) fmt --renumber rules/law-enforcement.yaml >/dev/null
	@# Markdown too (cmark's arenas, pieces parsed on two threads): a
	@# synthetic law of 2,000 articles, 650 kB
	sh tests/bench/synth.sh 2000 >$(BUILD)/valgrind-law.md
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
		$(BIN) build -j 2 -f html,docbook,text,json,markdown -o $(BUILD)/valgrind $(BUILD)/valgrind-law.md
	@echo "valgrind: no errors, no leaks"

deps:
	@sh tools/deps.sh all

deps-build:
	@sh tools/deps.sh build --if-missing

deps-test:
	@sh tools/deps.sh test --if-missing

deps-bench:
	@sh tools/deps.sh bench --if-missing

install: $(BIN) $(MO) $(SHLIB) $(BUILD)/rulebook.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/rulebook/templates $(DESTDIR)$(PREFIX)/share/doc/rulebook
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/rulebook
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/librulebook.a
	install -m 755 $(SHLIB) $(DESTDIR)$(PREFIX)/lib/$(SOLIB)
	ln -sf $(SOLIB) $(DESTDIR)$(PREFIX)/lib/librulebook.so
	install -m 644 $(BUILD)/rulebook.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/rulebook.pc
	for m in $(MO); do l=$${m#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
		install -m 644 $$m $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/rulebook.mo; done
	install -m 644 include/rulebook.h $(DESTDIR)$(PREFIX)/include/rulebook.h
	install -m 644 docs/rulebook.1 $(DESTDIR)$(PREFIX)/share/man/man1/rulebook.1
	install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/rulebook/templates/
	install -m 644 docs/diagnostics.md docs/ci.md $(DESTDIR)$(PREFIX)/share/doc/rulebook/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rulebook $(DESTDIR)$(PREFIX)/lib/librulebook.a \
		$(DESTDIR)$(PREFIX)/lib/$(SOLIB) $(DESTDIR)$(PREFIX)/lib/librulebook.so \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/rulebook.pc \
		$(foreach m,$(MO),$(DESTDIR)$(PREFIX)/share/locale/$(word 3,$(subst /, ,$(m:$(BUILD)/%=%)))/LC_MESSAGES/rulebook.mo) \
		$(DESTDIR)$(PREFIX)/include/rulebook.h \
		$(DESTDIR)$(PREFIX)/share/man/man1/rulebook.1
	rm -rf $(DESTDIR)$(PREFIX)/share/rulebook $(DESTDIR)$(PREFIX)/share/doc/rulebook

clean:
	rm -rf build
