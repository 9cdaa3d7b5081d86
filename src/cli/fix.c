/*
 * check --fix: the edits that make a label written almost right read as
 * it is meant, as fmt --renumber makes its edits: bytes of the source
 * replaced in place, nothing else touched (fix_layout.c finds those of
 * the layout a source lost); here too their diff, SARIF and notes.
 *
 * A fix is found from the diagnostic's position and the source text
 * there, and from the message only for what only the sequence knows —
 * which separator a label that has none, or a comma, should get ("did
 * you mean 8、?"), the number a heading or item lost, the 第 or 条 a
 * reference lacks — read beside the words the source has, so in either
 * language.  What does not have exactly the shape of a fixable defect is
 * left alone; so is a fix that would overlap another.  Gaps and
 * duplicates are not fixed: content may be missing (fmt --renumber makes
 * numbers consecutive); a heading or item that lost its number is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/escape.h"
#include "text/text.h"
#include "text/width.h"
#include "number/style.h"
#include "cli.h"
#include "i18n.h"
#include "fix.h"

struct rb_cli_fixes {
	struct rb_cli_fix *v;
	size_t n;
};

static const char *const kind_names[RB_FIX__COUNT] = {
	[RB_FIX_LOOKALIKE_DI] = "笫 → 第",
	[RB_FIX_LOOKALIKE_L] = "l → 1",
	[RB_FIX_LOOKALIKE_DASH] = "－ → 一",
	[RB_FIX_SPACE] = "space inside a label",
	[RB_FIX_BRACKET_MISSING] = "missing bracket",
	[RB_FIX_BRACKET_MIXED] = "mixed brackets",
	[RB_FIX_SEPARATOR_DOUBLED] = "doubled separator",
	[RB_FIX_SEPARATOR_MISSING] = "missing separator",
	[RB_FIX_SEPARATOR_COMMA] = "comma for a separator",
	[RB_FIX_JOIN] = "paragraph joined",
	[RB_FIX_SPLIT_ARTICLE] = "article split off",
	[RB_FIX_SPLIT_HEADING] = "heading split off",
	[RB_FIX_HEADING_NUMBER] = "heading number restored",
	[RB_FIX_ITEM_LABEL] = "item label restored",
	[RB_FIX_XREF] = "reference completed",
	[RB_FIX_HEADING_MARKS] = "heading marks restored",
};

const char *
rb_cli_fix_kind_name(rb_cli_fix_kind k)
{
	return k < RB_FIX__COUNT ? kind_names[k] : "";
}

/* Separators a number may be followed by, and their length at s. */
static size_t
separator_at(const char *s, size_t n)
{
	static const char *const seps[] = {"、", "，", "．", ".", ","};
	size_t i, m;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if ((m = rb_prefix(s, n, seps[i])) > 0)
			return m;
	return 0;
}

/* The separator the sequence wants after the number num, as the message
 * names it ("8、" or "'、'"); NULL when it names none. */
static const char *
wanted_mark(const char *msg, const char *num, size_t numlen)
{
	static const char *const marks[] = {"、", "."};
	char probe[64];
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(probe, sizeof(probe), "%.*s%s", (int)numlen, num, marks[i]);
		if (strstr(msg, probe))
			return marks[i];
		snprintf(probe, sizeof(probe), "'%s'", marks[i]);
		if (strstr(msg, probe))
			return marks[i];
	}
	return NULL;
}

/* The line and column of byte off, counted from f's anchor (a few
 * lines away): finding the fixes of a large file stays linear. */
static void
position(const struct rb_cli_fix *f, const char *text, size_t off, unsigned *line, unsigned *col)
{
	size_t ls = f->anchor_off, i;
	unsigned l = f->anchor_line;

	if (off >= ls) {
		for (i = ls; i < off; i++)
			if (text[i] == '\n') {
				l++;
				ls = i + 1;
			}
	} else
		while (ls > off) {
			ls--;	/* the newline ending the line before */
			l--;
			while (ls > 0 && text[ls - 1] != '\n')
				ls--;
		}
	*line = l;
	*col = 1 + (unsigned)rb_utf8_count(text + ls, off - ls);
}

