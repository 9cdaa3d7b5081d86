/* The result of an import (rb_import) as a document keeps it: the
 * Markdown, the lines dropped and the map from Markdown positions back to
 * the text's.  A plain structure the importer fills: the document owns
 * it and frees it with itself, and the passes say the positions they
 * report through it (rb_import_locate), after they have read the clauses
 * at their Markdown positions (a reference's column counts on from its
 * clause's, which holds only in the Markdown, where wrapped lines are
 * joined). */
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "tree/import_map.h"

/* A position map entry: Markdown (line, byte offset in that line) comes
 * from text (line, column). */
struct rb_import_seg {
	unsigned mdline;
	size_t mdoff;
	unsigned line, col;
};

void
rb_import_map_add(rb_import *imp, unsigned mdline, size_t mdoff, unsigned line, unsigned col)
{
	struct rb_import_seg *s;

	if (imp->nsegs == imp->capsegs) {
		imp->capsegs = imp->capsegs ? 2 * imp->capsegs : 256;
		imp->segs = rb_xrealloc(imp->segs, imp->capsegs * sizeof(*imp->segs));
	}
	s = &imp->segs[imp->nsegs++];
	s->mdline = mdline;
	s->mdoff = mdoff;
	s->line = line;
	s->col = col;
}

void
rb_import_map_index(rb_import *imp, unsigned nlines)
{
	size_t i;

	imp->line_start = rb_xmalloc((nlines + 1) * sizeof(size_t));
	imp->line_start[0] = 0;
	imp->nmdlines = 1;
	for (i = 0; i < imp->len; i++)
		if (imp->markdown[i] == '\n' && imp->nmdlines <= nlines)
			imp->line_start[imp->nmdlines++] = i + 1;
}

void
rb_import_free(rb_import *imp)
{
	size_t i;

	for (i = 0; i < imp->ndrops; i++) {
		free(imp->drops[i].why);
		free(imp->drops[i].text);
	}
	free(imp->drops);
	for (i = 0; i < imp->ntitles; i++) {
		free(imp->titles[i].was);
		free(imp->titles[i].title);
	}
	free(imp->titles);
	free(imp->segs);
	free(imp->line_start);
	free(imp->markdown);
	memset(imp, 0, sizeof(*imp));
}

/* Where a position of the Markdown (line, column in characters) comes
 * from in the text. */
void
rb_import_locate(const rb_import *imp, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = imp->nsegs, bol, off;
	const struct rb_import_seg *s = NULL;
	unsigned l = *line, k;

	if (!l || !imp->nsegs || l > imp->nmdlines)
		return;
	/* the Markdown line's start, then the byte offset of the column */
	bol = imp->line_start[l - 1];
	off = bol;
	for (k = 1; k < *col && off < imp->len && imp->markdown[off] != '\n'; k++) {
		uint32_t cp;
		size_t n = rb_utf8_decode(imp->markdown + off, imp->len - off, &cp);

		off += n ? n : 1;
	}
	off -= bol;
	/* the last segment at or before (l, off) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct rb_import_seg *m = &imp->segs[mid];

		if (m->mdline < l || (m->mdline == l && m->mdoff <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		s = &imp->segs[0];
	else {
		s = &imp->segs[lo - 1];
		if (s->mdline != l && lo < imp->nsegs && imp->segs[lo].mdline == l)
			s = &imp->segs[lo];	/* before the first: the line's start */
	}
	*line = s->line;
	if (s->mdline == l && s->mdoff <= off)
		*col = s->col + (unsigned)rb_utf8_count(imp->markdown + bol + s->mdoff, off - s->mdoff);
	else
		*col = s->col;
}
