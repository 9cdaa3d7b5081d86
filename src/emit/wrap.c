/*
 * Line breaking for plain-text output by display width, with the CJK
 * 禁则 rules of CONVENTIONS.md: no line starts with closing punctuation,
 * none ends with opening punctuation, —— and …… are never split, ASCII
 * words and numbers are never broken; any two ideographs may be separated.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "internal.h"
#include "emit.h"

int
rb_kinsoku_no_start(uint32_t cp)
{
	static const uint32_t set[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0xFF3D,
		0xFF5D, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3017, 0x201D,
		0x2019, 0x00B7, 0x2026, 0x0025, 0x2030, 0x2103, 0xFF0E, 0xFF05, 0x30FB,
		',', '.', ';', ':', '?', '!', ')', ']', '}',
	};
	size_t i;

	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

int
rb_kinsoku_no_end(uint32_t cp)
{
	static const uint32_t set[] = {
		0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010,
		0x3016, 0x201C, 0x2018, '(', '[', '{',
	};
	size_t i;

	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* May a line break fall between a and b? */
static int
break_between(uint32_t a, uint32_t b, int wide_a, int wide_b)
{
	if (is_space(b))
		return 0;
	if (rb_kinsoku_no_start(b) || rb_kinsoku_no_end(a))
		return 0;
	if (a == b && (a == 0x2014 || a == 0x2026))
		return 0;	/* —— and …… stay whole */
	if (is_space(a))
		return 1;
	return wide_a || wide_b;
}

static void
spaces(rb_buf *out, size_t n)
{
	while (n-- > 0)
		rb_buf_putc(out, ' ');
}

/* One paragraph line, streamed: no per-character storage, so a 50 MB
 * line costs its output and nothing more.  After a break the characters
 * carried over to the new line are decoded again (at most a line's worth). */
static void
wrap_segment(rb_buf *out, size_t first_width, size_t cont, const char *s,
	     size_t n, size_t width, int wa)
{
	size_t i = 0, k, start = 0, last_break = 0, col = first_width, end;
	uint32_t cp, prev = 0;
	int w, prev_w = 0, have_prev = 0;

	while (i < n) {
		k = rb_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		w = rb_cp_width(cp, wa);
		if (have_prev && break_between(prev, cp, prev_w == 2, w == 2))
			last_break = i;
		if (col + (size_t)w > width && i > start && !is_space(cp)) {
			size_t brk = last_break > start ? last_break : i;

			end = brk;
			while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
				end--;
			rb_buf_put(out, s + start, end - start);
			rb_buf_putc(out, '\n');
			spaces(out, cont);
			while (brk < n && (s[brk] == ' ' || s[brk] == '\t'))
				brk++;
			start = last_break = i = brk;
			col = cont;
			have_prev = 0;
			continue;
		}
		col += (size_t)w;
		prev = cp;
		prev_w = w;
		have_prev = 1;
		i += k;
	}
	end = n;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end > start)
		rb_buf_put(out, s + start, end - start);
}

void
rb_wrap(rb_buf *out, size_t first_width, size_t cont, const char *text,
	size_t width, int wide_ambiguous)
{
	const char *p = text, *nl;

	if (cont >= width)
		cont = width / 2;
	for (;;) {
		nl = strchr(p, '\n');
		wrap_segment(out, first_width, cont, p, nl ? (size_t)(nl - p) : strlen(p),
			     width, wide_ambiguous);
		if (!nl)
			break;
		rb_buf_putc(out, '\n');
		spaces(out, cont);
		first_width = cont;
		p = nl + 1;
	}
	rb_buf_putc(out, '\n');
}
