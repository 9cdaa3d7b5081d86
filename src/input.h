/* Reading input and checking it is text (input.c): below every loader and the importer. */
#ifndef RB_INPUT_H
#define RB_INPUT_H

#include <stddef.h>

#include "rulebook.h"

/* The bytes of path (or stdin for "-"), a byte order mark dropped; not
 * yet checked to be text (the loaders do that, rb_read_file for others).
 * With paged the buffer comes from rb_pages (rb_pages_free gives it
 * back), else from malloc. */
char *rb_read_input(const char *path, size_t *len, int paged, rb_diags *d);

/* Is data text a loader can take (no NUL byte, valid UTF-8)?  Reports
 * input-encoding at the first bad byte when not. */
int rb_input_ok(const char *name, const char *data, size_t len, rb_diags *d);

#endif