int
rb_cli_fix_edit(struct rb_cli_fix *f, const char *text, size_t off, size_t len, const char *repl)
{
	struct rb_cli_edit *e;

	if (f->nedits >= RB_FIX_EDITS || len >= sizeof(e->old) || strlen(repl) >= sizeof(e->text))
		return 0;
	e = &f->e[f->nedits++];
	e->off = off;
	e->len = len;
	memcpy(e->old, text + off, len);
	e->old[len] = 0;
	snprintf(e->text, sizeof(e->text), "%s", repl);
	position(f, text, off, &e->line, &e->col);
	position(f, text, off + len, &e->end_line, &e->end_col);
	return 1;
}

/* One edit of kind at t[rel, rel + len) (t at text + at). */
static int
set(struct rb_cli_fix *f, rb_cli_fix_kind kind, const char *text, size_t at, size_t rel, size_t len,
    const char *repl)
{
	f->kind = kind;
	return rb_cli_fix_edit(f, text, at + rel, len, repl);
}

/* The fix of one diagnostic whose label starts at t (n bytes to the end
 * of its line); offsets relative to t.  0 when none is certain. */
static int
find(const rb_diag *g, const char *src, size_t at, size_t n, struct rb_cli_fix *f)
{
	const char *t = src + at;
	size_t k, m, i, sep;
	unsigned fl;
	int v;
	uint32_t cp;

	if (g->code == RB_D_NUMBERING_NUMERAL || g->code == RB_D_INPUT_TYPE) {
		/* 笫 for 第, before a numeral */
		if ((k = rb_prefix(t, n, "笫")) > 0 && rb_cn_parse(t + k, n - k, &v, &fl) > 0)
			return set(f, RB_FIX_LOOKALIKE_DI, src, at, 0, k, "第");
		/* inside 第…条: － for 一, or one space */
		if ((k = rb_prefix(t, n, "第")) > 0) {
			size_t dash = 0, space = 0, space_len = 0, numerals = 0;

			for (i = k; i < n && i < k + 40;) {
				if ((m = rb_prefix(t + i, n - i, "－")) > 0) {
					if (dash)
						return 0;	/* two: not a lookalike */
					dash = i;
				} else if ((m = rb_space_len(t + i, n - i)) > 0) {
					if (space || !numerals)
						break;
					space = i;
					space_len = m;
				} else if ((m = rb_cn_parse(t + i, n - i, &v, &fl)) > 0)
					numerals++;
				else
					break;
				i += m;
			}
			/* a unit must follow: 条 章 节 编 款 … (a CJK character) */
			if (i >= n || !rb_utf8_decode(t + i, n - i, &cp) || !rb_cp_is_cjk(cp) ||
			    (dash && space) || (!dash && !space))
				return 0;
			if (space && space + space_len != i)
				return 0;	/* a space, then more numerals: not one label */
			if (dash)
				return set(f, RB_FIX_LOOKALIKE_DASH, src, at, dash, 3, "一");
			return set(f, RB_FIX_SPACE, src, at, space, space_len, "");
		}
		/* l) l. l） l、 for 1 */
		if (g->code == RB_D_NUMBERING_NUMERAL && n >= 2 && t[0] == 'l' &&
		    (t[1] == ')' || t[1] == '.' || rb_prefix(t + 1, n - 1, "）") ||
		     rb_prefix(t + 1, n - 1, "、")))
			return set(f, RB_FIX_LOOKALIKE_L, src, at, 0, 1, "1");
		return 0;
	}
	if (g->code != RB_D_NUMBERING_SEPARATOR)
		return 0;
	/* （二 （二) (二）: the closing bracket the opening one asks for */
	if ((k = rb_prefix(t, n, "（")) > 0 || (k = rb_prefix(t, n, "(")) > 0) {
		const char *close = k == 3 ? "）" : ")", *other = k == 3 ? ")" : "）";

		if (!(m = rb_cn_parse(t + k, n - k, &v, &fl)) || (fl & RB_NUM_ARABIC))
			return 0;
		i = k + m;
		if (rb_prefix(t + i, n - i, other))
			return set(f, RB_FIX_BRACKET_MIXED, src, at, i, strlen(other), close);
		if (rb_prefix(t + i, n - i, close))
			return 0;
		return set(f, RB_FIX_BRACKET_MISSING, src, at, i, 0, close);
	}
	if (!(m = rb_cn_parse(t, n, &v, &fl)) || m >= n)
		return 0;
	/* 三、、 2.、: the second separator goes */
	if ((sep = separator_at(t + m, n - m)) > 0 && (k = separator_at(t + m + sep, n - m - sep)) > 0) {
		if (rb_prefix(t + m, n - m, "，") || t[m] == ',')
			return 0;	/* a comma, then a separator: which is meant? */
		return set(f, RB_FIX_SEPARATOR_DOUBLED, src, at, m + sep, k, "");
	}
	/* 二， 8自费药: the separator the siblings use */
	{
		const char *mark = wanted_mark(g->message, t, m);
		const char *text = mark && !strcmp(mark, ".") ? ". " : mark;

		if (!mark)
			return 0;
		if ((k = rb_prefix(t + m, n - m, "，")) > 0 || (k = (t[m] == ',')) > 0)
			return set(f, RB_FIX_SEPARATOR_COMMA, src, at, m, k, text);
		if (!rb_utf8_decode(t + m, n - m, &cp) || !rb_cp_is_cjk(cp))
			return 0;
		return set(f, RB_FIX_SEPARATOR_MISSING, src, at, m, 0, text);
	}
}

