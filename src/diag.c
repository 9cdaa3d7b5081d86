/*
 * The one diagnostics table and reporter.  Loaders, passes and emitters
 * report here; only the front end prints.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "diag.h"
#include "mem/mem.h"
#include "text/escape.h"
#include "i18n.h"

static const struct {
	const char *name;
	rb_severity severity;
	const char *summary;
	int fatal;	/* exit status 2: the input or output cannot be handled */
} table[RB_D__COUNT] = {
	[RB_D_NUMBERING_GAP] = {"numbering-gap", RB_WARNING, "a number is skipped", 0},
	[RB_D_NUMBERING_DUPLICATE] = {"numbering-duplicate", RB_WARNING, "the same number twice among siblings", 0},
	[RB_D_NUMBERING_ORDER] = {"numbering-order", RB_WARNING, "a number goes backwards", 0},
	[RB_D_NUMBERING_START] = {"numbering-start", RB_WARNING, "a sequence does not start at 1 or at the declared start", 0},
	[RB_D_NUMBERING_STYLE] = {"numbering-style", RB_WARNING, "a clause uses another style than its siblings or level", 0},
	[RB_D_NUMBERING_SEPARATOR] = {"numbering-separator", RB_WARNING, "missing, doubled or mixed separator", 0},
	[RB_D_NUMBERING_NUMERAL] = {"numbering-numeral", RB_WARNING, "malformed numeral or lookalike character", 0},
	[RB_D_XREF_UNRESOLVED] = {"xref-unresolved", RB_WARNING, "an internal reference points at no clause", 0},
	[RB_D_XREF_DELETED] = {"xref-deleted", RB_WARNING, "an internal reference points at a deleted （删去） article", 0},
	[RB_D_XREF_MALFORMED] = {"xref-malformed", RB_WARNING, "a reference written wrongly (a lookalike, no 第 or no 条)", 0},
	[RB_D_XREF_RENUMBER] = {"xref-renumber", RB_ERROR, "a reference fmt --renumber cannot carry over (duplicated or missing target)", 0},
	[RB_D_NUMBERING_RUN_IN] = {"numbering-run-in", RB_WARNING, "an article runs on in the paragraph before it", 0},
	[RB_D_PARAGRAPH_BROKEN] = {"paragraph-broken", RB_WARNING, "a paragraph broken mid-sentence", 0},
	[RB_D_INPUT_UNREADABLE] = {"input-unreadable", RB_ERROR, "the input cannot be read", 1},
	[RB_D_INPUT_ENCODING] = {"input-encoding", RB_ERROR, "the input is not valid UTF-8", 1},
	[RB_D_INPUT_SYNTAX] = {"input-syntax", RB_ERROR, "the input is not well-formed YAML or Markdown", 1},
	[RB_D_INPUT_UNKNOWN_KEY] = {"input-unknown-key", RB_WARNING, "a key the format does not define", 0},
	[RB_D_INPUT_TYPE] = {"input-type", RB_ERROR, "a value of the wrong type", 0},
	[RB_D_INPUT_VALUE] = {"input-value", RB_ERROR, "a value out of range or not recognised", 0},
	[RB_D_INPUT_DUPLICATE_ID] = {"input-duplicate-id", RB_ERROR, "two clauses state the same id", 0},
	[RB_D_INPUT_DEPTH] = {"input-depth", RB_ERROR, "clauses nested deeper than the limit", 1},
	[RB_D_INPUT_FORMAT] = {"input-format", RB_ERROR, "the input format is not known", 1},
	[RB_D_INPUT_OUTSIDE] = {"input-outside", RB_ERROR, "a source resolves outside the directory tree it may be read from", 1},
	[RB_D_OUTPUT_WRITE] = {"output-write", RB_ERROR, "an output file cannot be written", 1},
	[RB_D_AMEND_SYNTAX] = {"amend-syntax", RB_ERROR, "a decision sentence that is no amendment the parser knows", 0},
	[RB_D_AMEND_QUOTE] = {"amend-quote", RB_ERROR, "a quotation in a decision that is never closed", 0},
	[RB_D_AMEND_TARGET] = {"amend-target", RB_ERROR, "a decision names an article, 款, 项 or words the text lacks", 0},
	[RB_D_AMEND_NUMBER] = {"amend-number", RB_ERROR, "a number a decision states disagrees with the one computed", 0},
	[RB_D_AMEND_DOCUMENT] = {"amend-document", RB_ERROR, "a decision amends no document of the title given", 0},
	[RB_D_DIFF_PIN] = {"diff-pin", RB_ERROR, "a --pin line that names no article or heading", 0},
	[RB_D_NOTE] = {"note", RB_NOTE, "a related location", 0},
};

