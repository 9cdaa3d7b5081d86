/* rulebook fmt: rewrite sources — canonical Markdown, or (--renumber) the
 * source with its numbers made consecutive and its references following. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"
#include "i18n.h"

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
	rb_cli_opts o;
	rb_load_opts *lo = &o.load;
	rb_diags d, kept;
	int c, status, k;

	memset(&o, 0, sizeof(o));
	o.load.threads = rb_cli_cpus();
	status = rb_cli_parse("fmt", RB_OPT_RENUMBER | RB_OPT_FOLD_INSERTS | RB_OPT_IN_PLACE |
			      RB_OPT_CHECK | RB_OPT_PROFILE | RB_OPT_FROM | RB_OPT_HELP, argc, argv, &o);
	if (status != RB_CLI_RUN)
		return status;
	status = 0;
	if (o.in_place && o.check)
		return rb_usage_error("fmt", "-i and --check exclude each other");
	if (o.fold_inserts && !o.renumber)
		return rb_usage_error("fmt", "--fold-inserts goes with --renumber");
	rb_diags_init(&kept);
	for (k = 0; k < o.ninputs; k++) {
		const char *path = o.inputs[k];
		rb_document *doc;
		char *src = NULL;
		size_t len = 0;
		rb_buf out, conc;
		rb_cli_rules rules;
		rb_load_opts load;
		int changed, bom = 0, have_rules, i;

		if (o.in_place && !strcmp(path, "-")) {
			status = rb_usage_error("fmt", "-i cannot edit standard input");
			break;
		}
		if (rb_source_format_of(path, lo) == RB_SOURCE_TEXT) {
			status = rb_usage_error("fmt", "%s: plain text is not rewritten: run 'rulebook import' and format the Markdown",
						path);
			break;
		}
		if (!o.renumber && rb_source_format_of(path, lo) != RB_SOURCE_MARKDOWN) {
			status = rb_usage_error("fmt", "%s: without --renumber fmt rewrites Markdown only", path);
			break;
		}
		rb_diags_init(&d);
		/* the project's rules: its default profile, and what it or the
		 * source silences fmt does not say either (what they make
		 * errors stays warnings: fmt changes no content) */
		have_rules = rb_cli_rules_for(&o, path, &rules, &d) == 0;
		for (i = 0; have_rules && i < RB_D__COUNT; i++)
			if (rules.level[i] == RB_LEVEL_ERROR)
				rules.level[i] = RB_LEVEL_ON;
		load = *lo;
		if (have_rules && rules.profile && !load.default_profile)
			load.default_profile = rules.profile;
		/* a broken rulebook.yaml (said once) formats none of its files */
		doc = have_rules ? rb_load_source(path, &load, &src, &len, &d) : NULL;
		if (doc && doc->root->kind == RB_BOOK) {
			rb_diag_report(&d, RB_D_INPUT_FORMAT, path, 0, 0,
				       "fmt rewrites one rulebook, not a handbook manifest: name its documents");
			rb_document_free(doc);
			doc = NULL;
		}
		if (doc) {
			rb_run_passes(doc, &d);
			rb_cli_suppress_doc(&rules, doc, &d);
		}
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
			bom = o.renumber && had_bom(path);
			if (bom)
				rb_buf_puts(&out, "\xEF\xBB\xBF");
			if (o.renumber)
				rb_renumber(doc, src, len, o.fold_inserts, &out, &conc, &edits);
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
			if (o.check) {
				if (changed) {
					fprintf(stderr, o.renumber ? rb_tr("%s: would be renumbered\n") :
								     rb_tr("%s: is not in canonical form\n"), path);
					status = status ? status : 1;
				}
			} else if (o.in_place) {
				if (changed && rb_replace_file(path, out.data, out.len, &kept) != 0)
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
	rb_cli_free_rules();
	rb_cli_config_free();
	return status;
}
