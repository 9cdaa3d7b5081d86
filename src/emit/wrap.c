/*
 * Line breaking for plain-text output by display width, with the CJK
 * 禁则 rules of CONVENTIONS.md: no line starts with closing punctuation,
 * none ends with opening punctuation, —— and …… are never split, ASCII
 * words and numbers are never broken; any two ideographs may be separated.
 */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "text/buf.h"
#include "text/utf8.h"
#include "emit.h"
#include "text/kinsoku.h"

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


/* One paragraph line, streamed: no per-character storage, so a 50 MB
 * line costs its output and nothing more.  After a break the characters
 * carried over to the new line are decoded again (at most a line's worth). */
static void
wrap_segment(rb_buf *out, size_t first_width, size_t cont, const char *s,
	     size_t n, size_t width, int wa)
{
	size_t i = 0, k, start = 0, last_break = 0, col = first_width, end;
	uint32_t cp, prev = 0;
	int w, prev_w = 0, have_prev = 0, ideo, prev_ideo = 0;

	while (i < n) {
		/* a run of ideographs (U+4E00–U+9FFF) after one: two columns
		 * each, a break allowed before each; most of a Chinese text
		 * goes by here, a character at a time, without decoding */
		if (prev_ideo && have_prev) {
			const unsigned char *u = (const unsigned char *)s;

			while (i + 3 <= n && col + 2 <= width &&
			       ((u[i] >= 0xE5 && u[i] <= 0xE9) || (u[i] == 0xE4 && u[i + 1] >= 0xB8))) {
				last_break = i;
				col += 2;
				i += 3;
			}
			if (i >= n)
				break;
		}
		k = rb_utf8_next(s + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		ideo = cp >= 0x4E00 && cp <= 0x9FFF;
		w = ideo ? 2 : rb_cp_width(cp, wa);
		/* between two ideographs a break is always allowed (neither is
		 * in a kinsoku set): most of a Chinese text, decided at once */
		if (have_prev && ((ideo && prev_ideo) || break_between(prev, cp, prev_w == 2, w == 2)))
			last_break = i;
		if (col + (size_t)w > width && i > start && !is_space(cp)) {
			size_t brk = last_break > start ? last_break : i;

			end = brk;
			while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
				end--;
			rb_buf_add(out, s + start, end - start);
			rb_buf_addc(out, '\n');
			rb_buf_spaces(out, cont);
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
		prev_ideo = ideo;
		have_prev = 1;
		i += k;
	}
	end = n;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end > start)
		rb_buf_add(out, s + start, end - start);
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
		rb_buf_addc(out, '\n');
		rb_buf_spaces(out, cont);
		first_width = cont;
		p = nl + 1;
	}
	rb_buf_addc(out, '\n');
}