const char *
rb_code_name(rb_code code)
{
	return code < RB_D__COUNT ? table[code].name : "unknown";
}

const char *
rb_code_summary(rb_code code)
{
	return code < RB_D__COUNT ? table[code].summary : "";
}

rb_severity
rb_code_severity(rb_code code)
{
	return code < RB_D__COUNT ? table[code].severity : RB_ERROR;
}

int
rb_code_fatal(rb_code code)
{
	return code < RB_D__COUNT && table[code].fatal;
}

int
rb_code_lookup(const char *name)
{
	int i;

	for (i = 0; i < RB_D__COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

void
rb_diags_init(rb_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void
rb_diags_free(rb_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].message);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	free(d->v);
	free(d->files);
	rb_diags_init(d);
}

const char *
rb_diags_intern(rb_diags *d, const char *file)
{
	size_t i;

	if (!file)
		return NULL;
	for (i = d->nfiles; i-- > 0;)
		if (strcmp(d->files[i], file) == 0)
			return d->files[i];
	d->files = rb_xrealloc(d->files, (d->nfiles + 1) * sizeof(char *));
	d->files[d->nfiles] = rb_xstrdup(file);
	return d->files[d->nfiles++];
}

static void
add(rb_diags *d, rb_code code, rb_severity sev, const char *file,
    unsigned line, unsigned column, const char *fmt, va_list ap)
{
	rb_diag *g;
	va_list cp;
	char *msg;
	int n;

	fmt = rb_tr(fmt);	/* the reader's language: the catalogs keep every %s */
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = rb_xrealloc(d->v, d->cap * sizeof(rb_diag));
	}
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	msg = rb_xmalloc((size_t)n + 1);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	g = &d->v[d->n++];
	g->code = code;
	g->severity = sev;
	g->file = rb_diags_intern(d, file);
	g->line = line;
	g->column = column;
	g->message = msg;
	if (sev == RB_ERROR)
		d->errors++;
	else if (sev == RB_WARNING)
		d->warnings++;
}

void
rb_diag_report(rb_diags *d, rb_code code, const char *file, unsigned line,
	       unsigned column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, code, rb_code_severity(code), file, line, column, fmt, ap);
	va_end(ap);
}

void
rb_diag_note(rb_diags *d, const char *file, unsigned line, unsigned column,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, RB_D_NOTE, RB_NOTE, file, line, column, fmt, ap);
	va_end(ap);
}

/* Sorting keeps each diagnostic with the notes that follow it. */
struct group {
	size_t first, count, seq;
};

static const rb_diags *sort_src;

static int
cmp_group(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	const rb_diag *x = &sort_src->v[a->first], *y = &sort_src->v[b->first];
	int c;

	c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
rb_diags_sort(rb_diags *d)
{
	struct group *g;
	rb_diag *v;
	size_t i, ng = 0, k = 0;

	if (d->n < 2)
		return;
	g = rb_xmalloc(d->n * sizeof(*g));
	for (i = 0; i < d->n; i++) {
		if (d->v[i].code == RB_D_NOTE && ng > 0) {
			g[ng - 1].count++;
			continue;
		}
		g[ng].first = i;
		g[ng].count = 1;
		g[ng].seq = ng;
		ng++;
	}
	sort_src = d;
	qsort(g, ng, sizeof(*g), cmp_group);
	sort_src = NULL;
	v = rb_xmalloc(d->n * sizeof(rb_diag));
	for (i = 0; i < ng; i++) {
		memcpy(v + k, d->v + g[i].first, g[i].count * sizeof(rb_diag));
		k += g[i].count;
	}
	free(d->v);
	d->v = v;
	d->cap = d->n;
	free(g);
}

static const char *
sev_name(rb_severity s)
{
	return s == RB_ERROR ? RB_N_("error") : s == RB_WARNING ? RB_N_("warning") : RB_N_("note");
}

static void
json_str(FILE *out, const char *s)
{
	rb_buf b;

	rb_buf_init(&b);
	rb_json_escape(&b, s ? s : "");
	fwrite(b.data, 1, b.len, out);
	rb_buf_free(&b);
}

static void
print_gcc(const rb_diags *d, FILE *out, int colour)
{
	static const char *col[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
	size_t i;

	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];

		if (colour)
			fputs("\033[1m", out);
		fputs(g->file ? g->file : "rulebook", out);
		if (g->line)
			fprintf(out, ":%u", g->line);
		if (g->line && g->column)
			fprintf(out, ":%u", g->column);
		fputs(": ", out);
		if (colour)
			fprintf(out, "%s%s:\033[0m ", col[g->severity], rb_tr(sev_name(g->severity)));
		else
			fprintf(out, "%s: ", rb_tr(sev_name(g->severity)));
		fputs(g->message, out);
		if (g->code != RB_D_NOTE)
			fprintf(out, " [%s]", rb_code_name(g->code));
		fputc('\n', out);
	}
}

