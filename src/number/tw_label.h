/* Labels as Taiwan's law database writes them (tw_label.c): 第 15-1 條,
 * 第 一 編, and the Roman numeral signs of its English translations. */
#ifndef RB_NUMBER_TW_LABEL_H
#define RB_NUMBER_TW_LABEL_H

#include <stddef.h>

#include "rulebook.h"

/* 第 N 條, 第 N-M 條, 第 一 編, 第 八 節之一 at the start of s (style tw-ordinal). */
int rb_tw_ordinal_parse(const char *s, size_t n, rb_label *out);
/* The label of number (with insert) in that form; its length, 0 when it
 * does not fit. */
size_t rb_tw_ordinal_format(int number, int insert, const char *unit, unsigned cn_flags,
			    char *buf, size_t size);
/* Ⅱ, Ⅻ (U+2160 …): length and value, 0 when none. */
size_t rb_roman_numeral_sign(const char *s, size_t n, int *value);

#endif
