/* Choosing the loader for a source, and the documents of a manifest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "load.h"

static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');

	return dot ? dot + 1 : "";
}

static rb_document *load_source(const char *path, const rb_load_opts *opts, char **datap,
				size_t *lenp, int paged, rb_diags *d);

rb_document *
rb_load_file(const char *path, const rb_load_opts *opts, rb_diags *d)
{
	char *data = NULL;
	size_t len;
	rb_document *doc = load_source(path, opts, &data, &len, 1, d);

	rb_pages_free(data);
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
	    int paged, rb_diags *d)
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
	if (!(data = rb_read_input(path, &len, paged, d)))
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
	return load_source(path, opts, datap, lenp, 0, d);	/* the caller frees */
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

static int
has_cjk(const char *s)
{
	for (; s && *s; s++)	/* a lead byte of U+3000–U+9FFF */
		if ((unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9)
			return 1;
	return 0;
}

void
rb_book_choose_lang(rb_document *book)
{
	size_t i, j, best = 0, most = 0;
	/* 某某医院员工手册 with an English policy in it is a Chinese book */
	int zh_title = has_cjk(book->root->title);

	if (!book->ndocs)
		return;
	for (i = 0; i < book->ndocs; i++) {
		const char *l = rb_document_lang(book->docs[i]);
		size_t k = 0;

		if (zh_title && strncmp(l, "zh", 2) != 0)
			continue;
		for (j = 0; j < book->ndocs; j++)
			k += strcmp(l, rb_document_lang(book->docs[j])) == 0;
		if (k > most) {
			most = k;
			best = i;
		}
	}
	if (!rb_meta_get(book, "lang"))
		book->lang = rb_document_lang(book->docs[best]);
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
