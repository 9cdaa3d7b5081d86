/* A regulation's title said again in a compilation (管理实施方案 three
 * times over, 6s管理实施方案 twice), or of generic words only (工作制度),
 * names nothing an office can tell apart.  Its own opening often names it in full: 现制定《仟祥煤业6s管理
 * 实施方案》, 制定了《某某中学校常规管理实施方案》.  Such a name is taken
 * as the title when it ends with the bare title (a trailing （试行） set
 * aside) and the opening says it makes that document (制定, 制订 … right
 * before the 《): a document it cites (根据《…》) is another's.  Nothing
 * is made up: a title no opening names stays as it is (the loader's ids
 * keep the regulations apart).  emit_book writes the book once to learn
 * its regulations, and again with the names found. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "mem/mem.h"
#include "text/text.h"
#include "text/utf8.h"

#define LQ "\xe3\x80\x8a"	/* 《 */
#define RQ "\xe3\x80\x8b"	/* 》 */

/* How many blocks of a regulation's opening are read, at most. */
enum { OPENING_BLOCKS = 3 };

/* Words that say the opening makes the document it names. */
static const char *const making[] = {
	"制定", "制订", "擬定", "拟定", "修订", "修訂", "出台", "印发", "印發", NULL
};

void
imp_reg_heads_free(struct ictx *c)
{
	free(c->heads);
	c->heads = NULL;
	c->nheads = c->capheads = 0;
}

/* Is the name after the making word at s[word, after) one the text
 * cites (县教育局印发的《, 根据上级制定《) rather than makes: 的 between it
 * and the 《 at, or a word of citing before it in its clause (from)? */
static int
cited(const char *s, size_t from, size_t word, size_t after, size_t at)
{
	static const char *const citing[] = {"根据", "根據", "依据", "依據", "按照", "依照", "参照",
					     "參照", "遵照", "贯彻", "貫徹", NULL};
	const char *const *c;
	size_t k;

	for (k = after; k + 3 <= at; k++)
		if (!memcmp(s + k, "的", 3))
			return 1;
	for (c = citing; *c; c++)
		for (k = from; k + strlen(*c) <= word; k++)
			if (!memcmp(s + k, *c, strlen(*c)))
				return 1;
	return 0;
}

/* Does the text before the 《 at s[at] say it makes it: a word of making
 * among the last few characters, in the same clause (现制定《, 制定了《,
 * 制定本校《)? */
static int
made_here(const char *s, size_t at)
{
	size_t i = at, back;
	const char *const *w;

	for (back = 0; back < 6 && i > 0; back++) {
		size_t j = i - 1;
		uint32_t cp;

		while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
		cp = rb_utf8_last(s, i);
		if (is_sentence_punct(cp) || cp == 0x3001 || cp == 0xFF1A || cp == 0x300B)
			break;	/* 、 ： 》: another clause, another name */
		i = j;
	}
	for (w = making; *w; w++) {
		size_t l = strlen(*w), k;

		for (k = i; k + l <= at; k++)
			if (!memcmp(s + k, *w, l))
				return !cited(s, i, k, k + l, at);
	}
	return 0;
}

