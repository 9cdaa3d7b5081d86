/* The text importer (SPEC §3.3): legacy plain-text regulations — web
 * pages, PDF extractions, compilations of many regulations — become a
 * book in canonical Markdown.  Pipeline:
 *
 *   lines   normalised (blanks trimmed), boilerplate dropped by the rules
 *           file, page numbers, running headers and tables of contents
 *           dropped; every dropped line is kept in a list (--verbose)
 *   pieces  inline splits: a line holding several clauses (a list
 *           (1)…;(2)…, a title then 第一条, …原则。 第二章) becomes several
 *   blocks  pieces joined across hard wraps (no space between CJK), with
 *           the wrap traps of §3.3 kept as text (二、三线, 每周/三、四下午,
 *           安全第/一、, 十/一、 = 十一、, 6、12月份)
 *   book    blocks segmented into parts (第一篇), regulations (titles,
 *           institution + title pairs), preambles and clauses, written as
 *           Markdown the Markdown loader reads back (levels of items are
 *           inferred there, by order of appearance)
 *
 * Every piece of Markdown written is mapped back to its line and column
 * in the text, so diagnostics on the Markdown point at the .txt.  One
 * file a stage: lines.c, pieces.c, join.c, book.c; this one runs them. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "input.h"
#include "tree/import_map.h"

static char *
stem_of(const char *name)
{
	const char *slash = strrchr(name, '/'), *b = slash ? slash + 1 : name;
	const char *dot = strrchr(b, '.');

	return rb_xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static int
by_line(const void *a, const void *b)
{
	const rb_import_drop *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

int
rb_import_text(const char *name, const char *data, size_t len, const rb_import_opts *opts,
	       rb_import *out, rb_diags *d)
{
	struct ictx c;
	struct piece *pieces;
	size_t np;
	struct blocks bs;
	char *stem;
	rb_buf md;

	memset(out, 0, sizeof(*out));
	if (!rb_input_ok(name, data, len, d))
		return 0;
	memset(&c, 0, sizeof(c));
	c.name = name;
	c.d = d;
	c.out = out;
	c.opts = opts;
	if (!imp_rules_parse(&c, opts && opts->rules_name ? opts->rules_name : "(built-in rules)",
			 opts && opts->rules ? opts->rules : rb_import_rules_default)) {
		imp_rules_free(&c);
		return 0;
	}
	imp_read_lines(&c, data, len);
	imp_cut_pieces(&c, &pieces, &np);
	imp_join_blocks(pieces, np, &bs);

	rb_buf_init(&md);
	rb_buf_put(&md, "", 0);
	c.md = &md;
	c.mdline = 1;
	stem = stem_of(name);
	imp_write_book(&c, &bs, stem);
	free(stem);
	if (out->ndrops)
		qsort(out->drops, out->ndrops, sizeof(*out->drops), by_line);
	out->len = md.len;
	out->markdown = rb_buf_detach(&md);
	rb_import_map_index(out, c.mdline);
	imp_blocks_free(&bs);
	free(pieces);
	free(c.lines);
	free(c.copy);
	imp_rules_free(&c);
	return 1;
}