static void
print_json(const rb_diags *d, FILE *out)
{
	size_t i;

	fputc('[', out);
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];

		fputs(i ? ",\n " : "\n ", out);
		fputs("{\"file\": ", out);
		json_str(out, g->file);
		fprintf(out, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"code\": ",
			g->line, g->column, sev_name(g->severity));
		json_str(out, rb_code_name(g->code));
		fputs(", \"message\": ", out);
		json_str(out, g->message);
		fputc('}', out);
	}
	fputs(d->n ? "\n]\n" : "]\n", out);
}

/* A file name as a relative URI reference (RFC 3986): bytes other than
 * unreserved characters and '/' percent-encoded, so 刑法.md and names
 * with spaces or '#' are valid there. */
static void
sarif_uri(FILE *out, const char *file)
{
	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *)file; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

/* A location object; a related location carries the note as its message. */
static void
sarif_location(FILE *out, const rb_diag *g, const char *message)
{
	fputc('{', out);
	if (message) {
		fputs("\"message\": {\"text\": ", out);
		json_str(out, message);
		fputs("}, ", out);
	}
	fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	sarif_uri(out, g->file);
	fputc('}', out);
	if (g->line) {
		fprintf(out, ", \"region\": {\"startLine\": %u", g->line);
		if (g->column)
			fprintf(out, ", \"startColumn\": %u", g->column);
		fputc('}', out);
	}
	fputs("}}", out);
}

static void
print_sarif(const rb_diags *d, FILE *out)
{
	static const char *level[] = {"note", "warning", "error"};
	size_t i, j;
	int first = 1;

	fputs("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      " \"version\": \"2.1.0\",\n"
	      " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"rulebook\", "
	      "\"version\": \"" RB_VERSION "\",\n  \"rules\": [", out);
	for (i = 0; i < RB_D_NOTE; i++) {
		fprintf(out, "%s\n   {\"id\": \"%s\", \"shortDescription\": {\"text\": ",
			i ? "," : "", table[i].name);
		json_str(out, table[i].summary);
		fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			level[table[i].severity]);
	}
	/* our columns count characters, not UTF-16 code units */
	fputs("]}},\n  \"columnKind\": \"unicodeCodePoints\",\n  \"results\": [", out);
	for (i = 0; i < d->n; i++) {
		const rb_diag *g = &d->v[i];

		if (g->code == RB_D_NOTE)
			continue;
		fprintf(out, "%s\n   {\"ruleId\": \"%s\", \"ruleIndex\": %d, \"level\": \"%s\", "
			"\"message\": {\"text\": ", first ? "" : ",",
			rb_code_name(g->code), (int)g->code, level[g->severity]);
		first = 0;
		json_str(out, g->message);
		fputs("}", out);
		if (g->file) {
			fputs(", \"locations\": [", out);
			sarif_location(out, g, NULL);
			fputs("]", out);
		}
		for (j = i + 1; j < d->n && d->v[j].code == RB_D_NOTE; j++) {
			fputs(j == i + 1 ? ", \"relatedLocations\": [" : ", ", out);
			sarif_location(out, &d->v[j], d->v[j].message);
			if (j + 1 == d->n || d->v[j + 1].code != RB_D_NOTE)
				fputc(']', out);
		}
		fputc('}', out);
	}
	fputs("\n  ]}]}\n", out);
}

void
rb_diags_print(const rb_diags *d, FILE *out, rb_diag_format fmt, int colour)
{
	switch (fmt) {
	case RB_DIAG_GCC:
		print_gcc(d, out, colour);
		break;
	case RB_DIAG_JSON:
		print_json(d, out);
		break;
	case RB_DIAG_SARIF:
		print_sarif(d, out);
		break;
	}
}

void
rb_diags_move(rb_diags *to, rb_diags *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		const rb_diag *g = &from->v[i];

		if (g->code == RB_D_NOTE)
			rb_diag_note(to, g->file, g->line, g->column, "%s", g->message);
		else {
			rb_diag_report(to, g->code, g->file, g->line, g->column, "%s", g->message);
			/* a severity -W error= raised stays raised */
			if (g->severity != to->v[to->n - 1].severity) {
				if (to->v[to->n - 1].severity == RB_ERROR)
					to->errors--;
				else if (to->v[to->n - 1].severity == RB_WARNING)
					to->warnings--;
				to->v[to->n - 1].severity = g->severity;
				if (g->severity == RB_ERROR)
					to->errors++;
				else if (g->severity == RB_WARNING)
					to->warnings++;
			}
		}
	}
	rb_diags_free(from);
	rb_diags_init(from);
}
