/* Paths of outputs: names from inputs, directories made (and unmade when
 * a build fails), and the inputs an output must never overwrite. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "cli.h"

int
rb_path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
rb_path_stem(const char *path)
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

int
rb_mkdir_p(const char *path, char **made, rb_diags *d)
{
	char *p = rb_xstrdup(path), *s;
	int ok = 1;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) == 0 && !*made)
				*made = rb_xstrdup(p);
			else if (errno != EEXIST && !rb_path_is_dir(p)) {
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
	if (ok && !rb_path_is_dir(path)) {
		rb_diag_report(d, RB_D_OUTPUT_WRITE, path, 0, 0,
			       "cannot use as output directory: not a directory");
		ok = 0;
	}
	free(p);
	return ok;
}

void
rb_rmdir_made(const char *path, const char *made)
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

void
rb_file_ids_of(rb_file_ids *ids, char **paths, size_t n)
{
	struct stat s;
	size_t k;

	ids->v = rb_xcalloc(n + 1, sizeof(*ids->v));
	ids->n = 0;
	for (k = 0; k < n; k++)
		if (stat(paths[k], &s) == 0) {
			ids->v[ids->n].dev = s.st_dev;
			ids->v[ids->n].ino = s.st_ino;
			ids->v[ids->n++].name = paths[k];
		}
}

const char *
rb_file_ids_find(const rb_file_ids *ids, const char *path, int regular_only)
{
	struct stat t;
	size_t k;

	if (strcmp(path, "-") == 0 || stat(path, &t) < 0 ||
	    (regular_only && !S_ISREG(t.st_mode)))
		return NULL;
	for (k = 0; k < ids->n; k++)
		if (ids->v[k].dev == t.st_dev && ids->v[k].ino == t.st_ino)
			return ids->v[k].name;
	return NULL;
}

void
rb_file_ids_free(rb_file_ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = 0;
}
