/*
 * check --fix: the edits that make a label written almost right read as
 * it is meant, as fmt --renumber makes its edits: bytes of the source
 * replaced in place, nothing else touched.
 *
 * A fix is found from the diagnostic's position and the source text
 * there, never from the message (which follows the reader's language),
 * except for the one thing only the sequence knows: which separator a
 * label that has none, or a comma, should get (the message names it:
 * "did you mean 8、?").  What does not have exactly the shape of a
 * fixable defect is left alone; so is a fix that would overlap another.
 * Gaps and duplicates are not fixed: content may be missing
 * (fmt --renumber makes numbers consecutive).
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

struct rb_cli_fix {
	const char *file;	/* the diagnostic's (interned) */
	unsigned line, column;
	rb_code code;
	size_t off, len;	/* the bytes replaced, in the file */
	char old[16], text[16];	/* what they were, what they become */
	unsigned col_start, col_end;	/* the same as columns of the line */
	rb_cli_fix_kind kind;
	int dropped;		/* overlaps another fix */
};

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

static int
set(struct rb_cli_fix *f, rb_cli_fix_kind kind, size_t at, size_t len, const char *old_text,
    const char *text)
{
	f->kind = kind;
	f->off = at;
	f->len = len;
	snprintf(f->old, sizeof(f->old), "%.*s", (int)len, old_text);
	snprintf(f->text, sizeof(f->text), "%s", text);
	return 1;
}

/* The fix of one diagnostic whose label starts at t (n bytes to the end
 * of its line); offsets relative to t.  0 when none is certain. */
static int
find(const rb_diag *g, const char *t, size_t n, struct rb_cli_fix *f)
{
	size_t k, m, i, sep;
	unsigned fl;
	int v;
	uint32_t cp;

	if (g->code == RB_D_NUMBERING_NUMERAL || g->code == RB_D_INPUT_TYPE) {
		/* 笫 for 第, before a numeral */
		if ((k = rb_prefix(t, n, "笫")) > 0 && rb_cn_parse(t + k, n - k, &v, &fl) > 0)
			return set(f, RB_FIX_LOOKALIKE_DI, 0, k, t, "第");
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
				return set(f, RB_FIX_LOOKALIKE_DASH, dash, 3, t + dash, "一");
			return set(f, RB_FIX_SPACE, space, space_len, t + space, "");
		}
		/* l) l. l） l、 for 1 */
		if (g->code == RB_D_NUMBERING_NUMERAL && n >= 2 && t[0] == 'l' &&
		    (t[1] == ')' || t[1] == '.' || rb_prefix(t + 1, n - 1, "）") ||
		     rb_prefix(t + 1, n - 1, "、")))
			return set(f, RB_FIX_LOOKALIKE_L, 0, 1, t, "1");
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
			return set(f, RB_FIX_BRACKET_MIXED, i, strlen(other), t + i, close);
		if (rb_prefix(t + i, n - i, close))
			return 0;
		return set(f, RB_FIX_BRACKET_MISSING, i, 0, t + i, close);
	}
	if (!(m = rb_cn_parse(t, n, &v, &fl)) || m >= n)
		return 0;
	/* 三、、 2.、: the second separator goes */
	if ((sep = separator_at(t + m, n - m)) > 0 && (k = separator_at(t + m + sep, n - m - sep)) > 0) {
		if (rb_prefix(t + m, n - m, "，") || t[m] == ',')
			return 0;	/* a comma, then a separator: which is meant? */
		return set(f, RB_FIX_SEPARATOR_DOUBLED, m + sep, k, t + m + sep, "");
	}
	/* 二， 8自费药: the separator the siblings use */
	{
		const char *mark = wanted_mark(g->message, t, m);
		const char *text = mark && !strcmp(mark, ".") ? ". " : mark;

		if (!mark)
			return 0;
		if ((k = rb_prefix(t + m, n - m, "，")) > 0 || (k = (t[m] == ',')) > 0)
			return set(f, RB_FIX_SEPARATOR_COMMA, m, k, t + m, text);
		if (!rb_utf8_decode(t + m, n - m, &cp) || !rb_cp_is_cjk(cp))
			return 0;
		return set(f, RB_FIX_SEPARATOR_MISSING, m, 0, t + m, text);
	}
}

