/* Classes of code points by their display (width.c). */
#ifndef RB_TEXT_WIDTH_H
#define RB_TEXT_WIDTH_H

#include <stdint.h>

/* Is cp a CJK ideograph or a full-width form (no space when joining)? */
int rb_cp_is_cjk(uint32_t cp);

#endif
