/* check --fix, between its finders (fix.c: a label written almost
 * right; fix_layout.c: the layout a source lost) and its appliers. */
#ifndef RB_CLI_FIX_H
#define RB_CLI_FIX_H

#include "rulebook.h"
#include "cli.h"

/* the most edits one fix makes: a chapter run on (its heading, a space
 * after its label, the article after its title) */
#define RB_FIX_EDITS 3

/* Bytes of a file replaced: [off, off + len) by text. */
struct rb_cli_edit {
	size_t off, len;
	char old[48], text[48];	/* what they were, what they become */
	unsigned line, col, end_line, end_col;	/* as lines and columns */
};

struct rb_cli_fix {
	const char *file;	/* the diagnostic's (interned) */
	unsigned line, column;
	rb_code code;
	rb_cli_fix_kind kind;
	struct rb_cli_edit e[RB_FIX_EDITS];
	int nedits;
	char subject[48];	/* the label a split or restore is about */
	int dropped;		/* overlaps another fix */
	/* a known line start near the edits (the diagnostic's line), from
	 * which their lines and columns are counted */
	size_t anchor_off;
	unsigned anchor_line;
};

/* Add an edit to f: len bytes of text at off become repl.  0 when it
 * does not fit.  The text, here and below, ends with a NUL. */
int rb_cli_fix_edit(struct rb_cli_fix *f, const char *text, size_t off, size_t len,
		    const char *repl);

/* The fix of a layout diagnostic (paragraph-broken, numbering-run-in,
 * a heading or item that lost its number) of a Markdown source, whose
 * whole text is text[0, n) and whose position is at; 0 when none is
 * certain. */
int rb_cli_fix_layout(const rb_diag *g, const char *text, size_t n, size_t at,
		      struct rb_cli_fix *f);

#endif