static int
cmp_fix(const void *a, const void *b)
{
	const struct rb_cli_fix *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	return x->e[0].off < y->e[0].off ? -1 : x->e[0].off > y->e[0].off;
}

/* Do two edits touch the same bytes (two insertions at one place do)? */
static int
overlap(const struct rb_cli_edit *a, const struct rb_cli_edit *b)
{
	return a->off < b->off + b->len + (b->len == 0) && b->off < a->off + a->len + (a->len == 0);
}

/* Two fixes of the same bytes: neither is certain.  Fixes sorted; the
 * edits of each in order. */
static void
drop_overlaps(rb_cli_fixes *fx)
{
	size_t i, j;
	int a, b;

	for (i = 0; i < fx->n; i++) {
		const struct rb_cli_fix *x = &fx->v[i];
		const struct rb_cli_edit *last = &x->e[x->nedits - 1];

		for (j = i + 1; j < fx->n && !strcmp(fx->v[j].file, x->file) &&
			     fx->v[j].e[0].off <= last->off + last->len; j++)
			for (a = 0; a < x->nedits; a++)
				for (b = 0; b < fx->v[j].nedits; b++)
					if (overlap(&x->e[a], &fx->v[j].e[b]))
						fx->v[i].dropped = fx->v[j].dropped = 1;
	}
}

