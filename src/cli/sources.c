/* The text of the files diagnostics point at, read again after the run:
 * the line a diagnostic stands on gives its fingerprint (for baselines
 * and Code Quality), its end column and the inline suppressions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "text/lines.h"
#include "cli.h"

struct rb_cli_source {
	char *text;		/* NUL-terminated; NULL when unreadable */
	size_t len;
	rb_lines lines;		/* made when a line is first asked for: most
				 * files are only searched for a comment */
	int indexed;
};

/* The line index of src, made on first need. */
static const rb_lines *
lines_of(const rb_cli_source *src)
{
	rb_cli_source *s = (rb_cli_source *)src;	/* a cache of the text */

	if (!s->indexed) {
		rb_lines_init(&s->lines, s->text, s->len);
		s->indexed = 1;
	}
	return &s->lines;
}

void
rb_cli_sources_init(rb_cli_sources *s)
{
	rb_strmap_init(&s->map);
	s->names = NULL;
	s->n = 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	rb_buf b;
	char chunk[65536];
	size_t k;

	*len = 0;
	if (!f)
		return NULL;
	rb_buf_init(&b);
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rb_buf_put(&b, chunk, k);
	fclose(f);
	*len = b.len;
	rb_buf_putc(&b, '\0');
	return rb_buf_detach(&b);
}

const rb_cli_source *
rb_cli_source_get(rb_cli_sources *s, const char *file)
{
	rb_cli_source *src;

	if (!file || !strcmp(file, "-"))
		return NULL;
	if ((src = rb_strmap_get(&s->map, file)) != NULL)
		return src;
	src = rb_xcalloc(1, sizeof(*src));
	src->text = slurp(file, &src->len);
	s->names = rb_xrealloc(s->names, (s->n + 1) * sizeof(char *));
	s->names[s->n] = rb_xstrdup(file);
	rb_strmap_put(&s->map, s->names[s->n++], src);
	return src;
}

const char *
rb_cli_source_line(const rb_cli_source *src, unsigned line, size_t *len)
{
	const rb_lines *l;
	size_t a, b;

	*len = 0;
	if (!src || !src->text || line == 0 || line > (l = lines_of(src))->n)
		return NULL;
	a = l->start[line - 1];
	b = line < l->n ? l->start[line] - 1 : src->len;
	if (b > a && src->text[b - 1] == '\r')
		b--;
	*len = b - a;
	return src->text + a;
}

const char *
rb_cli_source_text(const rb_cli_source *src, size_t *len)
{
	*len = src && src->text ? src->len : 0;
	return src ? src->text : NULL;
}

size_t
rb_cli_source_lines(const rb_cli_source *src)
{
	return src && src->text ? lines_of(src)->n : 0;
}

void
rb_cli_sources_free(rb_cli_sources *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		rb_cli_source *src = rb_strmap_get(&s->map, s->names[i]);

		if (src->indexed)
			rb_lines_free(&src->lines);
		free(src->text);
		free(src);
		free(s->names[i]);
	}
	free(s->names);
	rb_strmap_free(&s->map);
	s->names = NULL;
	s->n = 0;
}

/* The byte offset of a 1-based column (in characters) within a line. */
size_t
rb_cli_column_offset(const char *line, size_t len, unsigned column)
{
	size_t off = 0;
	uint32_t cp;

	while (column > 1 && off < len) {
		size_t k = rb_utf8_decode(line + off, len - off, &cp);

		off += k ? k : 1;
		column--;
	}
	return off;
}

const char *
rb_cli_plain_path(const char *file)
{
	if (!file)
		return "";
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	return file;
}

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;	/* a field ends: "ab"+"c" is not "a"+"bc" */
	h *= 0x100000001b3ULL;
	return h;
}

/* The line's content without its indentation and trailing blanks: an
 * edit elsewhere in the file, or re-indenting, keeps the fingerprint.
 * The message is left out: it is in the reader's language, and a
 * baseline written in CI must match on an editor's machine in zh_CN. */
void
rb_cli_fingerprint(rb_cli_sources *s, const rb_diag *g, unsigned occurrence, char out[33])
{
	const char *code = rb_code_name(g->code), *file = rb_cli_plain_path(g->file);
	size_t len;
	const char *line = rb_cli_source_line(rb_cli_source_get(s, g->file), g->line, &len);
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	char occ[16];
	int k;

	while (len > 0 && (*line == ' ' || *line == '\t'))
		line++, len--;
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	snprintf(occ, sizeof(occ), "%u", occurrence);
	for (k = 0; k < 2; k++) {
		uint64_t *h = k ? &h2 : &h1;

		*h = fnv(*h, code, strlen(code));
		*h = fnv(*h, file, strlen(file));
		*h = fnv(*h, line ? line : "", len);
		if (occurrence)
			*h = fnv(*h, occ, strlen(occ));
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

unsigned
rb_cli_end_column(rb_cli_sources *s, const rb_diag *g)
{
	size_t len, off;
	const char *line;
	rb_label l;

	/* only a numbering diagnostic stands on a label */
	if (!g->line || !g->column || strncmp(rb_code_name(g->code), "numbering-", 10))
		return 0;
	line = rb_cli_source_line(rb_cli_source_get(s, g->file), g->line, &len);
	if (!line)
		return 0;
	off = rb_cli_column_offset(line, len, g->column);
	if (!rb_label_parse(line + off, len - off, RB_STYLE_NONE, &l) || l.len == 0)
		return 0;
	/* a separator is part of the label (、 .), a blank after 第N条 is not */
	if (l.sep_len && line[off + l.len] != ' ' && line[off + l.len] != '\t' &&
	    strncmp(line + off + l.len, "\u3000", 3))
		l.len += l.sep_len;
	return g->column + (unsigned)rb_utf8_count(line + off, l.len);
}
