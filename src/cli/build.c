/* rulebook build: load, check, render, write atomically. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/buf.h"
#include "util.h"
#include "work.h"
#include "cli.h"

struct target {
	const rb_emitter *e;
	int doc;		/* index into inputs */
	char *path;
	rb_buf out;
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

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Create path and its missing parents; *made is the first directory
 * created (NULL when it all existed), for rmdir_up. */
static int
mkdir_p(const char *path, char **made, rb_diags *d)
{
	char *p = rb_xstrdup(path), *s;
	int ok = 1;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) == 0 && !*made)
				*made = rb_xstrdup(p);
			else if (errno != EEXIST && !is_dir(p)) {
				rb_diag_report(d, RB_D_OUTPUT_WRITE, p, 0, 0,
					       "cannot create the output directory: %s", strerror(errno));
				ok = 0;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	if (ok && !is_dir(path)) {
		rb_diag_report(d, RB_D_OUTPUT_WRITE, path, 0, 0,
			       "cannot use as output directory: not a directory");
		ok = 0;
	}
	free(p);
	return ok;
}

/* Remove the empty directories mkdir_p made, from path up to made. */
static void
rmdir_up(const char *path, const char *made)
{
	char *p = rb_xstrdup(path), *slash;
	size_t m = strlen(made), n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	while (strlen(p) >= m && rmdir(p) == 0 && strlen(p) > m &&
	       (slash = strrchr(p, '/')) != NULL && slash != p)
		*slash = '\0';
	free(p);
}

/* The input's file name without directory and extension. */
static char *
stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	char *s;

	base = base ? base + 1 : path;
	if (strcmp(path, "-") == 0)
		base = "stdin";
	dot = strrchr(base, '.');
	s = rb_xstrdup(base);
	if (dot && dot != base)
		s[dot - base] = '\0';
	return s;
}

/* The files of the build's sources, to refuse writing over one: each
 * source is looked at once (a rebuild of the corpus asked the file system
 * about every source for every output: 8,000 calls for 200 outputs). */
struct file_id {
	dev_t dev;
	ino_t ino;
	const char *name;
};

static struct file_id *
source_ids(char **src, size_t nsrc, size_t *n)
{
	struct file_id *ids = rb_xcalloc(nsrc + 1, sizeof(*ids));
	struct stat s;
	size_t k;

	*n = 0;
	for (k = 0; k < nsrc; k++)
		if (stat(src[k], &s) == 0) {
			ids[*n].dev = s.st_dev;
			ids[*n].ino = s.st_ino;
			ids[(*n)++].name = src[k];
		}
	return ids;
}

