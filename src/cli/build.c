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

struct target {
	const rb_emitter *e;
	int doc;		/* index into inputs */
	char *path;
};

static int
split_formats(const char *list, const rb_emitter **fmts, int *n)
{
	char *copy = rb_xstrdup(list), *tok, *save = NULL;
	int ok = 1, i;

	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const rb_emitter *e = rb_emitter_lookup(tok);

		if (!e) {
			rb_buf names;
			const rb_emitter *const *all = rb_emitters();

			rb_buf_init(&names);
			for (i = 0; all[i]; i++)
				rb_buf_printf(&names, "%s%s", i ? ", " : "", all[i]->name);
			rb_usage_error("build", "unknown format '%s' (available: %s)", tok, names.data);
			rb_buf_free(&names);
			ok = 0;
			break;
		}
		for (i = 0; i < *n; i++)
			if (fmts[i] == e)
				break;
		if (i == *n && *n < 16)
			fmts[(*n)++] = e;
	}
	free(copy);
	if (ok && *n == 0) {
		rb_usage_error("build", "no format given to -f");
		ok = 0;
	}
	return ok;
}

static void
dep_escape(rb_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '#' || *s == '\\')
			rb_buf_putc(b, '\\');
		if (*s == '$')
			rb_buf_putc(b, '$');
		rb_buf_putc(b, *s);
	}
}

static int
write_depfile(const char *depfile, struct target *t, int nt, char **src, size_t nsrc,
	      rb_diags *d)
{
	rb_buf b;
	int i, r;
	size_t k;

	rb_buf_init(&b);
	for (i = 0; i < nt; i++) {
		if (i)
			rb_buf_putc(&b, ' ');
		dep_escape(&b, t[i].path);
	}
	rb_buf_putc(&b, ':');
	for (k = 0; k < nsrc; k++) {
		rb_buf_putc(&b, ' ');
		dep_escape(&b, src[k]);
	}
	rb_buf_putc(&b, '\n');
	r = rb_write_output(depfile, b.data, b.len, d);
	rb_buf_free(&b);
	return r;
}

/* Decide every output path; returns 0 or an exit status. */
static int
plan(rb_cli_opts *o, int *make_dir, int n, char **inputs, const rb_emitter **fmts, int nf,
     struct target *t)
{
	int one = n == 1 && nf == 1, i, j, k = 0, to_file;
	const char *dir = o->out ? o->out : ".";

	if (o->out && !strcmp(o->out, "-") && !one)
		return rb_usage_error("build", "-o - needs exactly one input and one format");
	if (!o->out && one && !strcmp(inputs[0], "-"))
		o->out = "-";
	/* -o names a file for one input and one format, unless it is a
	 * directory or ends with a slash; "-" is stdout */
	to_file = o->out && (!strcmp(o->out, "-") ||
			     (one && !rb_path_is_dir(o->out) && o->out[strlen(o->out) - 1] != '/'));
	for (i = 0; i < n; i++)
		for (j = 0; j < nf; j++, k++) {
			char *s = rb_path_stem(inputs[i]);

			t[k].e = fmts[j];
			t[k].doc = i;
			if (to_file)
				t[k].path = rb_xstrdup(o->out);
			else {
				rb_buf p;

				rb_buf_init(&p);
				rb_buf_printf(&p, "%s%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
					      s, fmts[j]->ext);
				t[k].path = rb_buf_detach(&p);
			}
			free(s);
		}
	for (i = 0; i < k; i++)
		for (j = 0; j < i; j++)
			if (strcmp(t[i].path, "-") && !strcmp(t[i].path, t[j].path))
				return rb_usage_error("build", "'%s' and '%s' would both write %s",
						      inputs[t[j].doc], inputs[t[i].doc], t[i].path);
	*make_dir = o->out && !to_file;	/* created once there is output */
	return 0;
}

/* --template DIR: DIR/page.html (its {{slots}}: lang, title, css,
 * titlepage, toc, body) and, when present, DIR/style.css. */
static int
load_template(const char *dir, char **page, char **css, rb_diags *d)
{
	rb_buf p;
	size_t len;
	struct stat st;

	rb_buf_init(&p);
	rb_buf_printf(&p, "%s/page.html", dir);
	*page = rb_read_file(p.data, &len, d);
	rb_buf_reset(&p);
	rb_buf_printf(&p, "%s/style.css", dir);
	if (*page && stat(p.data, &st) == 0)
		*css = rb_read_file(p.data, &len, d);
	rb_buf_free(&p);
	return *page && (*css || d->errors == 0) ? 0 : -1;
}

/* One document: load it, run the passes, render every format.  Each job
 * has its own diagnostics, merged in input order afterwards, so output
 * does not depend on -j. */
struct job {
	const char *input;
	const rb_load_opts *load;
	const rb_emit_opts *emit;
	struct target *t;	/* the document's nf targets */
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
	rb_load_opts lo = *j->load;
	rb_document *doc;
	size_t k;

