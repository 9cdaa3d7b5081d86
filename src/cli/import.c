/* rulebook import: plain-text regulations → canonical Markdown books. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "cli.h"
#include "i18n.h"

/* The output path of input in (one input and -o FILE, else DIR/STEM.md). */
static char *
output_path(const char *out, int to_dir, const char *in)
{
	char *stem, *p;

	if (!to_dir)
		return rb_xstrdup(out);
	stem = rb_path_stem(in);
	p = rb_xmalloc(strlen(out) + strlen(stem) + 5);
	sprintf(p, "%s/%s.md", out, stem);
	free(stem);
	return p;
}

/* Import one text: the Markdown, checked; 0 or an exit status. */
static int
import_one(const char *in, const char *out, const rb_load_opts *lo, int verbose, rb_diags *d)
{
	rb_import imp;
	rb_document *doc;
	rb_diags mine;
	size_t len, i, nerr = d->errors, ndocs = 0, nparts = 0;
	char *data;
	rb_node *n;

	if (!(data = rb_read_file(in, &len, d)))
		return 2;
	if (!rb_import_text(in, data, len, lo->import, &imp, d)) {
		free(data);
		return 2;
	}
	free(data);
	if (verbose)
		for (i = 0; i < imp.ndrops; i++)
			fprintf(stderr, rb_tr("%s:%u: dropped (%s): %s\n"), in, imp.drops[i].line,
				imp.drops[i].why, imp.drops[i].text);
	if (verbose)
		for (i = 0; i < imp.ntitles; i++)
			fprintf(stderr, rb_tr("%s:%u: title taken from line %u: %s (was %s)\n"), in,
				imp.titles[i].line, imp.titles[i].from, imp.titles[i].title, imp.titles[i].was);
	/* the Markdown must load as it is written: check it, and say what
	 * it finds of the text */
	rb_diags_init(&mine);
	doc = rb_load_markdown(in, imp.markdown, imp.len, lo, &mine);
	if (doc) {
		doc->import = rb_xcalloc(1, sizeof(rb_import));
		*doc->import = imp;
		for (i = 0; i < mine.n; i++)
			rb_import_locate(&imp, &mine.v[i].line, &mine.v[i].column);
		rb_run_passes(doc, &mine);
		for (n = doc->root->first; n; n = n->next)
			nparts += n->kind == RB_PART;
		ndocs = doc->root->kind == RB_BOOK ? doc->ndocs : 1;
	}
	rb_diags_move(d, &mine);
	if (verbose) {
		char parts[64], regs[64], drops[64];

		snprintf(parts, sizeof(parts), rb_ntr("%zu part", "%zu parts", nparts), nparts);
		snprintf(regs, sizeof(regs), rb_ntr("%zu regulation", "%zu regulations", ndocs), ndocs);
		snprintf(drops, sizeof(drops), rb_ntr("%zu line dropped", "%zu lines dropped", imp.ndrops),
			 imp.ndrops);
		fprintf(stderr, rb_tr("%s: %s, %s, %s\n"), in, parts, regs, drops);
	}
	if (d->errors == nerr && rb_write_output(out, imp.markdown, imp.len, d) != 0) {
		if (doc)
			doc->import = NULL;
		rb_document_free(doc);
		rb_import_free(&imp);
		return 2;
	}
	if (doc)
		rb_document_free(doc);	/* frees imp */
	else
		rb_import_free(&imp);
	return 0;
}

int
rb_cmd_import(int argc, char **argv)
{
	rb_cli_opts o;
	const char *out;
	rb_file_ids ids;
	rb_diags d;
	int i, n, status, to_dir;
	char **inputs;
	struct stat st;

	memset(&o, 0, sizeof(o));
	status = rb_cli_parse("import", RB_OPT_OUTPUT | RB_OPT_VERBOSE | RB_OPT_RULES |
			      RB_OPT_PRINT_RULES | RB_OPT_PROFILE | RB_OPT_HELP |
			      RB_OPT_TITLE | RB_OPT_KEEP_PUNCT, argc, argv, &o);
	if (status != RB_CLI_RUN) {
		rb_cli_free_rules();
		return status;
	}
	status = 0;
	inputs = o.inputs;
	n = o.ninputs;
	out = o.out;
	/* -o: a file for one input, '-' for stdout, else a directory */
	if (!out)
		to_dir = 1, out = ".";
	else if (!strcmp(out, "-"))
		to_dir = 0;
	else
		to_dir = n > 1 || (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) ||
		    out[strlen(out) - 1] == '/';
	if (to_dir && stat(out, &st) != 0 && mkdir(out, 0777) != 0) {
		rb_diags_init(&d);
		rb_diag_report(&d, RB_D_OUTPUT_WRITE, out, 0, 0, "cannot create the directory");
		rb_cli_print_diags(&d);
		rb_diags_free(&d);
		rb_cli_free_rules();
		return 2;
	}
	rb_diags_init(&d);
	for (i = 0; i < n; i++) {
		char *path = output_path(out, to_dir, inputs[i]);
		const char *input;
		int r;

		/* looked at again for each: an earlier output may be a later input */
		rb_file_ids_of(&ids, inputs, (size_t)n);
		input = rb_file_ids_find(&ids, path, 0);
		rb_file_ids_free(&ids);
		if (input) {
			rb_diag_report(&d, RB_D_OUTPUT_WRITE, path, 0, 0,
				       "refusing to overwrite the input file %s", path);
			r = 2;
		} else
			r = import_one(inputs[i], path, &o.load, o.verbose, &d);
		if (r > status)
			status = r;
		free(path);
	}
	if (rb_cli_status(&d, 0) > status)
		status = rb_cli_status(&d, 0);
	rb_cli_print_diags(&d);
	rb_diags_free(&d);
	rb_cli_free_rules();
	return status;
}
