/* rulebook build: load, check, render, write atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "util.h"
#include "cli.h"
#include "pool.h"

typedef rb_build_target target;

/* --template DIR: DIR/page.html (its {{slots}}: lang, title, css,
 * titlepage, toc, body) and, when present, DIR/style.css. */
static int
load_template(const rb_cli_opts *o, const char *dir, char **page, char **css, rb_diags *d)
{
	rb_buf p;
	size_t len;
	struct stat st;

	rb_buf_init(&p);
	rb_buf_printf(&p, "%s/page.html", dir);
	if (!rb_cli_confine_option(o, dir, p.data, d)) {
		rb_buf_free(&p);
		return -1;
	}
	*page = rb_read_file(p.data, &len, d);
	rb_buf_reset(&p);
	rb_buf_printf(&p, "%s/style.css", dir);
	if (*page && stat(p.data, &st) == 0 && rb_cli_confine_option(o, dir, p.data, d))
		*css = rb_read_file(p.data, &len, d);
	rb_buf_free(&p);
	return *page && (*css || d->errors == 0) ? 0 : -1;
}

/* One document: load it, run the passes, render every format.  Each job
 * has its own diagnostics, merged in input order afterwards, so output
 * does not depend on -j. */
struct job {
	const char *input;
	char *root;		/* the tree its files must be inside */
	rb_load_opts load;	/* the command line's, with the project's profile */
	rb_cli_rules rules;	/* which diagnostics are reported */
	const rb_cli_opts *opts;
	int skip;		/* its project file is unusable */
	const rb_emit_opts *emit;
	target *t;	/* the document's nf targets */
	size_t slot;		/* the staging slot of t[0] */
	int nf;
	char **src;		/* the document's source files */
	size_t nsrc;
	rb_diags d;
	int failed;		/* 1 an emitter failed, 2 an output could not be staged */
	int threads;		/* its threads: pieces parsed, formats rendered */
};

/* Where a target's output goes: its staging slot, written as it grows,
 * or (stdout, a device) kept until the commit. */
struct staged_target {
	size_t slot;
	const char *path;
};

static int
stage_open(void *ctx, rb_diags *d)
{
	const struct staged_target *st = ctx;

	return rb_stage_open(st->slot, st->path, d);
}

static int
stage_write(void *ctx, const char *data, size_t len)
{
	const struct staged_target *st = ctx;

	return rb_stage_sink(rb_stage_slot(st->slot), data, len);
}

static int
stage_close(void *ctx, rb_buf *rest, rb_diags *d)
{
	const struct staged_target *st = ctx;

	return rb_stage_close(st->slot, rest, d);
}

static void
render_all(struct job *j, const rb_document *doc)
{
	const rb_emitter **fmts = rb_xcalloc((size_t)j->nf, sizeof(*fmts));
	rb_emit_sink *sinks = rb_xcalloc((size_t)j->nf, sizeof(*sinks));
	struct staged_target *st = rb_xcalloc((size_t)j->nf, sizeof(*st));
	int f;

	for (f = 0; f < j->nf; f++) {
		fmts[f] = j->t[f].e;
		st[f].slot = j->slot + (size_t)f;
		st[f].path = j->t[f].path;
		sinks[f].open = stage_open;
		sinks[f].write = stage_write;
		sinks[f].close = stage_close;
		sinks[f].ctx = &st[f];
	}
	j->failed = rb_emit_formats(doc, j->emit, fmts, sinks, j->nf, j->threads, &j->d);
	free(fmts);
	free(sinks);
	free(st);
}

/* Each output is staged as soon as it is rendered and the document is
 * freed after its last: a build holds one document and one output. */
static void
run_job(void *ctx, size_t i)
{
	struct job *j = (struct job *)ctx + i;
	rb_load_opts lo = j->load;
	rb_document *doc;

	if (j->skip)
		return;
	lo.threads = j->threads;	/* a large Markdown file is parsed in pieces */
	RB_TRACE_AT("start");
	doc = rb_load_file(j->input, &lo, &j->d);
	RB_TRACE_AT("load");
	if (!doc) {
		rb_cli_suppress(&j->rules, NULL, 0, &j->d);
		return;
	}
	j->src = rb_cli_doc_files(doc, &j->nsrc);
	if (!rb_cli_confine(j->opts, j->root, j->src, j->nsrc, &j->d)) {
		rb_document_free(doc);
		return;
	}
	rb_run_passes(doc, &j->d);
	rb_cli_suppress(&j->rules, j->src, j->nsrc, &j->d);
	RB_TRACE_AT("passes");
	if (!j->d.errors)
		render_all(j, doc);
	RB_TRACE_AT("render");
	rb_document_free(doc);
	RB_TRACE_AT("free");
}

/* Build the n inputs, -j at a time, staging their outputs; src receives
 * the source files and d the diagnostics, in input order.  Returns the
 * exit status so far: 1 when an emitter failed, 2 when an output could
 * not be staged, else 0. */
