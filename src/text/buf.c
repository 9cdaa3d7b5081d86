/* Growable byte buffer. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/utf8.h"

void
rb_buf_init(rb_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
rb_buf_free(rb_buf *b)
{
	free(b->data);
	rb_buf_init(b);
}

void
rb_buf_reset(rb_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void
grow(rb_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = rb_xrealloc(b->data, cap);
	b->cap = cap;
}

void
rb_buf_put(rb_buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
rb_buf_puts(rb_buf *b, const char *s)
{
	rb_buf_put(b, s, strlen(s));
}

void
rb_buf_putc(rb_buf *b, char c)
{
	rb_buf_put(b, &c, 1);
}

void
rb_buf_printf(rb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* most calls fit the room already there: format once */
	if (b->data && b->cap > b->len) {
		va_start(ap, fmt);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->data[b->len] = '\0';
			return;
		}
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->data[b->len] = '\0';
	} else {
		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
	}
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
rb_buf_put_cp(rb_buf *b, uint32_t cp)
{
	char s[4];

	rb_buf_put(b, s, rb_utf8_encode(cp, s));
}

char *
rb_buf_detach(rb_buf *b)
{
	char *p = b->data;

	if (!p)
		p = rb_xstrdup("");
	rb_buf_init(b);
	return p;
}
