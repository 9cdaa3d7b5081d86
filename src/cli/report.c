/* The diagnostics of a run as the reader asks for them: lines on
 * standard error, JSON, SARIF for code scanning, Code Climate JSON for
 * GitLab's Code Quality widget.  SARIF and Code Climate read the sources
 * again (cli/sources.c): end columns, fingerprints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/escape.h"
#include "cli.h"

static void
json_str(rb_buf *b, const char *s)
{
	rb_json_escape(b, s ? s : "");
}

static const char *
level_of(rb_severity s, int werror)
{
	if (s == RB_ERROR || (werror && s == RB_WARNING))
		return "error";
	return s == RB_WARNING ? "warning" : "note";
}

/* A file name as a relative URI reference (RFC 3986): bytes other than
 * unreserved characters and '/' percent-encoded. */
static void
uri(rb_buf *b, const char *file)
{
	const unsigned char *p;

	rb_buf_putc(b, '"');
	for (p = (const unsigned char *)(file ? file : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			rb_buf_putc(b, (char)*p);
		else
			rb_buf_printf(b, "%%%02X", *p);
	}
	rb_buf_putc(b, '"');
}

static void
sarif_location(rb_buf *b, rb_cli_sources *src, const rb_diag *g, const char *message)
{
	unsigned end;

	rb_buf_putc(b, '{');
	if (message) {
		rb_buf_puts(b, "\"message\": {\"text\": ");
		json_str(b, message);
		rb_buf_puts(b, "}, ");
	}
	rb_buf_puts(b, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	uri(b, g->file);
	rb_buf_putc(b, '}');
	if (g->line) {
		rb_buf_printf(b, ", \"region\": {\"startLine\": %u", g->line);
		if (g->column) {
			rb_buf_printf(b, ", \"startColumn\": %u", g->column);
			if (!message && (end = rb_cli_end_column(src, g)) > g->column)
				rb_buf_printf(b, ", \"endColumn\": %u", end);
		}
		rb_buf_putc(b, '}');
	}
	rb_buf_puts(b, "}}");
}

/* The same code, file and line text more than once gets the
 * occurrence in its fingerprint, so fingerprints stay unique. */
static unsigned
occurrence(rb_strmap *seen, const char *fp)
{
	size_t *k = rb_strmap_get(seen, fp);

	if (!k) {
		k = rb_xcalloc(1, sizeof(*k));
		rb_strmap_put(seen, rb_xstrdup(fp), k);
	}
	return (unsigned)(*k)++;
}

static void
free_seen(rb_strmap *seen)
{
	size_t i;

	for (i = 0; i < seen->n; i++) {
		free((char *)seen->kv[i].key);
		free(seen->kv[i].val);
	}
	rb_strmap_free(seen);
}

static void
sarif(rb_buf *b, const rb_diags *d, const rb_cli_report *r)
{
	rb_strmap seen;
	rb_buf link;
	size_t i, j;
	int first = 1;

	rb_strmap_init(&seen);
	rb_buf_init(&link);
	rb_buf_puts(b, "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		    " \"version\": \"2.1.0\",\n"
		    " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"rulebook\", "
		    "\"version\": \"" RB_VERSION "\", \"informationUri\": ");
	json_str(b, rb_cli_docs_url());
	rb_buf_puts(b, ",\n  \"rules\": [");
	for (i = 0; i < RB_D_NOTE; i++) {
		const char *name = rb_code_name((rb_code)i), *help = rb_cli_rule_help(name);

		rb_buf_printf(b, "%s\n   {\"id\": \"%s\", \"shortDescription\": {\"text\": ",
			      i ? "," : "", name);
		json_str(b, rb_code_summary((rb_code)i));
		rb_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
		json_str(b, help ? help : rb_code_summary((rb_code)i));
		rb_buf_puts(b, "}, \"helpUri\": ");
		rb_buf_reset(&link);
		rb_buf_printf(&link, "%s#%s", rb_cli_docs_url(), name);
		json_str(b, link.data);
		rb_buf_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
			      level_of(rb_code_severity((rb_code)i), r->werror));
	}
	/* our columns count characters, not UTF-16 code units */
	rb_buf_puts(b, "]}},\n  \"columnKind\": \"unicodeCodePoints\",\n  \"results\": [");
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];
		char fp[33];

		if (g->code == RB_D_NOTE)
			continue;
		rb_buf_printf(b, "%s\n   {\"ruleId\": \"%s\", \"ruleIndex\": %d, \"level\": \"%s\", "
			      "\"message\": {\"text\": ", first ? "" : ",",
			      rb_code_name(g->code), (int)g->code, level_of(g->severity, r->werror));
		first = 0;
		json_str(b, g->message);
		rb_buf_putc(b, '}');
		if (g->file) {
			rb_buf_puts(b, ", \"locations\": [");
			sarif_location(b, r->sources, g, NULL);
			rb_buf_putc(b, ']');
		}
		for (j = i + 1; j < d->n && d->v[j].code == RB_D_NOTE; j++) {
			rb_buf_puts(b, j == i + 1 ? ", \"relatedLocations\": [" : ", ");
			sarif_location(b, r->sources, &d->v[j], d->v[j].message);
			if (j + 1 == d->n || d->v[j + 1].code != RB_D_NOTE)
				rb_buf_putc(b, ']');
		}
		rb_cli_fingerprint(r->sources, g, 0, fp);
		rb_cli_fingerprint(r->sources, g, occurrence(&seen, fp), fp);
		rb_buf_printf(b, ", \"partialFingerprints\": {\"rulebook/v1\": \"%s\"}", fp);
		if (r->fixes)
			rb_cli_fixes_sarif(b, r->fixes, g);
		rb_buf_putc(b, '}');
	}
	rb_buf_puts(b, "\n  ]}]}\n");
	free_seen(&seen);
	rb_buf_free(&link);
}

