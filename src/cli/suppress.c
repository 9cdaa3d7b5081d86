#define _GNU_SOURCE		/* memmem */
/* Which diagnostics are reported: codes turned off or made errors (-W,
 * rulebook.yaml), inline comments in the sources, and baselines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "cli.h"

/* One inline suppression: code off on line (0: every code). */
struct mute {
	unsigned line;
	int code;
};

struct mutes {
	struct mute *v;
	size_t n;
};

static void
mute(struct mutes *m, unsigned line, int code)
{
	m->v = rb_xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n].line = line;
	m->v[m->n++].code = code;
}

static int
is_blank(const char *s, size_t n)
{
	for (; n > 0; s++, n--)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* The codes of a comment, separated by commas or blanks, up to end. */
static void
read_codes(const char *file, unsigned line, const char *s, const char *end, unsigned target,
	   struct mutes *m, rb_diags *d)
{
	while (s < end) {
		const char *w;
		char name[64];
		int code;

		while (s < end && (*s == ' ' || *s == ',' || *s == '\t'))
			s++;
		w = s;
		while (s < end && *s != ' ' && *s != ',' && *s != '\t')
			s++;
		if (s == w)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(s - w), w);
		code = rb_code_lookup(name);
		if (code < 0 || code == RB_D_NOTE)
			rb_diag_report(d, RB_D_INPUT_VALUE, file, line, 0,
				       "unknown diagnostic code '%s' in a rulebook comment", name);
		else if (target)
			mute(m, target, code);
	}
}

/* The next line from i with content (Markdown: not blank; YAML: not a
 * comment either), or 0. */
static unsigned
next_content(const rb_cli_source *src, unsigned i, int yaml)
{
	size_t n = rb_cli_source_lines(src), len;

	for (; i <= n; i++) {
		const char *l = rb_cli_source_line(src, i, &len);

		while (len && (*l == ' ' || *l == '\t'))
			l++, len--;
		if (len && !(yaml && *l == '#'))
			return i;
	}
	return 0;
}

/* <!-- rulebook-disable-next-line CODE --> (Markdown) and
 * # rulebook: disable=CODE (YAML: its own line, or the next when the
 * comment stands alone). */
static void
scan(const char *file, const rb_cli_source *src, struct mutes *m, rb_diags *d)
{
	size_t n = rb_cli_source_lines(src), len, flen = strlen(file);
	int yaml = flen > 5 && (!strcmp(file + flen - 5, ".yaml") || !strcmp(file + flen - 4, ".yml"));
	int md = (flen > 3 && !strcmp(file + flen - 3, ".md")) ||
		 (flen > 9 && !strcmp(file + flen - 9, ".markdown"));
	unsigned i;

	if (!yaml && !md)
		return;
	for (i = 1; i <= n; i++) {
		const char *l = rb_cli_source_line(src, i, &len), *end = l + len, *p, *q;

		if (md && (p = memmem(l, len, "<!-- rulebook-disable-next-line", 31)) != NULL) {
			p += 31;
			if (!(q = memmem(p, (size_t)(end - p), "-->", 3)))
				q = end;
			read_codes(file, i, p, q, next_content(src, i + 1, 0), m, d);
		} else if (yaml && (p = memmem(l, len, "# rulebook:", 11)) != NULL) {
			const char *hash = p;

			p += 11;
			while (p < end && *p == ' ')
				p++;
			if ((size_t)(end - p) < 8 || memcmp(p, "disable=", 8)) {
				rb_diag_report(d, RB_D_INPUT_VALUE, file, i, 0,
					       "a rulebook comment is '# rulebook: disable=CODE'");
				continue;
			}
			read_codes(file, i, p + 8, end,
				   is_blank(l, (size_t)(hash - l)) ? next_content(src, i + 1, 1) : i, m, d);
		}
	}
}

static int
muted(const struct mutes *m, const rb_diag *g)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].line == g->line && m->v[i].code == (int)g->code)
			return 1;
	return 0;
}

/* The list with drop[i] removed (with their notes), counts redone. */
static void
rebuild(rb_diags *d, const unsigned char *drop)
{
	size_t i, k = 0;

	d->errors = d->warnings = 0;
	for (i = 0; i < d->n; i++) {
		if (drop[i]) {
			free(d->v[i].message);
			continue;
		}
		d->v[k] = d->v[i];
		if (d->v[k].severity == RB_ERROR)
			d->errors++;
		else if (d->v[k].severity == RB_WARNING)
			d->warnings++;
		k++;
	}
	d->n = k;
}

void
rb_cli_suppress(const rb_cli_rules *r, char **files, size_t nfiles, rb_diags *d)
{
	rb_cli_sources src;
	struct mutes *m = rb_xcalloc(nfiles + 1, sizeof(*m));
	unsigned char *drop;
	size_t i, j, n0;
	int dropping = 0;

	rb_cli_sources_init(&src);
	for (j = 0; j < nfiles; j++) {
		size_t len;
		const char *text = rb_cli_source_text(rb_cli_source_get(&src, files[j]), &len);

		/* most files have no rulebook comment: one search to know */
		if (text && memmem(text, len, "rulebook", 8))
			scan(files[j], rb_cli_source_get(&src, files[j]), &m[j], d);
	}
	n0 = d->n;
	drop = rb_xcalloc(n0 + 1, 1);
	for (i = 0; i < n0; i++) {
		rb_diag *g = &d->v[i];

		if (g->code == RB_D_NOTE) {
			drop[i] = (unsigned char)dropping;
			continue;
		}
		dropping = g->severity == RB_WARNING && r->level[g->code] == RB_LEVEL_OFF;
		for (j = 0; !dropping && j < nfiles; j++)
			if (g->file && !strcmp(g->file, files[j]) && g->severity == RB_WARNING)
				dropping = muted(&m[j], g);
		drop[i] = (unsigned char)dropping;
		if (!dropping && g->severity == RB_WARNING && r->level[g->code] == RB_LEVEL_ERROR)
			g->severity = RB_ERROR;
	}
	rebuild(d, drop);
	free(drop);
	for (j = 0; j < nfiles; j++)
		free(m[j].v);
	free(m);
	rb_cli_sources_free(&src);
}

