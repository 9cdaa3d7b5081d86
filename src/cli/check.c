/* rulebook check: the build without emitters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"

/* The files a document was read from: its own and a handbook's. */
char **
rb_cli_doc_files(const rb_document *doc, size_t *n)
{
	char **v;
	size_t k;

	*n = doc->ndocs + 1;
	v = rb_xcalloc(*n, sizeof(char *));
	for (k = 0; k < *n; k++)
		v[k] = rb_xstrdup(k == 0 ? doc->source : doc->docs[k - 1]->source);
	return v;
}

/* One input, its diagnostics filtered by its rules into d. */
static void
check_one(const rb_cli_opts *o, const char *input, const char *sub, rb_diags *d)
{
	char *root;
	rb_load_opts lo = o->load;
	rb_cli_rules rules;
	rb_document *doc;
	rb_diags mine;
	char **files;
	size_t nfiles;

	if (rb_cli_rules_for(o, input, &rules, d) < 0)
		return;
	if (rules.profile && !lo.default_profile)
		lo.default_profile = rules.profile;
	rb_diags_init(&mine);
	doc = rb_load_file(input, &lo, &mine);
	if (doc) {
		files = rb_cli_doc_files(doc, &nfiles);
		root = rb_cli_source_root(o, input, sub);
		if (rb_cli_confine(o, root, files, nfiles, &mine))
			rb_run_passes(doc, &mine);
		rb_cli_suppress(&rules, files, nfiles, &mine);
		rb_cli_free_files(files, nfiles);
		free(root);
	} else
		rb_cli_suppress(&rules, NULL, 0, &mine);
	rb_document_free(doc);
	rb_diags_move(d, &mine);
}

/* --fix: edit the files (or print the edits as a diff); the number of
 * edits.  Suppressed and baselined warnings are not fixed. */
static size_t
fix(const rb_cli_opts *o, rb_diags *d)
{
	rb_cli_sources src;
	rb_cli_fixes *fx;
	rb_diags w;
	rb_buf diff;
	size_t n, per[RB_FIX__COUNT] = {0};

	rb_cli_sources_init(&src);
	rb_diags_init(&w);
	rb_buf_init(&diff);
	rb_cli_baseline(o, d);
	fx = rb_cli_fixes_find(d, &src);
	n = rb_cli_fixes_count(fx, per);
	if (rb_cli_fixes_apply(fx, &src, o->dry_run, &diff, &w) != 0)
		rb_diags_move(d, &w);
	if (o->dry_run) {	/* the diff, then what is left to say */
		fwrite(diff.data, 1, diff.len, stdout);
		fflush(stdout);
	}
	if (getenv("RULEBOOK_FIX_COUNTS")) {	/* for measuring a corpus */
		int k;

		for (k = 0; k < RB_FIX__COUNT; k++)
			if (per[k])
				fprintf(stderr, "fix\t%s\t%zu\n", rb_cli_fix_kind_name((rb_cli_fix_kind)k), per[k]);
	}
	rb_buf_free(&diff);
	rb_cli_fixes_free(fx);
	rb_cli_sources_free(&src);
	return n;
}

int
rb_cmd_check(int argc, char **argv)
{
	rb_cli_opts o;
	rb_cli_walk walk;
	char **inputs, **subs;
	rb_diags d;
	int n, i, status;

	memset(&o, 0, sizeof(o));
	o.diagnostics = RB_CLI_DIAG_GCC;
	o.load.threads = rb_cli_cpus();
	status = rb_cli_parse("check", RB_OPT_DIAGNOSTICS | RB_OPT_SARIF | RB_OPT_WERROR |
			      RB_OPT_W | RB_OPT_CONFIG | RB_OPT_BASELINE | RB_OPT_BASELINE_WRITE |
			      RB_OPT_PROFILE | RB_OPT_FROM | RB_OPT_RULES | RB_OPT_TXT | RB_OPT_ROOT |
			      RB_OPT_ALLOW_OUTSIDE | RB_OPT_FIX | RB_OPT_DRY_RUN | RB_OPT_HELP,
			      argc, argv, &o);
	if (status != RB_CLI_RUN)
		return status;
	if (o.baseline && o.baseline_write)
		return rb_usage_error("check", "--baseline and --baseline-write exclude each other");
	if (o.sarif && !strcmp(o.sarif, "-") && o.diagnostics != RB_CLI_DIAG_GCC)
		return rb_usage_error("check", "--sarif - and --diagnostics would both write standard output");
	if (o.fix && o.baseline_write)
		return rb_usage_error("check", "--fix and --baseline-write exclude each other");
	if (o.dry_run && !o.fix)
		return rb_usage_error("check", "--dry-run goes with --fix");
	if (o.dry_run && o.diagnostics != RB_CLI_DIAG_GCC)
		return rb_usage_error("check", "--fix --dry-run prints the edits on standard output: "
				      "give the report with --sarif FILE");
	memset(&walk, 0, sizeof(walk));
	walk.txt = o.txt;
	inputs = rb_cli_expand(o.ninputs, o.inputs, &walk, &subs, &n);
	rb_diags_init(&d);
	if (n == 0)
		rb_diag_report(&d, RB_D_INPUT_UNREADABLE, o.inputs[0], 0, 0,
			       "no rulebook sources (.md, .markdown, .yaml, .yml%s) found",
			       o.txt ? ", .txt" : "");
	/* one document at a time: checking a large tree stays small */
	for (i = 0; i < n; i++)
		check_one(&o, inputs[i], subs[i], &d);
	if (o.fix && fix(&o, &d) > 0 && !o.dry_run) {
		/* what is left after the edits is what is reported */
		rb_diags_free(&d);
		rb_diags_init(&d);
		for (i = 0; i < n; i++)
			check_one(&o, inputs[i], subs[i], &d);
	}
	rb_cli_free_files(inputs, (size_t)n);
	rb_cli_free_files(subs, (size_t)n);
	rb_cli_free_rules();
	rb_cli_config_free();
	status = rb_cli_baseline(&o, &d);
	if (status == 0)
		status = rb_cli_status(&d, o.werror);
	if (rb_cli_report_diags(&o, &d, 1) != 0)
		status = 2;
	rb_diags_free(&d);
	return status;
}
