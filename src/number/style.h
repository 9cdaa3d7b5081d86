/* What the numbering styles' label scanners share (style.c). */
#ifndef RB_NUMBER_STYLE_H
#define RB_NUMBER_STYLE_H

#include <stddef.h>

/* Bytes of label-separator whitespace at s: space, tab, U+3000, U+2002,
 * U+2003, U+00A0. */
size_t rb_space_len(const char *s, size_t n);
/* An upper-case roman numeral at s (Part IV): its length, 0 when none
 * (a lone C, D, L or M is a letter: Part C). */
size_t rb_roman_upper(const char *s, size_t n, int *value);

#endif
