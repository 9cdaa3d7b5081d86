/* Line index of a source buffer: turns byte offsets into line:column. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/lines.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* The starts of lines after \n, 32 bytes at a time: a line of Chinese
 * is 30 to 100 bytes, and memchr from line to line spent most of its time
 * starting and ending. */
__attribute__((target("avx2,popcnt"))) static size_t
newlines_avx2(const char *data, size_t len, size_t *out)
{
	const __m256i nl = _mm256_set1_epi8('\n');
	size_t n = 0, i = 0;

	for (; i + 32 <= len; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(data + i));
		uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl));

		if (!out)
			n += (size_t)__builtin_popcount(m);
		else
			for (; m; m &= m - 1)
				out[n++] = i + (size_t)__builtin_ctz(m) + 1;
	}
	for (; i < len; i++)
		if (data[i] == '\n') {
			if (out)
				out[n] = i + 1;
			n++;
		}
	return n;
}
#define HAVE_NEWLINES_AVX2 1
#endif

/* The starts of lines after the first into out (NULL: only count them):
 * after \n, \r\n and a lone \r, as cmark and libyaml. */
static size_t
line_starts(const char *data, size_t len, int cr, size_t *out)
{
	const char *p, *end = data + len;
	size_t n = 0, i;

#ifdef HAVE_NEWLINES_AVX2
	if (!cr && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
		return newlines_avx2(data, len, out);
#endif
	if (!cr) {	/* the usual case: memchr from line to line */
		for (p = data; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++, n++)
			if (out)
				out[n] = (size_t)(p - data) + 1;
		return n;
	}
	for (i = 0; i < len; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))) {
			if (out)
				out[n] = i + 1;
			n++;
		}
	return n;
}

void
rb_lines_init(rb_lines *l, const char *data, size_t len)
{
	int cr = memchr(data, '\r', len) != NULL;

	/* counted first: the index is written once, into memory of its size */
	l->data = data;
	l->len = len;
	l->hint = 0;
	l->n = line_starts(data, len, cr, NULL) + 1;
	l->start = rb_pages(l->n * sizeof(size_t));
	l->start[0] = 0;
	line_starts(data, len, cr, l->start + 1);
}

void
rb_lines_free(rb_lines *l)
{
	if (l->start)
		rb_pages_free(l->start);
	l->start = NULL;
	l->n = 0;
}

unsigned
rb_lines_line(rb_lines *l, size_t off)
{
	size_t lo = 0, hi = l->n, h = l->hint;

	/* from the line last found, forward by doubling steps: positions
	 * are asked for mostly in order, a few lines apart */
	if (h < l->n && l->start[h] <= off) {
		size_t step = 1;

		lo = h;
		while (lo + step < l->n && l->start[lo + step] <= off) {
			lo += step;
			step *= 2;
		}
		if (lo + step < l->n)
			hi = lo + step;
	} else if (h < l->n)
		hi = h;		/* before the line last found */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	l->hint = lo;
	return (unsigned)(lo + 1);
}

void
rb_lines_pos(rb_lines *l, size_t off, unsigned *line, unsigned *column)
{
	size_t s;

	*line = rb_lines_line(l, off);
	s = l->start[*line - 1];
	if (off > l->len)
		off = l->len;
	*column = (unsigned)rb_utf8_count(l->data + s, off - s) + 1;
}

unsigned
rb_lines_column(rb_lines *l, size_t off)
{
	unsigned line, column;

	rb_lines_pos(l, off, &line, &column);
	return column;
}

unsigned
rb_lines_indent_column(const rb_lines *l, unsigned line)
{
	size_t s, i;

	if (line == 0 || line > l->n)
		return 1;
	s = l->start[line - 1];
	for (i = s; i < l->len && (l->data[i] == ' ' || l->data[i] == '\t'); i++)
		;
	return (unsigned)(i - s) + 1;
}

size_t
rb_lines_offset(const rb_lines *l, unsigned line, unsigned col)
{
	size_t off;
	uint32_t cp;

	if (line < 1 || line > l->n)
		return l->len;
	off = l->start[line - 1];
	while (col > 1 && off < l->len && l->data[off] != '\n') {
		size_t m = rb_utf8_decode(l->data + off, l->len - off, &cp);

		off += m ? m : 1;
		col--;
	}
	return off;
}
