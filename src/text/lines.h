/* The line index of a source buffer: byte offsets to line:column and back. */
#ifndef RB_TEXT_LINES_H
#define RB_TEXT_LINES_H

#include <stddef.h>

/* Line starts of a source buffer, for columns in characters. */
typedef struct rb_lines {
	const char *data;
	size_t len;
	size_t *start;		/* start[i] = offset of line i+1 */
	size_t n;
	size_t hint;		/* the line last found (0-based): positions
				 * are mostly asked for in order */
} rb_lines;

void rb_lines_init(rb_lines *l, const char *data, size_t len);
void rb_lines_free(rb_lines *l);
/* Column (1-based, characters) of byte offset off within its line. */
unsigned rb_lines_column(rb_lines *l, size_t off);
/* 1-based line of byte offset off. */
unsigned rb_lines_line(rb_lines *l, size_t off);
/* Both at once (one search). */
void rb_lines_pos(rb_lines *l, size_t off, unsigned *line, unsigned *column);
/* Byte offset of (line, column in characters), both 1-based. */
size_t rb_lines_offset(const rb_lines *l, unsigned line, unsigned col);
/* Column of the first non-blank character of line (1-based). */
unsigned rb_lines_indent_column(const rb_lines *l, unsigned line);

#endif