	lo.threads = j->threads;	/* a large Markdown file is parsed in pieces */
	RB_TRACE_AT("start");
	doc = rb_load_file(j->input, &lo, &j->d);
	RB_TRACE_AT("load");
	if (!doc)
		return;
	j->nsrc = doc->ndocs + 1;
	j->src = rb_xcalloc(j->nsrc, sizeof(char *));
	for (k = 0; k < j->nsrc; k++)
		j->src[k] = rb_xstrdup(k == 0 ? doc->source : doc->docs[k - 1]->source);
	rb_run_passes(doc, &j->d);
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
run_jobs(const rb_cli_opts *o, int n, char **inputs, int nf, struct target *t,
	 char ***src, size_t *nsrc, const rb_emit_opts *eo, rb_diags *d)
{
	struct job *jobs = rb_xcalloc((size_t)n + 1, sizeof(*jobs));
	int i, nth = o->jobs < n ? o->jobs : n, failed = 0, per;

	per = nth > 0 ? o->jobs / nth : 1;	/* threads left for the formats of each */
	for (i = 0; i < n; i++) {
		jobs[i].input = inputs[i];
		jobs[i].load = &o->load;
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
	struct target *t;
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
	if ((status = plan(o, &make_dir, o->ninputs, o->inputs, fmts, 1, t)) == 0 &&
	    o->template_dir && load_template(o->template_dir, &page, &css, &d) != 0)
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
	rb_cli_print_diags(&d);
	if (status == 0)
		status = rb_cli_status(&d, o->werror);
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
	struct target *t = NULL;
	char **src = NULL, *made = NULL;
	rb_file_ids ids = {NULL, 0};
	size_t nsrc = 0, k;
	int staging = 0, made_kept = 0, make_dir = 0;
	rb_emit_opts eo;
	rb_diags d;
	char *page = NULL, *css = NULL;
	int nf = 0, n, nt = 0, i, status;
	const rb_emitter *const *all = rb_emitters();

	memset(&o, 0, sizeof(o));
	o.jobs = rb_cli_cpus();
	status = rb_cli_parse("build", RB_OPT_FORMAT | RB_OPT_OUTPUT | RB_OPT_TEMPLATE |
			      RB_OPT_WIDTH | RB_OPT_PROFILE | RB_OPT_WERROR | RB_OPT_JOBS |
			      RB_OPT_DEPFILE | RB_OPT_UNSAFE | RB_OPT_FROM | RB_OPT_RULES |
			      RB_OPT_HELP | RB_OPT_REFERENCE_DOC | RB_OPT_SPLIT, argc, argv, &o);
	if (status != RB_CLI_RUN) {
		rb_cli_free_rules();
		return status;
	}
	if (o.formats) {
		if (!split_formats(o.formats, fmts, &nf)) {
			rb_cli_free_rules();
			return 2;
		}
	} else
		for (i = 0; all[i]; i++)
			if (all[i]->is_default)
				fmts[nf++] = all[i];
	if (o.split)
		return build_sites(&o, fmts, nf);
	n = o.ninputs;
	rb_diags_init(&d);
	rb_cli_signals();
	t = rb_xcalloc((size_t)(n * nf), sizeof(*t));
	if ((status = plan(&o, &make_dir, n, o.inputs, fmts, nf, t)) != 0)
		goto done;
	memset(&eo, 0, sizeof(eo));
	eo.width = o.width;
	eo.unsafe = o.unsafe;
	eo.template_dir = o.template_dir;
	eo.reference_doc = o.reference_doc;
	if (o.template_dir && load_template(o.template_dir, &page, &css, &d) != 0) {
		status = 2;
		goto done;
	}
	eo.page = page;
	eo.css = css;
	nt = n * nf;
	/* the outputs are staged beside their targets as they are rendered:
	 * the directory comes first, and goes again if the build fails */
	if (make_dir && !rb_mkdir_p(o.out, &made, &d)) {
		status = 2;
		goto done;
	}
	rb_stage_begin((size_t)nt);
	staging = 1;
	status = run_jobs(&o, n, o.inputs, nf, t, &src, &nsrc, &eo, &d);
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
	if (o.depfile && write_depfile(o.depfile, t, nt, src, nsrc, &d) < 0)
		status = 2;
	else
		status = rb_cli_status(&d, o.werror);
done:
	if (staging)
		rb_stage_end();
	if (made && !made_kept)
		rb_rmdir_made(o.out, made);
	free(made);
	rb_file_ids_free(&ids);
	rb_cli_free_rules();
	rb_cli_print_diags(&d);
	for (i = 0; i < n * nf; i++)
		free(t[i].path);
	free(t);
	for (k = 0; k < nsrc; k++)
		free(src[k]);
	free(src);
	RB_TRACE_AT("cleanup");
	rb_diags_free(&d);
	free(page);
	free(css);
	return status;
}
