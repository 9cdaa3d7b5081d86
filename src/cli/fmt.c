/* rulebook fmt: rewrite sources — canonical Markdown, or (--renumber) the
 * source with its numbers made consecutive and its references following. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"

/* Copy the diagnostics worth showing: with errors_only, errors and
 * unresolved references (and their notes) — fmt is about to change the
 * numbering the other warnings are about. */
static void
keep(rb_diags *to, const rb_diags *from, int errors_only)
{
	size_t i;
	int shown = 0;

	for (i = 0; i < from->n; i++) {
		const rb_diag *g = &from->v[i];

		if (g->code == RB_D_NOTE) {
			if (shown)
				rb_diag_note(to, g->file, g->line, g->column, "%s", g->message);
			continue;
		}
		/* a reference that names nothing cannot follow a renumbering */
		shown = !errors_only || g->severity == RB_ERROR || g->code == RB_D_XREF_UNRESOLVED;
		if (shown)
			rb_diag_report(to, g->code, g->file, g->line, g->column, "%s", g->message);
	}
}

/* The loader drops a byte order mark; fmt puts it back, so that nothing
 * but numbers changes. */
static int
had_bom(const char *path)
{
	unsigned char b[3];
	FILE *f;
	int yes;

	if (!strcmp(path, "-") || !(f = fopen(path, "rb")))
		return 0;
	yes = fread(b, 1, 3, f) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
	fclose(f);
	return yes;
}

int
rb_cmd_fmt(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"renumber", no_argument, NULL, 'r'},
		{"fold-inserts", no_argument, NULL, 'f'},
		{"in-place", no_argument, NULL, 'i'},
		{"check", no_argument, NULL, 'c'},
		{"profile", required_argument, NULL, 'p'},
		{"from", required_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	rb_load_opts lo;
	rb_diags d, kept;
	int c, renumber = 0, fold = 0, inplace = 0, check = 0, status = 0, k;

	memset(&lo, 0, sizeof(lo));
	lo.threads = rb_cli_cpus();
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":ih", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': renumber = 1; break;
		case 'f': fold = 1; break;
		case 'i': inplace = 1; break;
		case 'c': check = 1; break;
		case 'p':
		case 'F':
			if (rb_cli_load_opt("fmt", c, optarg, &lo) != 0)
				return 2;
			break;
		case 'h':
			rb_cli_help("fmt", stdout);
			return 0;
		case ':':
			return rb_usage_error("fmt", "option '%s' needs a value", argv[optind - 1]);
		default:
			return rb_usage_error("fmt", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return rb_usage_error("fmt", "no input files");
	if (inplace && check)
		return rb_usage_error("fmt", "-i and --check exclude each other");
	if (fold && !renumber)
		return rb_usage_error("fmt", "--fold-inserts goes with --renumber");
	rb_diags_init(&kept);
	for (k = optind; k < argc; k++) {
		const char *path = argv[k];
		rb_document *doc;
		char *src = NULL;
		size_t len = 0;
		rb_buf out, conc;
		int changed, bom = 0;

		if (inplace && !strcmp(path, "-")) {
			status = rb_usage_error("fmt", "-i cannot edit standard input");
			break;
		}
		if (rb_source_format_of(path, &lo) == RB_SOURCE_TEXT) {
			status = rb_usage_error("fmt", "%s: plain text is not rewritten: run 'rulebook import' and format the Markdown",
						path);
			break;
		}
		if (!renumber && rb_source_format_of(path, &lo) != RB_SOURCE_MARKDOWN) {
			status = rb_usage_error("fmt", "%s: without --renumber fmt rewrites Markdown only", path);
			break;
		}
		rb_diags_init(&d);
		doc = rb_load_source(path, &lo, &src, &len, &d);
		if (doc && doc->root->kind == RB_BOOK) {
			rb_diag_report(&d, RB_D_INPUT_FORMAT, path, 0, 0,
				       "fmt rewrites one rulebook, not a handbook manifest: name its documents");
			rb_document_free(doc);
			doc = NULL;
		}
		if (doc)
			rb_run_passes(doc, &d);
		rb_buf_init(&out);
		rb_buf_init(&conc);
		if (!doc || d.errors) {
			/* nothing is written */
			keep(&kept, &d, 1);
			c = rb_cli_status(&d, 0);
			status = c > status ? c : status ? status : 1;
		} else {
			rb_diags edits;

			keep(&kept, &d, 1);
			rb_diags_init(&edits);
			bom = renumber && had_bom(path);
			if (bom)
				rb_buf_puts(&out, "\xEF\xBB\xBF");
			if (renumber)
				rb_renumber(doc, src, len, fold, &out, &conc, &edits);
			else if (rb_emit(rb_emitter_lookup("markdown"), doc, NULL, &out, &edits) != 0)
				status = 2;
			keep(&kept, &edits, 0);
			/* a renumbering refused (references it cannot carry
			 * over) leaves the source as it was */
			if (edits.errors)
				status = status ? status : 1;
			rb_diags_free(&edits);
			changed = out.len != len + 3 * bom || memcmp(out.data + 3 * bom, src, len) != 0;
			if (conc.len)
				fwrite(conc.data, 1, conc.len, stderr);
			if (check) {
				if (changed) {
					fprintf(stderr, "%s: %s\n", path, renumber ? "would be renumbered" :
						"is not in canonical form");
					status = status ? status : 1;
				}
			} else if (inplace) {
				if (changed && rb_write_output(path, out.data, out.len, &kept) != 0)
					status = 2;
			} else if (rb_write_output("-", out.data, out.len, &kept) != 0)
				status = 2;
		}
		rb_buf_free(&out);
		rb_buf_free(&conc);
		free(src);
		rb_document_free(doc);
		rb_diags_free(&d);
	}
	rb_cli_print_diags(&kept);
	rb_diags_free(&kept);
	return status;
}
