/* Input lists: a directory named on the command line stands for the
 * rulebook sources below it, in a fixed (byte-wise sorted) order. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "cli.h"

#define MAX_DIR_DEPTH 64

struct list {
	char **v;
	int n, cap;
};

static void
push(struct list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, (size_t)l->cap * sizeof(*l->v));
		if (!l->v) {
			fputs("rulebook: out of memory\n", stderr);
			exit(2);
		}
	}
	l->v[l->n++] = s;
}

static char *
xstrdup(const char *s)
{
	char *r = strdup(s);

	if (!r) {
		fputs("rulebook: out of memory\n", stderr);
		exit(2);
	}
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sources below dir, sorted; hidden entries and symbolic links to
 * directories are skipped (as find(1) does), so a link loop cannot
 * recurse.  An unreadable directory is kept as an input: loading it
 * reports why. */
static void
walk(const char *dir, struct list *out, int depth)
{
	struct list names = {0};
	struct dirent *e;
	DIR *dp;
	int i;

	if (depth > MAX_DIR_DEPTH || !(dp = opendir(dir))) {
		push(out, xstrdup(dir));
		return;
	}
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			push(&names, xstrdup(e->d_name));
	closedir(dp);
	if (names.n > 1)
		qsort(names.v, (size_t)names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		size_t len = strlen(dir) + strlen(names.v[i]) + 2;
		char *path = malloc(len);
		struct stat lst, st;

		if (!path) {
			fputs("rulebook: out of memory\n", stderr);
			exit(2);
		}
		snprintf(path, len, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
		if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode))
			walk(path, out, depth + 1);
		else if (!S_ISLNK(lst.st_mode) || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			if (rb_source_format_of(names.v[i], NULL) != RB_SOURCE_UNKNOWN) {
				push(out, path);
				path = NULL;
			}
		}
		free(path);
		free(names.v[i]);
	}
	free(names.v);
}

char **
rb_cli_expand(int n, char **inputs, int *nout)
{
	struct list out = {0};
	struct stat st;
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0 &&
		    S_ISDIR(st.st_mode))
			walk(inputs[i], &out, 0);
		else
			push(&out, xstrdup(inputs[i]));
	}
	*nout = out.n;
	return out.v;
}

void
rb_cli_free_inputs(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
rb_cli_cpus(void)
{
	long k = sysconf(_SC_NPROCESSORS_ONLN);

	return k < 1 ? 1 : k > INT_MAX ? INT_MAX : (int)k;
}