rb_cli_fixes *
rb_cli_fixes_find(const rb_diags *d, rb_cli_sources *src)
{
	rb_cli_fixes *fx = rb_xcalloc(1, sizeof(*fx));
	size_t i;

	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];
		const rb_cli_source *s;
		const char *line, *text;
		size_t len, at, all;
		struct rb_cli_fix f;
		rb_source_format format;
		int md, yaml, layout;

		layout = g->code == RB_D_PARAGRAPH_BROKEN || g->code == RB_D_NUMBERING_RUN_IN ||
		    g->code == RB_D_NUMBERING_GAP || g->code == RB_D_XREF_MALFORMED ||
		    g->code == RB_D_NUMBERING_STYLE;
		if ((g->code != RB_D_NUMBERING_NUMERAL && g->code != RB_D_NUMBERING_SEPARATOR &&
		     g->code != RB_D_INPUT_TYPE && !layout) || !g->file || !g->line || !g->column ||
		    g->severity == RB_NOTE)
			continue;
		/* Markdown and YAML sources only: a .txt is imported; the
		 * layout is Markdown's (a YAML clause is its own scalar) */
		format = strcmp(g->file, "-") ? rb_source_format_of(g->file, NULL) : RB_SOURCE_UNKNOWN;
		md = format == RB_SOURCE_MARKDOWN;
		yaml = format == RB_SOURCE_YAML;
		if (!(md || yaml) || (g->code == RB_D_INPUT_TYPE && !yaml) ||
		    (layout && !md && g->code != RB_D_XREF_MALFORMED))
			continue;
		s = rb_cli_source_get(src, g->file);
		if (!(line = rb_cli_source_line(s, g->line, &len)))
			continue;
		text = rb_cli_source_text(s, &all);
		at = (size_t)(line - text) + rb_cli_column_offset(line, len, g->column);
		memset(&f, 0, sizeof(f));
		f.anchor_off = (size_t)(line - text);
		f.anchor_line = g->line;
		if (!(layout ? rb_cli_fix_layout(g, text, all, at, &f)
			     : find(g, text, at, (size_t)(line - text) + len - at, &f)) || !f.nedits)
			continue;
		f.file = g->file;
		f.line = g->line;
		f.column = g->column;
		f.code = g->code;
		fx->v = rb_xrealloc(fx->v, (fx->n + 1) * sizeof(*fx->v));
		fx->v[fx->n++] = f;
	}
	if (fx->n > 1)
		qsort(fx->v, fx->n, sizeof(*fx->v), cmp_fix);
	drop_overlaps(fx);
	return fx;
}

void
rb_cli_fixes_free(rb_cli_fixes *fx)
{
	if (!fx)
		return;
	free(fx->v);
	free(fx);
}

static const struct rb_cli_fix *
fix_of(const rb_cli_fixes *fx, const rb_diag *g)
{
	size_t i;

	for (i = 0; fx && i < fx->n; i++)
		if (!fx->v[i].dropped && fx->v[i].line == g->line && fx->v[i].column == g->column &&
		    fx->v[i].code == g->code && g->file && !strcmp(fx->v[i].file, g->file))
			return &fx->v[i];
	return NULL;
}

void
rb_cli_fixes_sarif(rb_buf *b, const rb_cli_fixes *fx, const rb_diag *g)
{
	const struct rb_cli_fix *f = fix_of(fx, g);
	const unsigned char *p;
	int i;

	if (!f)
		return;
	rb_buf_puts(b, ", \"fixes\": [{\"description\": {\"text\": ");
	rb_json_escape(b, rb_cli_fix_describe(f));
	rb_buf_puts(b, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": \"");
	for (p = (const unsigned char *)f->file; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			rb_buf_putc(b, (char)*p);
		else
			rb_buf_printf(b, "%%%02X", *p);
	}
	rb_buf_puts(b, "\"}, \"replacements\": [");
	for (i = 0; i < f->nedits; i++) {
		const struct rb_cli_edit *e = &f->e[i];

		rb_buf_printf(b, "%s{\"deletedRegion\": {\"startLine\": %u, \"startColumn\": %u, ",
			      i ? ", " : "", e->line, e->col);
		if (e->end_line != e->line)
			rb_buf_printf(b, "\"endLine\": %u, ", e->end_line);
		rb_buf_printf(b, "\"endColumn\": %u, \"byteOffset\": %zu, \"byteLength\": %zu}, "
			      "\"insertedContent\": {\"text\": ", e->end_col, e->off, e->len);
		rb_json_escape(b, e->text);
		rb_buf_puts(b, "}}");
	}
	rb_buf_puts(b, "]}]}]");
}