void
rb_cli_suppress_doc(const rb_cli_rules *r, const rb_document *doc, rb_diags *d)
{
	size_t nfiles;
	char **files = rb_cli_doc_files(doc, &nfiles);

	rb_cli_suppress(r, files, nfiles, d);
	rb_cli_free_files(files, nfiles);
}

/* ---- baselines ---- */

/* A baseline is a text file, one warning a line:
 *   FINGERPRINT TAB CODE TAB FILE TAB MESSAGE
 * The fingerprint covers the code, file and the text of the
 * line (cli/sources.c), so edits elsewhere in a file keep a warning
 * matched and only new ones are reported. */
#define BASELINE_HEAD "# rulebook baseline: fingerprint, code, file, message (tab-separated)\n"

static int
write_baseline(const char *path, const rb_diags *d, rb_cli_sources *src, rb_diags *out)
{
	rb_strmap seen;
	rb_buf b;
	size_t i;
	int r;

	rb_strmap_init(&seen);
	rb_buf_init(&b);
	rb_buf_puts(&b, BASELINE_HEAD);
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];
		char fp[33];
		const char *m;

		if (g->severity != RB_WARNING)
			continue;
		rb_cli_fingerprint(src, g, 0, fp);
		rb_buf_printf(&b, "%s\t%s\t%s\t", fp, rb_code_name(g->code), g->file ? g->file : "");
		for (m = g->message; *m; m++)
			rb_buf_putc(&b, *m == '\t' || *m == '\n' ? ' ' : *m);
		rb_buf_putc(&b, '\n');
	}
	r = rb_write_output(path, b.data, b.len, out);
	rb_buf_free(&b);
	rb_strmap_free(&seen);
	return r;
}

/* fingerprint → how many warnings it still covers */
static int
read_baseline(const char *path, rb_strmap *left, char **text, rb_diags *d)
{
	size_t len;
	char *p, *nl;
	unsigned line = 0;

	if (!(*text = rb_read_file(path, &len, d)))
		return -1;
	for (p = *text; *p; p = nl + 1) {
		char *tab, *code, *end;
		size_t *k;

		line++;
		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		if (*p == '#' || p == nl) {
			if (!*nl)
				break;
			continue;
		}
		tab = memchr(p, '\t', (size_t)(nl - p));
		code = tab ? tab + 1 : NULL;
		end = code ? memchr(code, '\t', (size_t)(nl - code)) : NULL;
		if (!tab || tab - p != 32 || !end) {
			rb_diag_report(d, RB_D_INPUT_SYNTAX, path, line, 1,
				       "a baseline line is FINGERPRINT, CODE, FILE and MESSAGE separated by tabs");
			return -1;
		}
		*tab = '\0';
		*end = '\0';
		if (rb_code_lookup(code) < 0) {
			rb_diag_report(d, RB_D_INPUT_VALUE, path, line, (unsigned)(code - p) + 1,
				       "unknown diagnostic code '%s'", code);
			return -1;
		}
		if (!(k = rb_strmap_get(left, p))) {
			k = rb_xcalloc(1, sizeof(*k));
			rb_strmap_put(left, p, k);
		}
		(*k)++;
		if (!*nl)
			break;
	}
	return 0;
}

int
rb_cli_baseline(const rb_cli_opts *o, rb_diags *d)
{
	rb_cli_sources src;
	rb_strmap left;
	char *text = NULL;
	unsigned char *drop;
	size_t i;
	int status = 0, dropping = 0;

	if (!o->baseline && !o->baseline_write)
		return 0;
	rb_cli_sources_init(&src);
	rb_strmap_init(&left);
	rb_diags_sort(d);
	if (o->baseline_write) {
		rb_diags w;

		rb_diags_init(&w);
		if (write_baseline(o->baseline_write, d, &src, &w) < 0)
			status = 2;
		drop = rb_xcalloc(d->n + 1, 1);
		for (i = 0; i < d->n; i++) {
			if (d->v[i].code != RB_D_NOTE)
				dropping = d->v[i].severity == RB_WARNING;
			drop[i] = (unsigned char)dropping;
		}
		rebuild(d, drop);
		free(drop);
		rb_diags_move(d, &w);
	} else if (read_baseline(o->baseline, &left, &text, d) < 0)
		status = 2;
	else {
		drop = rb_xcalloc(d->n + 1, 1);
		for (i = 0; i < d->n; i++) {
			rb_diag *g = &d->v[i];
			char fp[33];
			size_t *k;

			if (g->code == RB_D_NOTE) {
				drop[i] = (unsigned char)dropping;
				continue;
			}
			dropping = 0;
			if (g->severity != RB_WARNING)
				continue;
			rb_cli_fingerprint(&src, g, 0, fp);
			if ((k = rb_strmap_get(&left, fp)) != NULL && *k > 0) {
				(*k)--;
				dropping = 1;
			}
			drop[i] = (unsigned char)dropping;
		}
		rebuild(d, drop);
		free(drop);
	}
	for (i = 0; i < left.n; i++)
		free(left.kv[i].val);
	rb_strmap_free(&left);
	free(text);
	rb_cli_sources_free(&src);
	return status;
}

