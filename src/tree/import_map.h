/* Filling the map from an imported document's Markdown back to its text. */
#ifndef RB_TREE_IMPORT_MAP_H
#define RB_TREE_IMPORT_MAP_H

#include "rulebook.h"

/* What the Markdown writes from (mdline, byte mdoff in that line) on
 * comes from the text at (line, column); entries come in Markdown order. */
void rb_import_map_add(rb_import *imp, unsigned mdline, size_t mdoff, unsigned line,
		       unsigned col);
/* Index the starts of the lines of imp->markdown (nlines of them at
 * most) once it is written: rb_import_locate reads columns through it. */
void rb_import_map_index(rb_import *imp, unsigned nlines);

#endif