static int
overwrites_source(const char *path, const struct file_id *ids, size_t n, rb_diags *d)
{
	struct stat t;
	size_t k;

	if (strcmp(path, "-") == 0 || stat(path, &t) < 0 || !S_ISREG(t.st_mode))
		return 0;
	for (k = 0; k < n; k++)
		if (ids[k].dev == t.st_dev && ids[k].ino == t.st_ino) {
			rb_diag_report(d, RB_D_OUTPUT_WRITE, path, 0, 0,
				       "refusing to overwrite the input file %s", ids[k].name);
			return 1;
		}
	return 0;
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

struct build_opts {
	const char *out, *depfile, *template_dir, *formats;
	int werror, jobs, width, unsafe;
	int make_dir;		/* -o is a directory to create before writing */
	rb_load_opts load;
};

static int
parse_options(int argc, char **argv, struct build_opts *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"template", required_argument, NULL, 'T'},
		{"width", required_argument, NULL, 'w'},
		{"profile", required_argument, NULL, 'p'},
		{"werror", no_argument, NULL, 'W'},
		{"jobs", required_argument, NULL, 'j'},
		{"depfile", required_argument, NULL, 'D'},
		{"unsafe", no_argument, NULL, 'U'},
		{"from", required_argument, NULL, 'F'},
		{"rules", required_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->formats = optarg; break;
		case 'o': o->out = optarg; break;
		case 'T':
			if (!is_dir(optarg))
				return rb_usage_error("build", "--template '%s' is not a directory", optarg);
			o->template_dir = optarg;
			break;
		case 'w':
			if (!rb_parse_int(optarg, 20, 10000, &o->width))
				return rb_usage_error("build", "--width needs a number from 20 to 10000, not '%s'", optarg);
			break;
		case 'p':
		case 'R':
			if (rb_cli_rules("build", optarg, &o->load) != 0)
				return 2;
			break;
		case 'F':
			if (rb_cli_load_opt("build", c, optarg, &o->load) != 0)
				return 2;
			break;
		case 'W': o->werror = 1; break;
		case 'j':
			if (!rb_parse_int(optarg, 1, 1024, &o->jobs))
				return rb_usage_error("build", "-j needs a positive number, not '%s'", optarg);
			break;
		case 'D': o->depfile = optarg; break;
		case 'U': o->unsafe = 1; break;
		case 'h':
			rb_cli_help("build", stdout);
			exit(0);
		case ':':
			return rb_usage_error("build", "option '%s' needs a value", argv[optind - 1]);
		default:
			return rb_usage_error("build", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return rb_usage_error("build", "no input files");
	return 0;
}

/* Decide every output path; returns 0 or an exit status. */
static int
plan(struct build_opts *o, int n, char **inputs, const rb_emitter **fmts, int nf,
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
			     (one && !is_dir(o->out) && o->out[strlen(o->out) - 1] != '/'));
	for (i = 0; i < n; i++)
		for (j = 0; j < nf; j++, k++) {
			char *s = stem(inputs[i]);

			t[k].e = fmts[j];
			t[k].doc = i;
			rb_buf_init(&t[k].out);
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
	o->make_dir = o->out && !to_file;	/* created once there is output */
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

/* The dearest format of a large document may be rendered in parts
 * (rb_emit_part): the thread rendering it takes each part in its turn,
 * rendered there or, when a thread that was free took it first, put in
 * as that rendered it.  Many small parts, not one large one: a thread
 * slowed (its processor shared with another program) holds up the rest
 * by a part at most, not by the whole of its share. */
#define SPLIT_NODES 4096
#define MAX_PARTS 32

/* A part's output, in blocks of memory mapped ready (grown into, a
 * buffer of megabytes faulted a page at a time), each handed to the
 * thread waiting for it as it comes. */
struct part {
	struct formats *fs;
	struct part_block {
		char *data;
		size_t len, size;	/* size: mapped, whole 64 kB (kept for reuse) */
	} *b;
	size_t n, cap;
	rb_diags d;
	int res;
	enum { PART_OPEN, PART_RENDERING, PART_DONE, PART_INLINE } state;
};

static void
part_free(struct part *po)
{
	size_t i;

	for (i = 0; i < po->n; i++)
		rb_pages_free(po->b[i].data);
	free(po->b);
	rb_diags_free(&po->d);
}

struct formats {
	struct job *j;
	const rb_document *doc;
	rb_diags *d;
	int *res;
	int *order;		/* the tasks, dearest first: formats, then the parts */
	size_t next, ntasks;
	pthread_mutex_t lock;
	/* the split: format split_f's parts */
	int split_f;
	const rb_node *at[MAX_PARTS];
	struct part part[MAX_PARTS];
	size_t nparts;
	pthread_cond_t part_done;	/* a part has a block more or is done */
};

static int
part_sink(void *ctx, const char *data, size_t len)
{
	struct part *po = ctx;
	struct formats *fs = po->fs;
	size_t size = (len + 0xffff) & ~(size_t)0xffff;
	char *copy = rb_pages(size);

	memcpy(copy, data, len);
	pthread_mutex_lock(&fs->lock);
	if (po->n == po->cap) {
		po->cap = po->cap ? 2 * po->cap : 16;
		po->b = rb_xrealloc(po->b, po->cap * sizeof(*po->b));
	}
	po->b[po->n].data = copy;
	po->b[po->n].size = size;
	po->b[po->n++].len = len;
	pthread_cond_broadcast(&fs->part_done);
	pthread_mutex_unlock(&fs->lock);
	return 0;
}

static int fill_part(void *ctx, size_t i, rb_sink_fn sink, void *sink_ctx, rb_buf *out);

/* Render format f of doc and stage it; its diagnostics go to d.  With fs
 * and f its split format, the parts come from fill_part.  Returns 0, 1
 * when the emitter failed, 2 when the output could not be staged. */
static int
render(struct job *j, const rb_document *doc, int f, rb_diags *d, struct formats *fs)
{
	size_t slot = j->slot + (size_t)f;
	int to_file = rb_stage_open(slot, j->t[f].path, d), r;
	int split = fs && fs->nparts && fs->split_f == f;

	if (to_file < 0)
		return 2;
	r = rb_emit_stream_split(j->t[f].e, doc, j->emit, &j->t[f].out,
				 to_file ? rb_stage_sink : NULL, rb_stage_slot(slot),
				 split ? fs->at : NULL, split ? fs->nparts : 0,
				 split ? fill_part : NULL, fs, d);
	if (rb_stage_close(slot, &j->t[f].out, d) < 0)
		return 2;	/* a write failed: reported there */
	return r < 0 ? 2 : 0;	/* an output that cannot be written (SPEC §5) */
}

/* Render part i, unless a thread took it before (called and returning
 * with fs->lock held). */
static void
render_part(struct formats *fs, size_t i)
{
	struct part *po = &fs->part[i];
	rb_buf b;
	int r;

	if (po->state != PART_OPEN)
		return;
	po->state = PART_RENDERING;
	pthread_mutex_unlock(&fs->lock);
	rb_buf_init(&b);
	r = rb_emit_part(fs->j->t[fs->split_f].e, fs->doc, fs->j->emit, fs->at[i],
			 i + 1 < fs->nparts ? fs->at[i + 1] : NULL, &b, part_sink, po, &po->d);
	rb_buf_free(&b);
	pthread_mutex_lock(&fs->lock);
	po->res = r < 0 ? 1 : 0;
	po->state = PART_DONE;
	pthread_cond_broadcast(&fs->part_done);
}

/* Part i, from the thread that renders it (waiting for it: the others
 * take the parts from the last, so every later part is taken already), or
 * 0 when no thread took it: then it is rendered in its place. */
static int
fill_part(void *ctx, size_t i, rb_sink_fn sink, void *sink_ctx, rb_buf *out)
{
	struct formats *fs = ctx;
	struct part *po = &fs->part[i];
	size_t k = 0;
	int r = 0;

	pthread_mutex_lock(&fs->lock);
	if (po->state == PART_OPEN) {
		po->state = PART_INLINE;
		pthread_mutex_unlock(&fs->lock);
		return 0;
	}
	/* each block as it comes; a failed write stops the writing (the
	 * staged output remembers it) */
	for (;;) {
		struct part_block b;

		while (k == po->n && po->state != PART_DONE)
			pthread_cond_wait(&fs->part_done, &fs->lock);
		if (k == po->n)
			break;
		b = po->b[k++];
		pthread_mutex_unlock(&fs->lock);
		if (!sink)
			rb_buf_add(out, b.data, b.len);
		else if (r == 0)
			r = sink(sink_ctx, b.data, b.len);
		pthread_mutex_lock(&fs->lock);
	}
	pthread_mutex_unlock(&fs->lock);
	return 1;
}

static void *
format_worker(void *arg)
{
	struct formats *fs = arg;
	size_t f;

	while (rb_take_work(&fs->lock, &fs->next, fs->ntasks, &f)) {
		int k = fs->order[f];

		if (k >= fs->j->nf) {
			pthread_mutex_lock(&fs->lock);
			render_part(fs, (size_t)(k - fs->j->nf));
			pthread_mutex_unlock(&fs->lock);
		} else
			fs->res[k] = render(fs->j, fs->doc, k, &fs->d[k], fs);
	}
	return NULL;
}

/* Whether to render the dearest format in parts, and where: when it takes
 * longer than an even share of all the formats over the threads.  Its
 * thread renders it from the start, the parts in their places; the
 * threads done with the other formats take the parts from the last (the
 * 10,000-article law's HTML and DocBook on two threads: the HTML, then
 * DocBook's last parts, until the thread rendering DocBook comes to
 * them).  MAX_PARTS even parts: a part of DocBook there is about a
 * millisecond. */
static void
plan_split(struct formats *fs, int threads)
{
	const struct job *j = fs->j;
	unsigned total = 0, dear = 0;
	int f, nth = threads < j->nf + 1 ? threads : j->nf + 1;
	size_t k;

	fs->split_f = -1;
	fs->nparts = 0;
	for (f = 0; f < j->nf; f++) {
		total += j->t[f].e->cost;
		if (j->t[f].e->cost > dear) {
			dear = j->t[f].e->cost;
			fs->split_f = f;
		}
	}
	if (nth < 2 || fs->split_f < 0 || fs->doc->nnodes < SPLIT_NODES ||
	    (unsigned long)dear * (unsigned long)nth <= total)
		return;
	for (k = 1; k <= MAX_PARTS; k++) {
		const rb_node *at = rb_emit_split_point(j->t[fs->split_f].e, fs->doc,
							(double)k / (MAX_PARTS + 1));

		/* in the document's order, each once */
		if (at && (!fs->nparts || at->line > fs->at[fs->nparts - 1]->line))
			fs->at[fs->nparts++] = at;
	}
}

static void
render_all(struct job *j, const rb_document *doc)
{
	struct formats fs;
	pthread_t th[8];
	int f, i, started = 0, nth, threads = j->threads < 8 ? j->threads : 8;
	size_t k;

	memset(&fs, 0, sizeof(fs));
	fs.j = j;
	fs.doc = doc;
	if (threads > 1)
		plan_split(&fs, threads);
	fs.ntasks = (size_t)j->nf + fs.nparts;
	nth = threads < (int)fs.ntasks ? threads : (int)fs.ntasks;
	if (nth <= 1) {
		for (f = 0; f < j->nf && !j->failed; f++)
			j->failed = render(j, doc, f, &j->d, NULL);
		return;
	}
	fs.d = rb_xcalloc((size_t)j->nf, sizeof(rb_diags));
	fs.res = rb_xcalloc((size_t)j->nf, sizeof(int));
	fs.order = rb_xcalloc(fs.ntasks, sizeof(int));
	for (f = 0; f < j->nf; f++) {
		/* dearest first: the last to start are the quick ones, and the
		 * threads finish together (the output is the same in any order) */
		for (i = f; i > 0 && j->t[fs.order[i - 1]].e->cost < j->t[f].e->cost; i--)
			fs.order[i] = fs.order[i - 1];
		fs.order[i] = f;
		rb_diags_init(&fs.d[f]);
	}
	for (k = 0; k < fs.nparts; k++) {
		/* the parts, after the formats, from the last: the thread
		 * rendering the format goes through them from the first,
		 * in their places, until it meets the others */
		fs.order[(size_t)j->nf + k] = j->nf + (int)(fs.nparts - 1 - k);
		fs.part[k].fs = &fs;
		rb_diags_init(&fs.part[k].d);
	}
	if (fs.nparts)
		pthread_cond_init(&fs.part_done, NULL);
	pthread_mutex_init(&fs.lock, NULL);
	for (i = 1; i < nth; i++)
		if (pthread_create(&th[started], NULL, format_worker, &fs) == 0)
			started++;
	format_worker(&fs);	/* this thread too */
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&fs.lock);
	for (k = 0; k < fs.nparts; k++) {
		struct part *po = &fs.part[k];

		if (po->state == PART_DONE) {
			rb_diags_move(&fs.d[fs.split_f], &po->d);
			if (po->res > fs.res[fs.split_f])
				fs.res[fs.split_f] = po->res;
		}
		part_free(po);
	}
	if (fs.nparts)
		pthread_cond_destroy(&fs.part_done);
	for (f = 0; f < j->nf; f++) {
		rb_diags_move(&j->d, &fs.d[f]);
		rb_diags_free(&fs.d[f]);
		if (fs.res[f] > j->failed)
			j->failed = fs.res[f];
	}
	free(fs.d);
	free(fs.res);
	free(fs.order);
}

/* What the formats need loaded (libxml2): now, or on a thread of its own. */
static void
preload(const struct job *j, int now)
{
	int k;

	for (k = 0; k < j->nf; k++)
		if (j->t[k].e->preload)
			j->t[k].e->preload(now);
}

static void
preload_formats(void *ctx)
{
	preload(ctx, 0);
}

/* A regular file under 1 MB: read, parsed and checked in less time than
 * libxml2 takes to load, which on a thread beside them slowed them more
 * than it saved (a build of an 11 kB law 10.6 ms, 11.9 on a thread). */
static int
small_file(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_size < ((off_t)1 << 20);
}

/* Each output is staged as soon as it is rendered and the document is
 * freed after its last: a build holds one document and one output. */
static void
run_job(struct job *j)
{
	rb_load_opts lo = *j->load;
	rb_document *doc;
	size_t k;

	lo.threads = j->threads;	/* a large Markdown file is parsed in pieces */
	/* libxml2 loads while a large Markdown document's tree is built,
	 * past the memory's peak: beside the reading and the parse, which map
	 * memory as they go, and beside the numbering walk, the two got in
	 * each other's way */
	lo.parsed = preload_formats;
	lo.parsed_ctx = j;
	if (small_file(j->input))
		preload(j, 1);	/* at once, here: beside so little it is slower */
	RB_TRACE_AT("start");
	doc = rb_load_file(j->input, &lo, &j->d);
	RB_TRACE_AT("load");
	if (!doc)
		return;
	preload(j, 0);	/* not Markdown: now (a second call does nothing) */
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

struct pool {
	struct job *jobs;
	size_t n, next;
	pthread_mutex_t lock;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while (rb_take_work(&p->lock, &p->next, p->n, &i))
		run_job(&p->jobs[i]);
	return NULL;
}

/* Build the n inputs, -j at a time, staging their outputs; src receives
 * the source files and d the diagnostics, in input order.  Returns the
 * exit status so far: 1 when an emitter failed, 2 when an output could
 * not be staged, else 0. */
static int
run_jobs(const struct build_opts *o, int n, char **inputs, int nf, struct target *t,
	 char ***src, size_t *nsrc, const rb_emit_opts *eo, rb_diags *d)
{
	struct job *jobs = rb_xcalloc((size_t)n + 1, sizeof(*jobs));
	struct pool p;
	pthread_t th[64];
	int i, nth = o->jobs < n ? o->jobs : n, started = 0, failed = 0, per;

	if (nth > 64)
		nth = 64;
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
	p.jobs = jobs;
	p.n = n;
	p.next = 0;
	if (nth > 1) {
		pthread_mutex_init(&p.lock, NULL);
		for (i = 0; i < nth; i++)
			if (pthread_create(&th[i], NULL, worker, &p) == 0)
				started++;
		for (i = 0; i < started; i++)
			pthread_join(th[i], NULL);
		pthread_mutex_destroy(&p.lock);
	}
	for (i = 0; i < n; i++) {
		size_t k;

		if (!started)
			run_job(&jobs[i]);	/* -j 1, or no thread could start */
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

int
rb_cmd_build(int argc, char **argv)
{
	struct build_opts o;
	const rb_emitter *fmts[16];
	struct target *t = NULL;
	char **src = NULL, *made = NULL;
	struct file_id *ids = NULL;
	size_t nsrc = 0, nids = 0, k;
	int staging = 0, made_kept = 0;
	rb_emit_opts eo;
	rb_diags d;
	char *page = NULL, *css = NULL;
	int nf = 0, n, nt = 0, i, status;
	const rb_emitter *const *all = rb_emitters();

	memset(&o, 0, sizeof(o));
	o.jobs = rb_cli_cpus();
	if ((status = parse_options(argc, argv, &o)) != 0)
		return status;
	if (o.formats) {
		if (!split_formats(o.formats, fmts, &nf))
			return 2;
	} else
		for (i = 0; all[i]; i++)
			if (all[i]->is_default)
				fmts[nf++] = all[i];
	n = argc - optind;
	rb_diags_init(&d);
	rb_cli_signals();
	t = rb_xcalloc((size_t)(n * nf), sizeof(*t));
	if ((status = plan(&o, n, argv + optind, fmts, nf, t)) != 0)
		goto done;
	memset(&eo, 0, sizeof(eo));
	eo.width = o.width;
	eo.unsafe = o.unsafe;
	eo.template_dir = o.template_dir;
	if (o.template_dir && load_template(o.template_dir, &page, &css, &d) != 0) {
		status = 2;
		goto done;
	}
	eo.page = page;
	eo.css = css;
	nt = n * nf;
	/* the outputs are staged beside their targets as they are rendered:
	 * the directory comes first, and goes again if the build fails */
	if (o.make_dir && !mkdir_p(o.out, &made, &d)) {
		status = 2;
		goto done;
	}
	rb_stage_begin((size_t)nt);
	staging = 1;
	status = run_jobs(&o, n, argv + optind, nf, t, &src, &nsrc, &eo, &d);
	if (status == 0)
		status = rb_cli_status(&d, o.werror);
	if (status != 0)
		goto done;
	ids = source_ids(src, nsrc, &nids);
	for (i = 0; i < nt; i++)
		if (overwrites_source(t[i].path, ids, nids, &d)) {
			status = 2;
			goto done;
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
		rmdir_up(o.out, made);
	free(made);
	free(ids);
	rb_cli_print_diags(&d);
	for (i = 0; i < n * nf; i++) {
		free(t[i].path);
		rb_buf_free(&t[i].out);
	}
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
