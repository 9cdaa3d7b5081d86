/* rulebook import: plain-text regulations → canonical Markdown books. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "cli.h"

/* The rules file of --rules (read once, kept for the process). */
static rb_import_opts rules_opts;

int
rb_cli_rules(const char *cmd, const char *path, rb_load_opts *lo)
{
	rb_diags d;
	size_t len;
	char *text;

	rb_diags_init(&d);
	if (!(text = rb_read_file(path, &len, &d))) {
		rb_cli_print_diags(&d);
		rb_diags_free(&d);
		(void)cmd;
		return 2;
	}
	rb_diags_free(&d);
	free((char *)rules_opts.rules);
	rules_opts.rules = text;
	rules_opts.rules_name = path;
	lo->import = &rules_opts;
	return 0;
}

/* The output path of input in (one input and -o FILE, else DIR/STEM.md). */
static char *
output_path(const char *out, int to_dir, const char *in)
{
	const char *slash = strrchr(in, '/'), *base = slash ? slash + 1 : in, *dot;
	size_t stem;
	char *p;

	if (!to_dir)
		return rb_xstrdup(out);
	if (!strcmp(in, "-"))
		base = "stdin";
	dot = strrchr(base, '.');
	stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	p = rb_xmalloc(strlen(out) + stem + 5);
	sprintf(p, "%s/%.*s.md", out, (int)stem, base);
	return p;
}

/* Is path one of the inputs (never overwritten)? */
static int
is_input(const char *path, int n, char **inputs)
{
	struct stat t, s;
	int i;

	if (!strcmp(path, "-") || stat(path, &t) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (stat(inputs[i], &s) == 0 && s.st_dev == t.st_dev && s.st_ino == t.st_ino)
			return 1;
	return 0;
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
			fprintf(stderr, "%s:%u: dropped (%s): %s\n", in, imp.drops[i].line,
				imp.drops[i].why, imp.drops[i].text);
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
	if (verbose)
		fprintf(stderr, "%s: %zu part%s, %zu regulation%s, %zu line%s dropped\n", in, nparts,
			nparts == 1 ? "" : "s", ndocs, ndocs == 1 ? "" : "s", imp.ndrops,
			imp.ndrops == 1 ? "" : "s");
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
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"verbose", no_argument, NULL, 'v'},
		{"rules", required_argument, NULL, 'R'},
		{"print-rules", no_argument, NULL, 'P'},
		{"profile", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	rb_load_opts lo;
	rb_diags d;
	int c, verbose = 0, i, n, status = 0, to_dir;
	char **inputs;
	struct stat st;

	memset(&lo, 0, sizeof(lo));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'v': verbose = 1; break;
		case 'R':
			if (rb_cli_rules("import", optarg, &lo) != 0)
				return 2;
			break;
		case 'P':
			fputs(rules_opts.rules ? rules_opts.rules : rb_import_rules_default, stdout);
			return fflush(stdout) == 0 ? 0 : 2;
		case 'p':
			if (rb_cli_load_opt("import", c, optarg, &lo) != 0)
				return 2;
			break;
		case 'h':
			rb_cli_help("import", stdout);
			return 0;
		case ':':
			return rb_usage_error("import", "option '%s' needs a value", argv[optind - 1]);
		default:
			return rb_usage_error("import", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return rb_usage_error("import", "no input files");
	inputs = argv + optind;
	n = argc - optind;
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
		return 2;
	}
	rb_diags_init(&d);
	for (i = 0; i < n; i++) {
		char *path = output_path(out, to_dir, inputs[i]);
		int r;

		if (is_input(path, n, inputs)) {
			rb_diag_report(&d, RB_D_OUTPUT_WRITE, path, 0, 0,
				       "refusing to overwrite the input file %s", path);
			r = 2;
		} else
			r = import_one(inputs[i], path, &lo, verbose, &d);
		if (r > status)
			status = r;
		free(path);
	}
	if (rb_cli_status(&d, 0) > status)
		status = rb_cli_status(&d, 0);
	rb_cli_print_diags(&d);
	rb_diags_free(&d);
	free((char *)rules_opts.rules);
	rules_opts.rules = NULL;
	return status;
}
