/* Reading input files and choosing the loader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "internal.h"
#include "load.h"

/* Read f whole.  With pages (not NULL) the buffer comes from rb_pages
 * (mapped ready when large), its size left in *pages (0: from malloc,
 * as when the file grew while it was read). */
static char *
read_stream(FILE *f, size_t *len, size_t *pages)
{
	struct stat st;
	size_t cap = 65536, n = 0, k, mapped = 0;
	char *data, tmp[4096];

	/* a file's size is known: one read into a buffer of that size */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	data = pages ? rb_pages(mapped = cap) : rb_xmalloc(cap);
	for (;;) {
		if (n + 1 < cap) {
			k = fread(data + n, 1, cap - 1 - n, f);
			if (k == 0)
				break;
			n += k;
			continue;
		}
		k = fread(tmp, 1, sizeof(tmp), f);	/* full: more to come? */
		if (k == 0)
			break;
		cap = cap * 2 + k;
		if (mapped) {	/* the file grew: on to malloc */
			char *more = rb_xmalloc(cap);

			memcpy(more, data, n);
			rb_pages_free(data, mapped);
			data = more;
			mapped = 0;
		} else
			data = rb_xrealloc(data, cap);
		memcpy(data + n, tmp, k);
		n += k;
	}
	if (ferror(f)) {
		if (mapped)
			rb_pages_free(data, mapped);
		else
			free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	if (pages)
		*pages = mapped;
	return data;
}

/* Report the position of byte off in data. */
static void
report_at(rb_diags *d, rb_code code, const char *path, const char *data,
	  size_t len, size_t off, const char *msg)
{
	rb_lines l;

	rb_lines_init(&l, data, len);
	rb_diag_report(d, code, path, rb_lines_line(&l, off), rb_lines_column(&l, off),
		       "%s", msg);
	rb_lines_free(&l);
}

/* The bytes of path (or stdin for "-"), a byte order mark dropped; not
 * yet checked to be text (the loaders do that, rb_read_file for others). */
static char *
read_file(const char *path, size_t *len, size_t *pages, rb_diags *d)
{
	FILE *f;
	char *data;
	struct stat st;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0,
				       "cannot read: is a directory");
			return NULL;
		}
		if (!(f = fopen(path, "rb"))) {
			rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0,
				       "cannot open: %s", strerror(errno));
			return NULL;
		}
	}
	data = read_stream(f, len, pages);
	if (!data) {
		rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0, "cannot read: %s",
			       strerror(errno));
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	/* A UTF-8 byte order mark is not content. */
	if (*len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(data, data + 3, *len - 3 + 1);
		*len -= 3;
	}
	return data;
}

char *
rb_read_file(const char *path, size_t *len, rb_diags *d)
{
	char *data = read_file(path, len, NULL, d);

	if (data && !rb_input_ok(path, data, *len, d)) {
		free(data);
		return NULL;
	}
	return data;
}

int
rb_input_ok(const char *name, const char *data, size_t len, rb_diags *d)
{
	const char *nul;
	size_t bad;

	if ((nul = memchr(data, '\0', len)) != NULL) {
		report_at(d, RB_D_INPUT_ENCODING, name, data, len, (size_t)(nul - data),
			  "NUL byte in input; is this a binary file?");
		return 0;
	}
	if ((bad = rb_utf8_invalid_at(data, len)) != (size_t)-1) {
		char msg[80];

		snprintf(msg, sizeof(msg), "invalid UTF-8 (byte 0x%02X); convert the file to UTF-8",
			 (unsigned char)data[bad]);
		report_at(d, RB_D_INPUT_ENCODING, name, data, len, bad, msg);
		return 0;
	}
	return 1;
}

static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');

	return dot ? dot + 1 : "";
}

static rb_document *load_source(const char *path, const rb_load_opts *opts, char **datap,
				size_t *lenp, size_t *pages, rb_diags *d);

rb_document *
rb_load_file(const char *path, const rb_load_opts *opts, rb_diags *d)
{
	char *data = NULL;
	size_t len, pages = 0;
	rb_document *doc = load_source(path, opts, &data, &len, &pages, d);

	if (pages)
		rb_pages_free(data, pages);
	else
		free(data);
	return doc;
}

