/* Escaping shared by the emitters and the diagnostics (text/escape.c). */
#ifndef RB_TEXT_ESCAPE_H
#define RB_TEXT_ESCAPE_H

#include "rulebook.h"

/* Append s as a JSON string literal (with quotes); U+2028 and U+2029
 * escaped too, as JavaScript needs. */
void rb_json_escape(rb_buf *b, const char *s);

#endif
