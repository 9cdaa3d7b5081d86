/* Appends to an rb_buf in line, for the emitters' hot paths (buf.c has
 * the rest, in rulebook.h). */
#ifndef RB_TEXT_BUF_H
#define RB_TEXT_BUF_H

#include <stddef.h>
#include <string.h>
#include "rulebook.h"

/* Appends in line, for the emitters' hot paths: the room is there almost
 * always; rb_buf_put grows the buffer when it is not. */
static inline void
rb_buf_add(rb_buf *b, const void *p, size_t n)
{
	if (n && b->cap - b->len > n) {	/* n == 0: p may be NULL */
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		rb_buf_put(b, p, n);
}

static inline void
rb_buf_adds(rb_buf *b, const char *s)
{
	rb_buf_add(b, s, strlen(s));
}

static inline void
rb_buf_addc(rb_buf *b, char c)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else
		rb_buf_put(b, &c, 1);
}

/* n spaces, a block at a time. */
static inline void
rb_buf_spaces(rb_buf *b, size_t n)
{
	static const char sp[] = "                                ";

	for (; n > sizeof(sp) - 1; n -= sizeof(sp) - 1)
		rb_buf_add(b, sp, sizeof(sp) - 1);
	rb_buf_add(b, sp, n);
}

#endif
