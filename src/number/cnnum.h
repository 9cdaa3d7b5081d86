/* Chinese numerals (cnnum.c) beyond the public parser. */
#ifndef RB_NUMBER_CNNUM_H
#define RB_NUMBER_CNNUM_H

#include <stdint.h>

/* Can a Chinese numeral (一, 十, 〇, 两, 万 …) start with this code point? */
int rb_cn_is_numeral(uint32_t cp);

#endif