const char *
rb_cli_fix_describe(const struct rb_cli_fix *f)
{
	static _Thread_local char buf[160];
	const struct rb_cli_edit *e = &f->e[0];

	if (f->kind == RB_FIX_JOIN)
		snprintf(buf, sizeof(buf), "%s", rb_tr("--fix joins it to the paragraph before"));
	else if (f->kind == RB_FIX_SPLIT_ARTICLE)
		snprintf(buf, sizeof(buf), rb_tr("--fix starts %s on a paragraph of its own"), f->subject);
	else if (f->kind == RB_FIX_SPLIT_HEADING)
		snprintf(buf, sizeof(buf), rb_tr("--fix makes %s a heading, and the article after its "
						 "title a paragraph"), f->subject);
	else if (!e->len)
		snprintf(buf, sizeof(buf), rb_tr("--fix inserts '%s'"), e->text);
	else if (!*e->text)
		snprintf(buf, sizeof(buf), rb_tr("--fix deletes '%s'"), e->old);
	else
		snprintf(buf, sizeof(buf), rb_tr("--fix replaces '%s' with '%s'"), e->old, e->text);
	return buf;
}

void
rb_cli_fixes_notes(const rb_cli_fixes *fx, int fixing, rb_diags *d)
{
	rb_diags out;
	size_t i;

	if ((!fx || !fx->n) && !fixing)
		return;
	rb_diags_init(&out);
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];
		const struct rb_cli_fix *f;

		if (g->code == RB_D_NOTE)
			rb_diag_note(&out, g->file, g->line, g->column, "%s", g->message);
		else
			rb_diag_report(&out, g->code, g->file, g->line, g->column, "%s", g->message);
		out.v[out.n - 1].severity = g->severity;
		if (g->code != RB_D_NOTE && (f = fix_of(fx, g)) != NULL)
			/* at the first edit, or where the diagnostic is when
			 * that is on a line before (a join) */
			rb_diag_note(&out, g->file, g->line, f->e[0].line == g->line ? f->e[0].col : g->column,
				     "%s", rb_cli_fix_describe(f));
		else if (fixing && (g->code == RB_D_NUMBERING_GAP || g->code == RB_D_NUMBERING_DUPLICATE))
			rb_diag_note(&out, g->file, g->line, g->column,
				     "not fixed by --fix (content may be missing): "
				     "'rulebook fmt --renumber' makes the numbers consecutive");
	}
	out.errors = d->errors;
	out.warnings = d->warnings;
	rb_diags_free(d);
	*d = out;
}

/* ---- applying them ---- */

size_t
rb_cli_fixes_count(const rb_cli_fixes *fx, size_t *per_kind)
{
	size_t i, n = 0;

	for (i = 0; fx && i < fx->n; i++)
		if (!fx->v[i].dropped) {
			n++;
			if (per_kind)
				per_kind[fx->v[i].kind]++;
		}
	return n;
}

/* The edits of one file, in order. */
struct edits {
	const struct rb_cli_edit **v;
	size_t n;
};

static int
cmp_edit(const void *a, const void *b)
{
	const struct rb_cli_edit *x = *(const struct rb_cli_edit *const *)a;
	const struct rb_cli_edit *y = *(const struct rb_cli_edit *const *)b;

	return x->off < y->off ? -1 : x->off > y->off;
}

static void
lines_out(rb_buf *out, char mark, const char *s, size_t n)
{
	while (n) {
		const char *e = memchr(s, '\n', n);
		size_t k = e ? (size_t)(e - s) : n;

		rb_buf_printf(out, "%c%.*s\n", mark, (int)k, s);
		if (!e) {
			rb_buf_puts(out, "\\ No newline at end of file\n");
			return;
		}
		n -= k + 1;
		s += k + 1;
	}
}

static unsigned
count_lines(const char *s, size_t n)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k + (n && s[n - 1] != '\n');
}

static void
range_out(rb_buf *out, unsigned start, unsigned count)
{
	if (count == 1)
		rb_buf_printf(out, "%u", start);
	else
		rb_buf_printf(out, "%u,%u", count ? start : start - 1, count);
}