/* ASCII letters compared without case (6S and 6s). */
static int
same_tail(const char *a, size_t an, const char *t, size_t tn)
{
	size_t i;

	if (an < tn)
		return 0;
	a += an - tn;
	for (i = 0; i < tn; i++) {
		char x = a[i], y = t[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/* Does the name s[0..n) end with the bare title t, or does it once a
 * trailing （试行）, (草案) is set aside? */
static int
names_title(const char *s, size_t n, const char *t, size_t tn)
{
	size_t i;

	if (n <= tn || imp_sentence(s, n) || chars(s, n) > 40)
		return 0;
	if (same_tail(s, n, t, tn))
		return 1;
	if (s[n - 1] != ')' && !(n >= 3 && !memcmp(s + n - 3, "\xef\xbc\x89", 3)))
		return 0;
	for (i = n; i > 0; i--)
		if (s[i - 1] == '(' || (i >= 3 && !memcmp(s + i - 3, "\xef\xbc\x88", 3)))
			break;
	if (!i)
		return 0;
	i -= s[i - 1] == '(' ? 1 : 3;
	return i > tn && same_tail(s, i, t, tn);
}

/* The name in block b that names the title t: its offsets, or 0. */
static int
find_name(const struct block *b, const char *t, size_t tn, size_t *from, size_t *to)
{
	const char *s = b->text.data, *open, *close;
	size_t n = b->text.len, at = 0;

	while ((open = rb_memfind(s + at, n - at, LQ, 3)) != NULL) {
		size_t o = (size_t)(open - s) + 3;
		const char *inner;

		if (!(close = rb_memfind(s + o, n - o, RQ, 3)))
			return 0;
		/* 《…《…》: the innermost */
		while ((inner = rb_memfind(s + o, (size_t)(close - s) - o, LQ, 3)) != NULL)
			o = (size_t)(inner - s) + 3;
		if (made_here(s, o - 3) && names_title(s + o, (size_t)(close - s) - o, t, tn)) {
			*from = o;
			*to = (size_t)(close - s);
			return 1;
		}
		at = (size_t)(close - s) + 3;
	}
	return 0;
}

/* A title of nothing but generic words (管理实施方案, 6s管理实施方案,
 * 工作制度): a name no office tells apart, said once or not. */
static int
generic(const char *s, size_t n)
{
	static const char *const words[] = { "管理", "工作", "实施", "實施", NULL };
	static const char *const ends[] = { "方案", "制度", "办法", "辦法", "规定", "規定",
		"细则", "細則", "规则", "規則", NULL };
	const char *const *w;
	size_t i = 0, k;

	while (i < n && ((s[i] >= '0' && s[i] <= '9') || ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
		i++;	/* 5s, 6S */
	for (w = words; *w;)
		if ((k = rb_prefix(s + i, n - i, *w)) != 0)
			i += k, w = words;
		else
			w++;
	for (w = ends; *w; w++)
		if (i < n && rb_prefix(s + i, n - i, *w) == n - i)
			return 1;
	return 0;
}

static int
said_again(const struct ictx *c, const struct blocks *bs, const struct block *t)
{
	size_t i;

	for (i = 0; i < c->nheads; i++) {
		const struct block *u = &bs->v[c->heads[i].title];

		if (u != t && u->kind == B_TITLE && u->text.len == t->text.len &&
		    !memcmp(u->text.data, t->text.data, t->text.len))
			return 1;
	}
	return 0;
}

/* The opening of the regulation headed i: blocks up to its first clause
 * (第一条 read too), at most OPENING_BLOCKS of them. */
static void
name_one(struct ictx *c, const struct blocks *bs, size_t i)
{
	struct reg_head *h = &c->heads[i];
	const struct block *t = &bs->v[h->title];
	size_t j, end = i + 1 < c->nheads ? c->heads[i + 1].title : bs->n, seen = 0;

	for (j = h->title + 1; j < end && seen < OPENING_BLOCKS; j++) {
		const struct block *b = &bs->v[j];
		size_t from, to;

		if (!b->text.len)
			continue;
		seen++;
		if (!(b->kind == B_TEXT || (b->kind == B_TITLE && !b->title_like) ||
		      (b->kind == B_ARTICLE && b->lab.number == 1)))
			return;
		if (find_name(b, t->text.data, t->text.len, &from, &to)) {
			rb_import *o = c->out;
			rb_import_title *r;
			unsigned col;

			h->body = j;
			h->from = from;
			h->to = to;
			o->titles = rb_xrealloc(o->titles, (o->ntitles + 1) * sizeof(*o->titles));
			r = &o->titles[o->ntitles++];
			r->line = t->no;
			imp_block_pos(b, from, &r->from, &col);
			r->was = rb_xstrndup(t->text.data, t->text.len);
			r->title = rb_xstrndup(b->text.data + from, to - from);
			return;
		}
	}
}

size_t
imp_name_regs(struct ictx *c, const struct blocks *bs)
{
	size_t i, named = 0;

	for (i = 0; i < c->nheads; i++) {
		const struct block *t = &bs->v[c->heads[i].title];

		c->heads[i].body = SIZE_MAX;
		if (t->kind != B_TITLE || !(said_again(c, bs, t) || generic(t->text.data, t->text.len)))
			continue;
		name_one(c, bs, i);
		named += c->heads[i].body != SIZE_MAX;
	}
	return named;
}