static int
run_jobs(const rb_cli_opts *o, int n, char **inputs, char **subs, int nf, target *t,
	 char ***src, size_t *nsrc, const rb_emit_opts *eo, rb_diags *d)
{
	struct job *jobs = rb_xcalloc((size_t)n + 1, sizeof(*jobs));
	int i, nth = o->jobs < n ? o->jobs : n, failed = 0, per;

	per = nth > 0 ? o->jobs / nth : 1;	/* threads left for the formats of each */
	for (i = 0; i < n; i++) {
		jobs[i].input = inputs[i];
		jobs[i].root = rb_cli_source_root(o, inputs[i], subs[i]);
		jobs[i].opts = o;
		jobs[i].load = o->load;
		/* the project files are read here, once each, before the threads */
		jobs[i].skip = rb_cli_rules_for(o, inputs[i], &jobs[i].rules, d) < 0;
		if (jobs[i].rules.profile && !jobs[i].load.default_profile)
			jobs[i].load.default_profile = jobs[i].rules.profile;
		jobs[i].emit = eo;
		jobs[i].t = t + (size_t)i * (size_t)nf;
		jobs[i].slot = (size_t)i * (size_t)nf;
		jobs[i].nf = nf;
		jobs[i].threads = per > 1 ? per : 1;
		rb_diags_init(&jobs[i].d);
	}
	rb_pool_size(o->jobs);
	rb_pool_run(nth, (size_t)n, run_job, jobs);
	for (i = 0; i < n; i++) {
		size_t k;

		*src = rb_xrealloc(*src, (*nsrc + jobs[i].nsrc + 1) * sizeof(char *));
		for (k = 0; k < jobs[i].nsrc; k++)
			(*src)[(*nsrc)++] = jobs[i].src[k];
		free(jobs[i].src);
		free(jobs[i].root);
		rb_diags_move(d, &jobs[i].d);
		if (jobs[i].failed > failed)
			failed = jobs[i].failed;
	}
	free(jobs);
	return failed;
}

/* --split: each input's HTML as a site, in the folder its page would
 * have been written as (OUT/STEM.html -> OUT/STEM/). */
static int
build_sites(rb_cli_opts *o, const rb_emitter **fmts, int nf)
{
	target *t;
	rb_emit_opts eo;
	rb_diags d;
	char *page = NULL, *css = NULL;
	int i, make_dir = 0, status = 0, s;

	if (nf != 1 || strcmp(fmts[0]->name, "html")) {
		rb_cli_free_rules();
		return rb_usage_error("build", "--split goes with -f html alone");
	}
	if (o->out && !strcmp(o->out, "-")) {
		rb_cli_free_rules();
		return rb_usage_error("build", "--split writes a folder, not standard output");
	}
	rb_diags_init(&d);
	rb_cli_signals();
	t = rb_xcalloc((size_t)o->ninputs, sizeof(*t));
	memset(&eo, 0, sizeof(eo));
	eo.width = o->width;
	eo.unsafe = o->unsafe;
	if ((status = rb_build_plan(o, &make_dir, o->ninputs, o->inputs, NULL, fmts, 1, t)) == 0 &&
	    o->template_dir && load_template(o, o->template_dir, &page, &css, &d) != 0)
		status = 2;
	eo.page = page;
	eo.css = css;
	for (i = 0; status == 0 && i < o->ninputs; i++) {
		size_t len = strlen(t[i].path);

		if (len > 5 && !strcmp(t[i].path + len - 5, ".html"))
			t[i].path[len - 5] = '\0';
		s = rb_build_site(o->inputs[i], t[i].path, &o->load, &eo, o->werror, &d);
		if (s > status)
			status = s;
	}
	rb_cli_free_rules();
	if (status == 0)
		status = rb_cli_status(&d, o->werror);
	if (rb_cli_report_diags(o, &d, 0) != 0)
		status = 2;
	for (i = 0; i < o->ninputs; i++)
		free(t[i].path);
	free(t);
	rb_diags_free(&d);
	free(page);
	free(css);
	return status;
}

