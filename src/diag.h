/* The diagnostics list beyond the public reporter (diag.c). */
#ifndef RB_DIAG_H
#define RB_DIAG_H

#include "rulebook.h"

/* Diagnostics file name interning (pointer stays valid with the list). */
const char *rb_diags_intern(rb_diags *d, const char *file);

#endif
