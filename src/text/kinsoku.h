/* Line-breaking rules for CJK text (禁则, CONVENTIONS.md): the one table
 * of what may not start or end a line, for the wrapper that breaks lines
 * and the importer that joins them. */
#ifndef RB_TEXT_KINSOKU_H
#define RB_TEXT_KINSOKU_H

#include <stdint.h>

/* May no line start with cp (closing punctuation: ，。、；：？！）》” …)? */
int rb_kinsoku_no_start(uint32_t cp);
/* May no line end with cp (opening punctuation: （《“ …)? */
int rb_kinsoku_no_end(uint32_t cp);

#endif
