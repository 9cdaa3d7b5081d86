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

struct ch {
	uint32_t cp;
	size_t off, len;
	int width;
};

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

static void
wrap_segment(rb_buf *out, size_t first_width, size_t cont, const char *s,
	     size_t n, size_t width, int wa)
{
	struct ch *v;
	size_t count = 0, i, k, start, col = first_width;
	size_t last_break = 0;

	v = rb_xmalloc((n + 1) * sizeof(*v));
	for (i = 0; i < n; i += k) {
		k = rb_utf8_decode(s + i, n - i, &v[count].cp);
		if (k == 0) {
			k = 1;
			v[count].cp = 0xFFFD;
		}
		v[count].off = i;
		v[count].len = k;
		v[count].width = rb_cp_width(v[count].cp, wa);
		count++;
	}
	start = 0;
	for (i = 0; i < count; i++) {
		if (i > start && break_between(v[i - 1].cp, v[i].cp, v[i - 1].width == 2,
						  v[i].width == 2))
			last_break = i;
		if (col + (size_t)v[i].width > width && i > start && !is_space(v[i].cp)) {
			size_t brk = last_break > start ? last_break : i;
			size_t end = brk;

			while (end > start && is_space(v[end - 1].cp))
				end--;
			rb_buf_put(out, s + v[start].off, v[end - 1].off + v[end - 1].len - v[start].off);
			rb_buf_putc(out, '\n');
			spaces(out, cont);
			while (brk < count && is_space(v[brk].cp))
				brk++;
			start = brk;
			last_break = start;
			col = cont;
			i = start - 1;	/* rescan the carried-over characters */
			if (start >= count)
				break;
			continue;
		}
		col += (size_t)v[i].width;
	}
	if (start < count) {
		size_t end = count;

		while (end > start && is_space(v[end - 1].cp))
			end--;
		if (end > start)
			rb_buf_put(out, s + v[start].off, v[end - 1].off + v[end - 1].len - v[start].off);
	}
	free(v);
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