int
rb_cmd_build(int argc, char **argv)
{
	rb_cli_opts o;
	const rb_emitter *fmts[16];
	target *t = NULL;
	char **src = NULL, *made = NULL, **inputs = NULL, **subs = NULL;
	rb_build_made folders = {NULL, 0};
	rb_cli_walk walk;
	struct stat ost;
	rb_file_ids ids;
	size_t nsrc = 0, k;
	int staging = 0, made_kept = 0, make_dir = 0;
	rb_emit_opts eo;
	rb_diags d;
	char *page = NULL, *css = NULL;
	int nf = 0, n, nt = 0, i, status;
	const rb_emitter *const *all = rb_emitters();

	memset(&o, 0, sizeof(o));
	memset(&ids, 0, sizeof(ids));
	o.jobs = rb_cli_cpus();
	status = rb_cli_parse("build", RB_OPT_FORMAT | RB_OPT_OUTPUT | RB_OPT_TEMPLATE |
			      RB_OPT_WIDTH | RB_OPT_PROFILE | RB_OPT_WERROR | RB_OPT_JOBS |
			      RB_OPT_DEPFILE | RB_OPT_UNSAFE | RB_OPT_FROM | RB_OPT_RULES |
			      RB_OPT_DIAGNOSTICS | RB_OPT_SARIF | RB_OPT_W | RB_OPT_CONFIG |
			      RB_OPT_BASELINE | RB_OPT_TXT | RB_OPT_ROOT |
			      RB_OPT_ALLOW_OUTSIDE | RB_OPT_HELP | RB_OPT_REFERENCE_DOC | RB_OPT_SPLIT, argc, argv, &o);
	if (status != RB_CLI_RUN) {
		rb_cli_free_rules();
		return status;
	}
	if (o.sarif && !strcmp(o.sarif, "-") && o.out && !strcmp(o.out, "-")) {
		rb_cli_free_rules();
		return rb_usage_error("build", "--sarif - and -o - would both write standard output");
	}
	if (o.formats) {
		if (!rb_build_formats(o.formats, fmts, &nf)) {
			rb_cli_free_rules();
			return 2;
		}
	} else
		for (i = 0; all[i]; i++)
			if (all[i]->is_default)
				fmts[nf++] = all[i];
	if (o.split)
		return build_sites(&o, fmts, nf);
	/* a directory stands for the sources below it, but not for the
	 * outputs of an earlier build into a folder inside it */
	memset(&walk, 0, sizeof(walk));
	walk.txt = o.txt;
	if (o.out && strcmp(o.out, "-") && stat(o.out, &ost) == 0 && S_ISDIR(ost.st_mode)) {
		walk.skip = 1;
		walk.skip_dev = ost.st_dev;
		walk.skip_ino = ost.st_ino;
	}
	inputs = rb_cli_expand(o.ninputs, o.inputs, &walk, &subs, &n);
	rb_diags_init(&d);
	rb_cli_signals();
	if (n == 0) {
		rb_diag_report(&d, RB_D_INPUT_UNREADABLE, o.inputs[0], 0, 0,
			       "no rulebook sources (.md, .markdown, .yaml, .yml%s) found",
			       o.txt ? ", .txt" : "");
		status = 2;
		goto done;
	}
	t = rb_xcalloc((size_t)(n * nf), sizeof(*t));
	if ((status = rb_build_plan(&o, &make_dir, n, inputs, subs, fmts, nf, t)) != 0)
		goto done;
	memset(&eo, 0, sizeof(eo));
	eo.width = o.width;
	eo.unsafe = o.unsafe;
	eo.template_dir = o.template_dir;
	eo.reference_doc = o.reference_doc;
	if (o.template_dir && load_template(&o, o.template_dir, &page, &css, &d) != 0) {
		status = 2;
		goto done;
	}
	eo.page = page;
	eo.css = css;
	nt = n * nf;
	/* the outputs are staged beside their targets as they are rendered:
	 * the directory comes first, and goes again if the build fails */
	if (make_dir && (!rb_mkdir_p(o.out, &made, &d) ||
			 !rb_build_folders(o.out, subs, n, &folders, &d))) {
		status = 2;
		goto done;
	}
	rb_stage_begin((size_t)nt);
	staging = 1;
	status = run_jobs(&o, n, inputs, subs, nf, t, &src, &nsrc, &eo, &d);
	if (status == 0)
		status = rb_cli_baseline(&o, &d);
	if (status == 0)
		status = rb_cli_status(&d, o.werror);
	if (status != 0)
		goto done;
	rb_file_ids_of(&ids, src, nsrc);
	for (i = 0; i < nt; i++) {
		const char *input = rb_file_ids_find(&ids, t[i].path, 1);

		if (input) {
			rb_diag_report(&d, RB_D_OUTPUT_WRITE, t[i].path, 0, 0,
				       "refusing to overwrite the input file %s", input);
			status = 2;
			goto done;
		}
	}
	RB_TRACE_AT("jobs");
	if (rb_stage_commit(&d) < 0) {
		status = 2;
		goto done;
	}
	RB_TRACE_AT("commit");
	made_kept = 1;
	if (o.depfile && rb_build_depfile(o.depfile, t, nt, src, nsrc, &d) < 0)
		status = 2;
	else
		status = rb_cli_status(&d, o.werror);
done:
	if (staging)
		rb_stage_end();
	rb_build_folders_end(&folders, made_kept);
	if (made && !made_kept)
		rb_rmdir_made(o.out, made);
	free(made);
	rb_file_ids_free(&ids);
	rb_cli_free_rules();
	rb_cli_config_free();
	if (rb_cli_report_diags(&o, &d, 0) != 0)
		status = 2;
	for (i = 0; t && i < n * nf; i++)
		free(t[i].path);
	free(t);
	rb_cli_free_files(inputs, (size_t)n);
	rb_cli_free_files(subs, (size_t)n);
	for (k = 0; k < nsrc; k++)
		free(src[k]);
	free(src);
	RB_TRACE_AT("cleanup");
	rb_diags_free(&d);
	free(page);
	free(css);
	return status;
}
