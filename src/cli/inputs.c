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

/* What a walk takes and where it puts it. */
struct walk {
	struct list *out, *sub;	/* the files, and each one's folder below the operand */
	const rb_cli_walk *w;
	size_t base;		/* length of the operand's path, with its slash */
};

/* The sources below dir, sorted; hidden entries and symbolic links to
 * directories are skipped (as find(1) does), so a link loop cannot
 * recurse, and so is the output folder of a build.  An unreadable
 * directory is kept as an input: loading it reports why. */
static void
walk(const char *dir, struct walk *wk, int depth)
{
	struct list names = {0};
	struct dirent *e;
	struct stat dst;
	DIR *dp;
	int i;

	if (depth > 0 && wk->w && wk->w->skip && stat(dir, &dst) == 0 &&
	    dst.st_dev == wk->w->skip_dev && dst.st_ino == wk->w->skip_ino)
		return;
	if (depth > MAX_DIR_DEPTH || !(dp = opendir(dir))) {
		push(wk->out, xstrdup(dir));
		push(wk->sub, xstrdup(""));
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
		rb_source_format f;

		if (!path) {
			fputs("rulebook: out of memory\n", stderr);
			exit(2);
		}
		snprintf(path, len, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
		if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode))
			walk(path, wk, depth + 1);
		else if (!S_ISLNK(lst.st_mode) || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			f = rb_source_format_of(names.v[i], NULL);
			/* rulebook.yaml is the project file, not a source; .txt only
			 * when asked: a build's own text outputs are .txt */
			if (f != RB_SOURCE_UNKNOWN && strcmp(names.v[i], "rulebook.yaml") != 0 &&
			    (f != RB_SOURCE_TEXT || (wk->w && wk->w->txt))) {
				const char *slash = strrchr(path, '/');
				size_t sl = slash && (size_t)(slash - path) > wk->base
						    ? (size_t)(slash - path) - wk->base : 0;
				char *sub = malloc(sl + 1);

				if (!sub) {
					fputs("rulebook: out of memory\n", stderr);
					exit(2);
				}
				memcpy(sub, path + wk->base, sl);
				sub[sl] = '\0';
				push(wk->out, path);
				push(wk->sub, sub);
				path = NULL;
			}
		}
		free(path);
		free(names.v[i]);
	}
	free(names.v);
}

char **
rb_cli_expand(int n, char **inputs, const rb_cli_walk *w, char ***subs, int *nout)
{
	struct list out = {0}, sub = {0};
	struct walk wk;
	struct stat st;
	int i;

	wk.out = &out;
	wk.sub = &sub;
	wk.w = w;
	for (i = 0; i < n; i++) {
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			size_t l = strlen(inputs[i]);

			wk.base = l + (inputs[i][l - 1] != '/');
			walk(inputs[i], &wk, 0);
		} else {
			push(&out, xstrdup(inputs[i]));
			push(&sub, xstrdup(""));
		}
	}
	*nout = out.n;
	if (subs)
		*subs = sub.v;
	else
		rb_cli_free_files(sub.v, (size_t)sub.n);
	return out.v;
}

void
rb_cli_free_files(char **v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

int
rb_cli_cpus(void)
{
	long k = sysconf(_SC_NPROCESSORS_ONLN);

	return k < 1 ? 1 : k > INT_MAX ? INT_MAX : (int)k;
}
