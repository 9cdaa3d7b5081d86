/* What a build will write: the formats, each output's path (folders
 * below a directory operand mirrored under -o), the folders to make, and
 * the make dependencies.  Every step is one pass over the outputs with a
 * hash map, so a tree of 100,000 sources plans in linear time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "cli.h"

int
rb_build_formats(const char *list, const rb_emitter **fmts, int *n)
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

/* outputs: sources, then (as gcc -MP) each source a phony target of its
 * own, so make does not fail when a source leaves the manifest */
int
rb_build_depfile(const char *depfile, const rb_build_target *t, int nt, char **src, size_t nsrc,
		 rb_diags *d)
{
	rb_strset seen;
	rb_buf b;
	int i, r;
	size_t k;

	rb_buf_init(&b);
	rb_strset_init(&seen);
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
	for (k = 0; k < nsrc; k++)
		if (rb_strset_add(&seen, src[k])) {
			rb_buf_putc(&b, '\n');
			dep_escape(&b, src[k]);
			rb_buf_puts(&b, ":\n");
		}
	r = rb_write_output(depfile, b.data, b.len, d);
	rb_strset_free(&seen);
	rb_buf_free(&b);
	return r;
}

int
rb_build_plan(rb_cli_opts *o, int *make_dir, int n, char **inputs, char **subs,
	      const rb_emitter **fmts, int nf, rb_build_target *t)
{
	int one = n == 1 && nf == 1, i, j, k = 0, to_file, status = 0;
	const char *dir = o->out ? o->out : ".";
	const char *slash = dir[strlen(dir) - 1] == '/' ? "" : "/";
	rb_strmap paths;

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
			const char *sub = subs && subs[i] ? subs[i] : "";

			t[k].e = fmts[j];
			t[k].doc = i;
			if (to_file)
				t[k].path = rb_xstrdup(o->out);
			else {
				rb_buf p;

				rb_buf_init(&p);
				rb_buf_printf(&p, "%s%s%s%s%s%s", dir, slash, sub, *sub ? "/" : "",
					      s, fmts[j]->ext);
				t[k].path = rb_buf_detach(&p);
			}
			free(s);
		}
	rb_strmap_init(&paths);
	rb_strmap_reserve(&paths, (size_t)k);
	for (i = 0; i < k && !status; i++) {
		rb_build_target *other;

		if (!strcmp(t[i].path, "-"))
			continue;
		if ((other = rb_strmap_get(&paths, t[i].path)) != NULL)
			status = rb_usage_error("build", "'%s' and '%s' would both write %s",
						inputs[other->doc], inputs[t[i].doc], t[i].path);
		else
			rb_strmap_put(&paths, t[i].path, &t[i]);
	}
	rb_strmap_free(&paths);
	*make_dir = o->out && !to_file;	/* created once there is output */
	return status;
}

int
rb_build_folders(const char *out, char **subs, int n, rb_build_made *made, rb_diags *d)
{
	rb_strset seen;
	rb_buf p;
	int i, ok = 1;

	made->v = NULL;
	made->n = 0;
	if (!subs)
		return 1;
	rb_strset_init(&seen);
	rb_buf_init(&p);
	for (i = 0; i < n && ok; i++) {
		char *first = NULL;

		if (!*subs[i] || !rb_strset_add(&seen, subs[i]))
			continue;
		rb_buf_reset(&p);
		rb_buf_printf(&p, "%s%s%s", out, out[strlen(out) - 1] == '/' ? "" : "/", subs[i]);
		ok = rb_mkdir_p(p.data, &first, d);
		if (first) {
			made->v = rb_xrealloc(made->v, (made->n + 1) * sizeof(*made->v));
			made->v[made->n].path = rb_xstrdup(p.data);
			made->v[made->n++].first = first;
		}
	}
	rb_buf_free(&p);
	rb_strset_free(&seen);
	return ok;
}

void
rb_build_folders_end(rb_build_made *made, int keep)
{
	size_t i;

	for (i = made->n; i-- > 0;) {
		if (!keep)
			rb_rmdir_made(made->v[i].path, made->v[i].first);
		free(made->v[i].path);
		free(made->v[i].first);
	}
	free(made->v);
	made->v = NULL;
	made->n = 0;
}