/* A unified diff of the lines the edits change, as diff -U0 writes it:
 * each run of lines the edits touch, then what they become. */
static void
diff_file(rb_buf *out, const char *file, const char *text, size_t len, const struct edits *ed)
{
	size_t i = 0, j, k, from, to, counted, scanned = 0;
	long delta = 0;
	unsigned line = 1;
	rb_buf neu;

	rb_buf_printf(out, "--- a/%s\n+++ b/%s\n", file, file);
	rb_buf_init(&neu);
	while (i < ed->n) {
		unsigned a, na, nb;

		/* the lines of edit i, and of the edits that share them */
		from = ed->v[i]->off;
		while (from > 0 && text[from - 1] != '\n')
			from--;
		for (j = i, to = from; j < ed->n && (j == i || ed->v[j]->off <= to); j++) {
			const char *e;

			to = ed->v[j]->off + ed->v[j]->len;
			e = to < len ? memchr(text + to, '\n', len - to) : NULL;
			to = e ? (size_t)(e - text) + 1 : len;
		}
		rb_buf_reset(&neu);
		for (k = i, counted = from; k < j; k++) {
			rb_buf_put(&neu, text + counted, ed->v[k]->off - counted);
			rb_buf_puts(&neu, ed->v[k]->text);
			counted = ed->v[k]->off + ed->v[k]->len;
		}
		rb_buf_put(&neu, text + counted, to - counted);
		for (; scanned < from; scanned++)
			line += text[scanned] == '\n';
		a = line;
		na = count_lines(text + from, to - from);
		nb = count_lines(neu.data ? neu.data : "", neu.len);
		rb_buf_puts(out, "@@ -");
		range_out(out, a, na);
		rb_buf_puts(out, " +");
		range_out(out, (unsigned)((long)a + delta), nb);
		rb_buf_puts(out, " @@\n");
		lines_out(out, '-', text + from, to - from);
		lines_out(out, '+', neu.data ? neu.data : "", neu.len);
		delta += (long)nb - (long)na;
		i = j;
	}
	rb_buf_free(&neu);
}

int
rb_cli_fixes_apply(const rb_cli_fixes *fx, rb_cli_sources *src, int dry_run, rb_buf *diff,
		   rb_diags *d)
{
	size_t i = 0, j, k;
	int status = 0, e;

	while (fx && i < fx->n) {
		const char *file = fx->v[i].file, *text;
		size_t len, at = 0;
		struct edits ed = {0};
		rb_buf out;

		text = rb_cli_source_text(rb_cli_source_get(src, file), &len);
		for (j = i; j < fx->n && !strcmp(fx->v[j].file, file); j++)
			;
		ed.v = rb_xcalloc((j - i) * RB_FIX_EDITS + 1, sizeof(*ed.v));
		for (k = i; k < j; k++) {
			const struct rb_cli_fix *f = &fx->v[k];
			int inside = !f->dropped;

			for (e = 0; e < f->nedits; e++)
				inside = inside && f->e[e].off + f->e[e].len <= len;
			for (e = 0; inside && e < f->nedits; e++)
				ed.v[ed.n++] = &f->e[e];
		}
		qsort(ed.v, ed.n, sizeof(*ed.v), cmp_edit);
		rb_buf_init(&out);
		for (k = 0; k < ed.n; k++) {
			if (ed.v[k]->off < at)
				continue;	/* overlapping: drop_overlaps keeps none */
			rb_buf_put(&out, text + at, ed.v[k]->off - at);
			rb_buf_puts(&out, ed.v[k]->text);
			at = ed.v[k]->off + ed.v[k]->len;
		}
		rb_buf_put(&out, text + at, len - at);
		if (!ed.n)
			;
		else if (dry_run)
			diff_file(diff, file, text, len, &ed);
		else if (rb_replace_file(file, out.data ? out.data : "", out.len, d) < 0)
			status = 2;
		rb_buf_free(&out);
		free(ed.v);
		i = j;
	}
	return status;
}