/* The type of a source: by extension, or --from for stdin. */
static const char *
source_type(const char *path, const rb_load_opts *opts)
{
	return strcmp(path, "-") == 0 ? (opts && opts->from ? opts->from : "yaml") : extension(path);
}

rb_source_format
rb_source_format_of(const char *path, const rb_load_opts *opts)
{
	const char *type = source_type(path, opts);

	if (!strcmp(type, "yaml") || !strcmp(type, "yml"))
		return RB_SOURCE_YAML;
	if (!strcmp(type, "md") || !strcmp(type, "markdown"))
		return RB_SOURCE_MARKDOWN;
	if (!strcmp(type, "txt") || !strcmp(type, "text"))
		return RB_SOURCE_TEXT;
	return RB_SOURCE_UNKNOWN;
}

static rb_document *
load_source(const char *path, const rb_load_opts *opts, char **datap, size_t *lenp,
	    size_t *pages, rb_diags *d)
{
	const char *type = source_type(path, opts);
	rb_source_format format = rb_source_format_of(path, opts);
	rb_document *doc = NULL;
	struct stat st;
	char *data;
	size_t len;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0, "cannot read: is a directory");
		return NULL;
	}
	if (format == RB_SOURCE_UNKNOWN) {
		rb_diag_report(d, RB_D_INPUT_FORMAT, path, 0, 0,
			       "unknown input type '.%s': expected .yaml, .yml, .md, .markdown or .txt",
			       type);
		return NULL;
	}
	if (!(data = read_file(path, &len, pages, d)))
		return NULL;
	if (format == RB_SOURCE_YAML)
		doc = rb_load_yaml(path, data, len, opts, d);
	else if (format == RB_SOURCE_TEXT)
		doc = rb_load_text(path, data, len, opts, d);
	else
		doc = rb_load_markdown(path, data, len, opts, d);
	*datap = data;
	*lenp = len;
	return doc;
}

rb_document *
rb_load_source(const char *path, const rb_load_opts *opts, char **datap, size_t *lenp,
	       rb_diags *d)
{
	return load_source(path, opts, datap, lenp, NULL, d);	/* the caller frees */
}

void
rb_manifest_add(rb_document *book, const char *path, const rb_load_opts *opts,
		unsigned line, unsigned col, rb_diags *d)
{
	const char *slash = strrchr(book->source, '/');
	rb_document *doc;
	char *full;
	size_t nerr = d->errors;

	if (path[0] == '/' || !slash)
		full = rb_arena_strdup(book->arena, path);
	else
		full = rb_arena_printf(book->arena, "%.*s/%s", (int)(slash - book->source),
				       book->source, path);
	doc = rb_load_file(full, opts, d);
	if (!doc) {
		if (d->errors == nerr)
			rb_diag_report(d, RB_D_INPUT_UNREADABLE, full, 0, 0, "cannot load");
		rb_diag_note(d, book->source, line, col, "listed in the handbook here");
		return;
	}
	book->docs = rb_xrealloc(book->docs, (book->ndocs + 1) * sizeof(rb_document *));
	book->docs[book->ndocs++] = doc;
	rb_node_append(book->root, doc->root);
}

rb_document *
rb_load_text(const char *name, const char *data, size_t len, const rb_load_opts *opts,
	     rb_diags *d)
{
	rb_import *imp = rb_xcalloc(1, sizeof(*imp));
	rb_document *doc;
	rb_diags tmp;
	size_t i;

	if (!rb_import_text(name, data, len, opts ? opts->import : NULL, imp, d)) {
		rb_import_free(imp);
		free(imp);
		return NULL;
	}
	rb_diags_init(&tmp);
	doc = rb_load_markdown(name, imp->markdown, imp->len, opts, &tmp);
	/* what the loader says is said of the text */
	for (i = 0; i < tmp.n; i++)
		rb_import_locate(imp, &tmp.v[i].line, &tmp.v[i].column);
	rb_diags_move(d, &tmp);
	if (!doc) {
		rb_import_free(imp);
		free(imp);
		return NULL;
	}
	doc->import = imp;
	return doc;
}