/* GitLab Code Quality (a subset of the Code Climate issue format). */
static void
codeclimate(rb_buf *b, const rb_diags *d, const rb_cli_report *r)
{
	rb_strmap seen;
	size_t i;
	int first = 1;

	rb_strmap_init(&seen);
	rb_buf_putc(b, '[');
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];
		const char *sev;
		char fp[33];

		if (g->code == RB_D_NOTE)
			continue;
		if (g->severity == RB_ERROR)
			sev = rb_code_fatal(g->code) ? "critical" : "major";
		else
			sev = r->werror ? "major" : "minor";
		rb_cli_fingerprint(r->sources, g, 0, fp);
		rb_cli_fingerprint(r->sources, g, occurrence(&seen, fp), fp);
		rb_buf_puts(b, first ? "\n " : ",\n ");
		first = 0;
		rb_buf_puts(b, "{\"type\": \"issue\", \"check_name\": ");
		json_str(b, rb_code_name(g->code));
		rb_buf_puts(b, ", \"description\": ");
		json_str(b, g->message);
		rb_buf_printf(b, ", \"categories\": [\"Style\"], \"severity\": \"%s\", "
			      "\"fingerprint\": \"%s\", \"location\": {\"path\": ", sev, fp);
		json_str(b, g->file ? rb_cli_plain_path(g->file) : ".");
		rb_buf_printf(b, ", \"lines\": {\"begin\": %u}}}", g->line ? g->line : 1);
	}
	rb_buf_puts(b, first ? "]\n" : "\n]\n");
	free_seen(&seen);
}

void
rb_cli_render_report(const rb_diags *d, rb_cli_diag_format fmt, const rb_cli_report *r, rb_buf *b)
{
	FILE *f;
	char *mem = NULL;
	size_t len = 0;

	switch (fmt) {
	case RB_CLI_DIAG_SARIF:
		sarif(b, d, r);
		break;
	case RB_CLI_DIAG_CODECLIMATE:
		codeclimate(b, d, r);
		break;
	case RB_CLI_DIAG_GCC:
	case RB_CLI_DIAG_JSON:
		if (!(f = open_memstream(&mem, &len)))
			break;
		rb_diags_print(d, f, fmt == RB_CLI_DIAG_GCC ? RB_DIAG_GCC : RB_DIAG_JSON, 0);
		fclose(f);
		rb_buf_put(b, mem, len);
		free(mem);
		break;
	}
}

int
rb_cli_report_diags(const rb_cli_opts *o, rb_diags *d, int report_to_stdout)
{
	rb_cli_report r;
	rb_cli_sources src;
	rb_cli_fixes *fixes;
	rb_buf b;
	int status = 0;

	rb_diags_sort(d);
	rb_cli_sources_init(&src);
	memset(&r, 0, sizeof(r));
	r.werror = o->werror;
	r.sources = &src;
	/* every diagnostic with a fix says so, fixed or not */
	fixes = rb_cli_fixes_find(d, &src);
	r.fixes = fixes;
	if (o->sarif) {
		rb_diags w;

		rb_buf_init(&b);
		rb_cli_render_report(d, RB_CLI_DIAG_SARIF, &r, &b);
		rb_diags_init(&w);
		if (rb_write_output(o->sarif, b.data, b.len, &w) < 0)
			status = 2;
		rb_diags_move(d, &w);
		rb_buf_free(&b);
	}
	if (o->diagnostics == RB_CLI_DIAG_GCC) {
		rb_cli_fixes_notes(fixes, o->fix, d);
		rb_cli_print_diags(d);
	} else {
		FILE *out = report_to_stdout ? stdout : stderr;

		if (o->diagnostics == RB_CLI_DIAG_JSON)	/* a note, as in lines */
			rb_cli_fixes_notes(fixes, o->fix, d);
		rb_buf_init(&b);
		rb_cli_render_report(d, o->diagnostics, &r, &b);
		if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)
			status = 2;
		rb_buf_free(&b);
	}
	rb_cli_fixes_free(fixes);
	rb_cli_sources_free(&src);
	return status;
}
