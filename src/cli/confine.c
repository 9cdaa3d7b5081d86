/* Untrusted sources.  CI builds contributors' pull requests, and a
 * manifest could otherwise publish any file the job can read: as
 * pandoc's --sandbox, every file a build reads must resolve (symbolic
 * links followed) inside the tree it may come from: a directory
 * operand's tree for the sources below it, a file operand's folder for
 * itself and a manifest's documents, --template's folder for its page
 * and style, the rules file's folder for it.  --root DIR names that tree for them all;
 * --allow-outside lifts the rule. */
#define _DEFAULT_SOURCE		/* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "cli.h"

/* Is the real path of path inside the real directory root? */
static int
inside(const char *root, const char *path)
{
	char *r = realpath(root, NULL), *p = realpath(path, NULL);
	size_t n;
	int in;

	if (!r || !p) {
		free(r);
		free(p);
		return 1;	/* cannot be resolved: loading it reports why */
	}
	n = strlen(r);
	in = !strncmp(p, r, n) && (p[n] == '/' || p[n] == '\0' || (n == 1 && r[0] == '/'));
	free(r);
	free(p);
	return in;
}

char *
rb_cli_source_root(const rb_cli_opts *o, const char *input, const char *sub)
{
	const char *slash = strrchr(input, '/');
	size_t n, s = strlen(sub);

	if (o->root)
		return rb_xstrdup(o->root);
	if (!slash)
		return rb_xstrdup(".");
	n = (size_t)(slash - input);
	/* a source found below a directory operand: the operand */
	if (s && n >= s && !strncmp(input + n - s, sub, s)) {
		n -= s;
		while (n > 1 && input[n - 1] == '/')
			n--;
	}
	if (n == 0)
		return rb_xstrdup("/");
	return rb_xstrndup(input, n);
}

int
rb_cli_confine(const rb_cli_opts *o, const char *root, char **files, size_t nfiles, rb_diags *d)
{
	size_t i, j, k;
	int ok = 1;

	if (o->allow_outside)
		return 1;
	for (i = 0; i < nfiles; i++) {
		if (!strcmp(files[i], "-") || inside(root, files[i]))
			continue;
		ok = 0;
		/* what was read there says nothing in the log */
		for (j = k = 0; j < d->n; j++) {
			if (d->v[j].file && !strcmp(d->v[j].file, files[i])) {
				if (d->v[j].severity == RB_ERROR)
					d->errors--;
				else if (d->v[j].severity == RB_WARNING)
					d->warnings--;
				free(d->v[j].message);
				continue;
			}
			d->v[k++] = d->v[j];
		}
		d->n = k;
		rb_diag_report(d, RB_D_INPUT_OUTSIDE, files[i], 0, 0,
			       "refusing to read a file outside %s (a symbolic link, an absolute "
			       "path or '..'); --root DIR or --allow-outside permits it", root);
	}
	return ok;
}

int
rb_cli_confine_option(const rb_cli_opts *o, const char *tree, const char *path, rb_diags *d)
{
	char *files[1], *root = rb_cli_source_root(o, tree ? tree : path, "");
	int ok;

	files[0] = (char *)path;
	ok = rb_cli_confine(o, tree && !o->root ? tree : root, files, 1, d);
	free(root);
	return ok;
}
