/* The book's title in the importer's front matter: --title, else the
 * compilation's own first line (the web page's words around it dropped,
 * a repeat of the first part's title left out), else the name an office
 * gives a compilation; what moved to the title is listed with --verbose. */
#include <string.h>

#include "import.h"
#include "mem/mem.h"

static void put_yaml_string(struct ictx *c, const char *s, size_t n);

/* A line of the text listed with --verbose: moved to the title or
 * dropped as the site's words. */
static void
add_drop(struct ictx *c, unsigned line, const char *why, const char *s, size_t n)
{
	rb_import *o = c->out;

	o->drops = rb_xrealloc(o->drops, (o->ndrops + 1) * sizeof(*o->drops));
	o->drops[o->ndrops].line = line;
	o->drops[o->ndrops].why = rb_xstrdup(why);
	o->drops[o->ndrops].text = rb_xstrndup(s, n);
	o->ndrops++;
}

/* The length of the title s[0..n) without what the web page added:
 * （优秀20篇）, (精选8篇), 范文. */
static size_t
title_without_site_words(const char *s, size_t n)
{
	size_t k, open;

	if (n > 6 && (!memcmp(s + n - 6, "范文", 6) || !memcmp(s + n - 6, "範文", 6)))
		n -= 6;
	if (n > 1 && (s[n - 1] == ')' || (n > 3 && !memcmp(s + n - 3, "）", 3)))) {
		size_t close = s[n - 1] == ')' ? n - 1 : n - 3;

		for (open = close; open > 0 && s[open - 1] != '(' && !(open >= 3 && !memcmp(s + open - 3, "（", 3)); open--)
			;
		if (open > 0 && close - open >= 3 && !memcmp(s + close - 3, "篇", 3)) {
			for (k = open; k < close - 3 && (isdigit_ascii(s[k]) || (unsigned char)s[k] >= 0x80); k++)
				;
			n = s[open - 1] == '(' ? open - 1 : open - 3;
		}
	}
	return n;
}

/* Is the text written in traditional characters? (the default title
 * follows it) */
static int
traditional(const struct blocks *bs)
{
	static const char *const hant[] = { "條", "規", "會", "職", "區", "與", "為", "黨", "機關", NULL };
	size_t i, k, hits = 0;

	for (i = 0; i < bs->n && i < 200; i++)
		for (k = 0; hant[k]; k++)
			hits += bs->v[i].text.len && strstr(bs->v[i].text.data, hant[k]) != NULL;
	return hits >= 3;
}

/* Does title t[0..n) only say again the first part's title (第一篇:xx)? */
static int
first_part_title(const struct blocks *bs, const char *t, size_t n)
{
	size_t i, k;

	for (i = 1; i < bs->n && i < 8; i++) {
		const struct block *p = &bs->v[i];

		if (p->kind != B_PART)
			continue;
		k = p->lab.len + p->lab.sep_len;
		while (k < p->text.len && (p->text.data[k] == ':' || p->text.data[k] == ' '))
			k++;
		if (k + 3 <= p->text.len && !memcmp(p->text.data + k, "\xef\xbc\x9a", 3))
			k += 3;	/* ： */
		return p->text.len - k == n && !memcmp(p->text.data + k, t, n);
	}
	return 0;
}

/* The book's title in the front matter: --title, else the compilation's
 * own (the line listed with --verbose as moved there, the web page's
 * words around it dropped with it), else the name an office gives a
 * compilation.  Returns the first block still to write. */
size_t
imp_book_title(struct ictx *c, struct blocks *bs)
{
	const struct block *b = bs->n ? &bs->v[0] : NULL;
	const char *generic = traditional(bs) ? "規章制度彙編" : "规章制度汇编";
	size_t n;

	if (c->opts && c->opts->title) {
		put_yaml_string(c, c->opts->title, strlen(c->opts->title));
		return 0;
	}
	if (!b || (b->kind != B_TITLE && b->kind != B_TEXT) || b->cols > 60 || b->sentence) {
		put_yaml_string(c, generic, strlen(generic));
		return 0;
	}
	n = title_without_site_words(b->text.data, b->text.len);
	if (first_part_title(bs, b->text.data, n)) {
		/* the web page's title, the first part's said again (seed
		 * 000: 信访工作制度汇总 over five parts of five offices) */
		add_drop(c, b->no, "repeated title", b->text.data, b->text.len);
		put_yaml_string(c, generic, strlen(generic));
		return 1;
	}
	if (n == b->text.len && (b->kind != B_TITLE || !imp_title_like(b->text.data, n))) {
		/* a heading of the text (制度包括哪些内容), not its title */
		put_yaml_string(c, generic, strlen(generic));
		return 0;
	}
	add_drop(c, b->no, "book title", b->text.data, b->text.len);
	put_yaml_string(c, b->text.data, n);
	return 1;
}

static void
put_yaml_string(struct ictx *c, const char *s, size_t n)
{
	size_t i;

	rb_buf_putc(c->md, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			rb_buf_putc(c->md, '\\');
		rb_buf_putc(c->md, s[i]);
	}
	rb_buf_putc(c->md, '"');
}
