/* rulebook diff: the comparison of two versions (SPEC §9) — a table, the
 * alignment as JSON, or the decision that turns the old into the new. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "number/style.h"
#include "cli.h"
#include "revise/revise.h"

static const char *const formats[] = {"html", "docbook", "text", "json", "decision", NULL};
static const char *const exts[] = {".html", ".xml", ".txt", ".json", ".md", NULL};

/* "A = B" lines; # starts a comment. */
static int
read_pins(const char *path, rv_pin **out, size_t *n, rb_diags *d)
{
	size_t len, cap = 0;
	char *data = rb_read_file(path, &len, d), *line, *save = NULL;
	unsigned lineno;

	*out = NULL;
	*n = 0;
	if (!data)
		return -1;
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq, *a, *b, *e;

		/* strtok_r skips empty lines: count them from the offsets */
		lineno = 1;
		for (e = data; e < line; e++)
			lineno += *e == '\0' || *e == '\n';
		a = line + rb_space_len(line, strlen(line));
		if (!*a || *a == '#')
			continue;
		if (!(eq = strchr(a, '='))) {
			rb_diag_report(d, RB_D_DIFF_PIN, path, lineno, 1, "a pin is 'old-label = new-label', not '%s'", a);
			continue;
		}
		*eq = '\0';
		b = eq + 1;
		b += rb_space_len(b, strlen(b));
		for (e = eq; e > a && (e[-1] == ' ' || e[-1] == '\t'); e--)
			e[-1] = '\0';
		for (e = b + strlen(b); e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'); e--)
			e[-1] = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = rb_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].old_label = rb_xstrdup(a);
		(*out)[*n].new_label = rb_xstrdup(b);
		(*out)[*n].line = lineno;
		(*n)++;
	}
	free(data);
	return 0;
}

static void
free_pins(rv_pin *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].old_label);
		free(p[i].new_label);
	}
	free(p);
}

static rb_document *
load(const char *path, const rb_load_opts *lo, rb_diags *d)
{
	rb_document *doc = rb_load_file(path, lo, d);

	if (doc && doc->root->kind == RB_BOOK) {
		rb_diag_report(d, RB_D_INPUT_FORMAT, path, 0, 0,
			       "diff compares two rulebooks, not handbook manifests: name their documents");
		rb_document_free(doc);
		return NULL;
	}
	if (doc)
		rb_run_passes(doc, d);
	return doc;
}

static int
format_index(const char *name)
{
	int i;

	for (i = 0; formats[i]; i++)
		if (!strcmp(formats[i], name))
			return i;
	return -1;
}

static void
render(int f, const rv_align *al, const rv_table_opts *o, rb_buf *out)
{
	switch (f) {
	case 0: rv_write_html(al, out); break;
	case 1: rv_write_docbook(al, out); break;
	case 2: rv_write_text(al, o, out); break;
	case 3: rv_write_json(al, out); break;
	default: rv_write_decision(al, out); break;
	}
}

/* The output path of format f: OUT itself for one format, else
 * OUT/STEM.diff.EXT (STEM: the new version's file name). */
static char *
out_path(const char *out, int many, const char *new_path, int f)
{
	const char *base = strrchr(new_path, '/');
	rb_buf b;
	size_t stem;

	if (!many)
		return rb_xstrdup(out);
	base = base ? base + 1 : new_path;
	stem = strlen(base);
	if (strrchr(base, '.'))
		stem = (size_t)(strrchr(base, '.') - base);
	rb_buf_init(&b);
	rb_buf_printf(&b, "%s/%.*s.diff%s", out, (int)stem, base, exts[f]);
	return rb_buf_detach(&b);
}

static int
split_markers(const char *arg, rv_table_opts *o, char **keep)
{
	char *s = rb_xstrdup(arg), *p[4];
	int i;

	*keep = s;
	for (i = 0; i < 4; i++) {
		p[i] = s;
		s = strchr(s, ',');
		if (!s != (i == 3))
			return -1;
		if (s)
			*s++ = '\0';
	}
	o->del_open = p[0];
	o->del_close = p[1];
	o->ins_open = p[2];
	o->ins_close = p[3];
	return 0;
}

int
rb_cmd_diff(int argc, char **argv)
{
	rv_table_opts markers = {"[-", "-]", "{+", "+}"};
	char *markers_keep = NULL, *list, *tok, *save = NULL;
	int want[8] = {0}, nwant = 0, status, f;
	rb_cli_opts o;
	rb_document *a = NULL, *b = NULL;
	rv_pin *pins = NULL;
	size_t npins = 0;
	rb_diags d;

	memset(&o, 0, sizeof(o));
	status = rb_cli_parse("diff", RB_OPT_FORMAT | RB_OPT_OUTPUT | RB_OPT_PIN | RB_OPT_MARKERS |
			      RB_OPT_PROFILE | RB_OPT_HELP, argc, argv, &o);
	if (status != RB_CLI_RUN)
		return status;
	if (o.ninputs != 2)
		return rb_usage_error("diff", "diff takes two inputs, OLD and NEW");
	if (o.markers && split_markers(o.markers, &markers, &markers_keep) != 0) {
		free(markers_keep);
		return rb_usage_error("diff", "--markers takes four markers: DEL-OPEN,DEL-CLOSE,INS-OPEN,INS-CLOSE");
	}
	list = rb_xstrdup(o.formats ? o.formats : "text");
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((f = format_index(tok)) < 0) {
			free(list);
			free(markers_keep);
			return rb_usage_error("diff", "unknown format '%s' (html, docbook, text, json, decision)", tok);
		}
		if (!want[f]++)
			nwant++;
	}
	free(list);
	if (nwant > 1 && (!o.out || !strcmp(o.out, "-"))) {
		free(markers_keep);
		return rb_usage_error("diff", "several formats need -o DIR");
	}
	rb_diags_init(&d);
	if (o.pin)
		read_pins(o.pin, &pins, &npins, &d);
	a = load(o.inputs[0], &o.load, &d);
	b = load(o.inputs[1], &o.load, &d);
	if (a && b && !d.errors) {
		rv_doc ma, mb;
		rv_align al;

		rv_doc_build(&ma, a);
		rv_doc_build(&mb, b);
		rv_align_docs(&al, &ma, &mb, pins, npins, &d, o.pin);
		if (nwant > 1)
			mkdir(o.out, 0777);
		for (f = 0; formats[f]; f++) {
			rb_buf buf;
			char *path;

			if (!want[f])
				continue;
			rb_buf_init(&buf);
			render(f, &al, &markers, &buf);
			path = out_path(o.out ? o.out : "-", nwant > 1, o.inputs[1], f);
			rb_write_output(path, buf.data ? buf.data : "", buf.len, &d);
			free(path);
			rb_buf_free(&buf);
		}
		rv_align_free(&al);
		rv_doc_free(&ma);
		rv_doc_free(&mb);
	}
	status = rb_cli_status(&d, 0);
	rb_cli_print_diags(&d);
	rb_diags_free(&d);
	rb_document_free(a);
	rb_document_free(b);
	free_pins(pins, npins);
	free(markers_keep);
	return status;
}
