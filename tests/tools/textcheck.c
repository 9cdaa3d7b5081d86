/*
 * textcheck WIDTH FILE...: every line of each text file fits WIDTH display
 * columns (East Asian Width, ambiguous characters wide) and no line break
 * breaks a 禁则 rule (a line starting with a character that may not start
 * one, or ending with one that may not end one before a continuation).
 * Prints each violation; exit status 1 when there is one.
 *
 * textcheck --cjk FILE: print the ideographs of FILE, one per line (to
 * compare the content of two files whatever their markup).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "emit/emit.h"
#include "text/kinsoku.h"

static char *
slurp(const char *path, size_t *len)
{
	rb_diags d;
	char *s;

	rb_diags_init(&d);
	s = rb_read_file(path, len, &d);
	rb_diags_free(&d);
	if (!s)
		fprintf(stderr, "%s: cannot read\n", path);
	return s;
}

static int
check(const char *path, size_t width)
{
	size_t len, line = 0;
	char *s, *p;
	int bad = 0;

	if (!(s = slurp(path, &len)))
		return 1;
	for (p = s; *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), i = 0, k;
		uint32_t first = 0, last = 0, cp;

		line++;
		if (rb_str_width(p, n, 1) > width) {
			printf("%s:%zu: %zu columns: %.*s\n", path, line, rb_str_width(p, n, 1), (int)n, p);
			bad = 1;
		}
		while (i < n && (k = rb_utf8_decode(p + i, n - i, &cp)) > 0) {
			if (i == 0)
				first = cp;
			if (cp != ' ')
				last = cp;
			i += k;
		}
		if (line > 1 && first && rb_kinsoku_no_start(first)) {
			printf("%s:%zu: starts with U+%04X: %.*s\n", path, line, (unsigned)first, (int)n, p);
			bad = 1;
		}
		if (nl && nl[1] && nl[1] != '\n' && last && rb_kinsoku_no_end(last)) {
			printf("%s:%zu: ends with U+%04X: %.*s\n", path, line, (unsigned)last, (int)n, p);
			bad = 1;
		}
		p += n + (nl ? 1 : 0);
	}
	free(s);
	return bad;
}

static int
ideographs(const char *path)
{
	size_t len, i, k;
	char *s;
	uint32_t cp;

	if (!(s = slurp(path, &len)))
		return 1;
	for (i = 0; i < len; i += k ? k : 1) {
		k = rb_utf8_decode(s + i, len - i, &cp);
		if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0x20000 && cp <= 0x3FFFF))
			printf("%.*s\n", (int)k, s + i);
	}
	free(s);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;
	long w;

	if (argc == 3 && !strcmp(argv[1], "--cjk"))
		return ideographs(argv[2]);
	if (argc < 3 || (w = strtol(argv[1], NULL, 10)) <= 0) {
		fputs("usage: textcheck WIDTH FILE...\n", stderr);
		return 2;
	}
	for (i = 2; i < argc; i++)
		bad |= check(argv[i], (size_t)w);
	return bad;
}
