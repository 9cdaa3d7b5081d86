#!/bin/sh
# make install: the binary, the static and the shared library (with its
# soname), rulebook.pc, the header, the man page and the templates; a small
# program compiled with `pkg-config --cflags --libs rulebook` against the
# installed copy links the shared library and renders a law through it.
set -u
. "$(dirname "$0")/../lib.sh"
suite install
root="$tmp/root"
make -s --no-print-directory install DESTDIR="$root" PREFIX=/usr/local BUILD="$BUILD" >"$tmp/make" 2>&1 ||
	{ fail "make install"; head -n 20 "$tmp/make"; }
for f in bin/rulebook lib/librulebook.a lib/librulebook.so.0 lib/librulebook.so \
	lib/pkgconfig/rulebook.pc include/rulebook.h share/man/man1/rulebook.1 \
	share/rulebook/templates/style.css share/locale/zh_CN/LC_MESSAGES/rulebook.mo \
	share/locale/zh_TW/LC_MESSAGES/rulebook.mo share/locale/zh_HK/LC_MESSAGES/rulebook.mo; do
	[ -e "$root/usr/local/$f" ] && ok || fail "$f not installed"
done
readelf -d "$root/usr/local/lib/librulebook.so.0" 2>/dev/null | grep -q 'SONAME.*\[librulebook\.so\.0\]' &&
	ok || fail "no soname librulebook.so.0"

cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <rulebook.h>

int
main(void)
{
	static const char law[] = "# 示例条例\n\n第一条 为了示例，制定本条例。\n\n第二条 本条例自公布之日起施行。\n";
	rb_diags d;
	rb_buf out;
	rb_document *doc;
	int rc;

	rb_diags_init(&d);
	rb_buf_init(&out);
	doc = rb_load_markdown("law.md", law, strlen(law), NULL, &d);
	if (!doc)
		return 1;
	rb_run_passes(doc, &d);
	rc = rb_emit(rb_emitter_lookup("text"), doc, NULL, &out, &d);
	fwrite(out.data, 1, out.len, stdout);
	printf("%s %zu\n", RB_VERSION, d.n);
	rb_buf_free(&out);
	rb_document_free(doc);
	rb_diags_free(&d);
	return rc ? 1 : 0;
}
C
pc="$root/usr/local/lib/pkgconfig"
flags=$(PKG_CONFIG_SYSROOT_DIR="$root" PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs rulebook 2>"$tmp/pc")
[ -n "$flags" ] && ok || { fail "pkg-config --cflags --libs rulebook"; cat "$tmp/pc"; }
# a sanitizer build's library needs the program built with the sanitizers
san=
readelf -d "$root/usr/local/lib/librulebook.so.0" | grep -q 'NEEDED.*libasan' && san="-fsanitize=address,undefined"
# shellcheck disable=SC2086
${CC:-cc} $san -std=c11 -o "$tmp/use" "$tmp/use.c" $flags 2>"$tmp/cc" && ok || { fail "compile and link"; head "$tmp/cc"; }
LD_LIBRARY_PATH="$root/usr/local/lib" ldd "$tmp/use" 2>/dev/null | grep -q "librulebook.so.0 => $root" &&
	ok || fail "the program does not load the installed shared library"
LD_LIBRARY_PATH="$root/usr/local/lib" "$tmp/use" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q '第二条' "$tmp/out" && grep -q "^$("$RB" --version | sed -n 's/^rulebook \([0-9.]*\).*/\1/p;q') 0$" "$tmp/out" &&
	ok || { fail "the program's output (exit $rc)"; head "$tmp/out"; }
suite_end