static int
cmp_fix(const void *a, const void *b)
{
	const struct rb_cli_fix *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	return x->off < y->off ? -1 : x->off > y->off;
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
		size_t len, off, flen, all;
		struct rb_cli_fix f;

		if ((g->code != RB_D_NUMBERING_NUMERAL && g->code != RB_D_NUMBERING_SEPARATOR &&
		     g->code != RB_D_INPUT_TYPE) || !g->file || !g->line || !g->column ||
		    g->severity == RB_NOTE)
			continue;
		/* Markdown and YAML sources only: a .txt is imported */
		flen = strlen(g->file);
		if (!(flen > 3 && !strcmp(g->file + flen - 3, ".md")) &&
		    !(flen > 9 && !strcmp(g->file + flen - 9, ".markdown")) &&
		    !(flen > 5 && !strcmp(g->file + flen - 5, ".yaml")) &&
		    !(flen > 4 && !strcmp(g->file + flen - 4, ".yml")))
			continue;
		if (g->code == RB_D_INPUT_TYPE && (flen < 5 || strcmp(g->file + flen - 5, ".yaml")) &&
		    (flen < 4 || strcmp(g->file + flen - 4, ".yml")))
			continue;
		s = rb_cli_source_get(src, g->file);
		if (!(line = rb_cli_source_line(s, g->line, &len)))
			continue;
		off = rb_cli_column_offset(line, len, g->column);
		memset(&f, 0, sizeof(f));
		if (!find(g, line + off, len - off, &f))
			continue;
		text = rb_cli_source_text(s, &all);
		f.file = g->file;
		f.line = g->line;
		f.column = g->column;
		f.code = g->code;
		f.col_start = g->column + (unsigned)rb_utf8_count(line + off, f.off);
		f.col_end = f.col_start + (unsigned)rb_utf8_count(line + off + f.off, f.len);
		f.off += (size_t)(line - text) + off;
		fx->v = rb_xrealloc(fx->v, (fx->n + 1) * sizeof(*fx->v));
		fx->v[fx->n++] = f;
	}
	if (fx->n > 1)
		qsort(fx->v, fx->n, sizeof(*fx->v), cmp_fix);
	/* two fixes of the same bytes: neither is certain */
	for (i = 1; i < fx->n; i++)
		if (!strcmp(fx->v[i].file, fx->v[i - 1].file) &&
		    fx->v[i].off < fx->v[i - 1].off + fx->v[i - 1].len + (fx->v[i - 1].len == 0))
			fx->v[i].dropped = fx->v[i - 1].dropped = 1;
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
	rb_buf_printf(b, "\"}, \"replacements\": [{\"deletedRegion\": {\"startLine\": %u, "
		      "\"startColumn\": %u, \"endColumn\": %u, \"byteOffset\": %zu, \"byteLength\": %zu}, "
		      "\"insertedContent\": {\"text\": ",
		      f->line, f->col_start, f->col_end, f->off, f->len);
	rb_json_escape(b, f->text);
	rb_buf_puts(b, "}}]}]}]");
}

const char *
rb_cli_fix_describe(const struct rb_cli_fix *f)
{
	static _Thread_local char buf[96];

	if (!f->len)
		snprintf(buf, sizeof(buf), rb_tr("--fix inserts '%s'"), f->text);
	else if (!*f->text)
		snprintf(buf, sizeof(buf), rb_tr("--fix deletes '%s'"), f->old);
	else
		snprintf(buf, sizeof(buf), rb_tr("--fix replaces '%s' with '%s'"), f->old, f->text);
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
			rb_diag_note(&out, g->file, g->line, f->col_start, "%s", rb_cli_fix_describe(f));
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

/* A unified diff of the lines the edits change (no context: every edit
 * stays within its line). */
static void
diff_file(rb_buf *out, const char *file, const char *text, size_t len, const rb_buf *fixed)
{
	size_t a = 0, b = 0;
	unsigned line = 1;

	rb_buf_printf(out, "--- a/%s\n+++ b/%s\n", file, file);
	while (a < len && b < fixed->len) {
		const char *ea = memchr(text + a, '\n', len - a), *eb = memchr(fixed->data + b, '\n', fixed->len - b);
		size_t la = ea ? (size_t)(ea - text - a) : len - a;
		size_t lb = eb ? (size_t)(eb - fixed->data - b) : fixed->len - b;

		if (la != lb || memcmp(text + a, fixed->data + b, la))
			rb_buf_printf(out, "@@ -%u +%u @@\n-%.*s\n+%.*s\n", line, line, (int)la, text + a,
				      (int)lb, fixed->data + b);
		a += la + 1;
		b += lb + 1;
		line++;
	}
}

int
rb_cli_fixes_apply(const rb_cli_fixes *fx, rb_cli_sources *src, int dry_run, rb_buf *diff,
		   rb_diags *d)
{
	size_t i = 0, j;
	int status = 0;

	while (fx && i < fx->n) {
		const char *file = fx->v[i].file, *text;
		size_t len, at = 0;
		rb_buf out;

		text = rb_cli_source_text(rb_cli_source_get(src, file), &len);
		rb_buf_init(&out);
		for (j = i; j < fx->n && !strcmp(fx->v[j].file, file); j++) {
			const struct rb_cli_fix *f = &fx->v[j];

			if (f->dropped || f->off < at || f->off + f->len > len)
				continue;
			rb_buf_put(&out, text + at, f->off - at);
			rb_buf_puts(&out, f->text);
			at = f->off + f->len;
		}
		rb_buf_put(&out, text + at, len - at);
		if (dry_run)
			diff_file(diff, file, text, len, &out);
		else if (rb_replace_file(file, out.data, out.len, d) < 0)
			status = 2;
		rb_buf_free(&out);
		i = j;
	}
	return status;
}
