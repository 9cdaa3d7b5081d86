/*
 * What a clause's text says about the layout around it, where the source
 * lost it: a paragraph broken mid-sentence by page extraction (……处十万元
 * 以上五 / 十万元以下罚款；), an article run on in the paragraph before it
 * (……的继续教育。 第十八条继续教育实行登记制度。), chapters numbered on
 * through the 编 of a code (民事诉讼法: 第三编 opens with 第十九章).  The
 * numbering and reference passes both read the text as it was meant.
 */
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/text.h"
#include "text/utf8.h"
#include "tree/node.h"
#include "util.h"
#include "check/check.h"

/* A sentence may end or pause here: the piece before a break does not. */
static int
pause_mark(uint32_t c)
{
	static const uint32_t marks[] = {0x3002, 0xFF1B, 0xFF1A, 0xFF0C, 0x3001, 0xFF01,
					 0xFF1F, 0x201D, 0xFF09, ';', ':', ',', '.'};
	size_t k;

	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
		if (c == marks[k])
			return 1;
	return 0;
}

const rb_node *
rb_text_before(const rb_node *n)
{
	const rb_node *p = n->prev;

	if (!p)
		return n->parent;
	while (p->last)
		p = p->last;
	return p;
}

/* Is paragraph n the rest of a sentence broken off before it?  The text
 * before it stops on an ideograph in the middle of a sentence it began
 * (a line of a page: long, with a pause in it; no blank inside) or on
 * a comma, and n
 * starts on an
 * ideograph and ends where a sentence may.  A heading that lost its mark
 * has no pause in it; a caption or a formula line ends without one. */
int
rb_continues(const rb_node *n)
{
	const rb_node *b;
	const char *t, *pt;
	size_t len, plen, i, chars = 0;
	uint32_t c;
	int pause = 0, list = 0;

	if (n->kind != RB_PARAGRAPH || n->explicit_number || !n->text || !*n->text)
		return 0;
	b = rb_text_before(n);
	if (!b || (b->kind != RB_ARTICLE && b->kind != RB_PARAGRAPH && b->kind != RB_ITEM) ||
	    !b->text)
		return 0;
	t = n->text;
	len = strlen(t);
	pt = b->text;
	plen = strlen(pt);
	while (len && (t[len - 1] == ' ' || t[len - 1] == '\n'))
		len--;
	while (plen && (pt[plen - 1] == ' ' || pt[plen - 1] == '\n'))
		plen--;
	c = plen ? rb_utf8_last(pt, plen) : 0;
	/* a line may also break after a comma: no paragraph ends there */
	if (!len || !plen || !(rb_cp_ideograph(c) || c == 0xFF0C || c == 0x3001) ||
	    !pause_mark(rb_utf8_last(t, len)) || !rb_utf8_decode(t, len, &c) || !rb_cp_ideograph(c))
		return 0;
	for (i = 0; i < plen; i += rb_utf8_decode(pt + i, plen - i, &c), chars++)
		if (!rb_utf8_decode(pt + i, plen - i, &c) || c == ' ' || c == 0x3000 ||
		    c == 0xFF1D || c == '=' || c == 0xD7)
			return 0;	/* a table row, a form, a formula: not prose */
		else if (c == 0x3001)
			list = 1;
		else if (pause_mark(c) && c != 0x201D && c != 0xFF09)
			pause = 1;
	/* a line of a page: a sentence begun, or a line's length; an item's
	 * words with no more than 、 in them may be its title (一、组织网络) */
	return (pause && chars >= 12) ||
	    (chars >= 20 && (b->kind != RB_ITEM || list));
}

/* The bytes of the last at most max characters of t[0, n) after its last
 * pause, and of the first of u up to and with its first pause. */
static size_t
tail_of(const char *t, size_t n, int max)
{
	size_t i = n;
	int k = 0;

	while (i > 0 && k < max) {
		size_t j = i - 1;
		uint32_t c;

		while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80)
			j--;
		rb_utf8_decode(t + j, i - j, &c);
		if (pause_mark(c))
			break;
		i = j;
		k++;
	}
	return n - i;
}

static size_t
head_of(const char *t, size_t n, int max)
{
	size_t i = 0, m;
	int k = 0;
	uint32_t c;

	while (i < n && k < max && (m = rb_utf8_decode(t + i, n - i, &c)) > 0) {
		i += m;
		k++;
		if (pause_mark(c))
			break;
	}
	return i;
}

void
rb_report_broken(rb_diags *d, const rb_node *n)
{
	const char *pt = rb_text_before(n)->text, *t = n->text;
	size_t plen = strlen(pt), tail;

	while (plen && (pt[plen - 1] == ' ' || pt[plen - 1] == '\n'))
		plen--;
	tail = tail_of(pt, plen, 6);
	rb_diag_report(d, RB_D_PARAGRAPH_BROKEN, n->file, n->line, n->column,
		       "paragraph broken mid-sentence (…%.*s / %.*s): join it to the one before",
		       (int)tail, pt + plen - tail, (int)head_of(t, strlen(t), 8), t);
}

/* The 款 a continuing paragraph belongs to: the paragraph before it that
 * does not continue one, or the article. */
rb_node *
rb_continued_para(rb_node *p)
{
	while (p->kind == RB_PARAGRAPH && rb_continues(p)) {
		rb_node *q = p->prev;

		while (q && q->kind != RB_PARAGRAPH)
			q = q->prev;
		p = q ? q : p->parent;
	}
	return p;
}

int
rb_cited_after(const char *s, size_t n)
{
	static const char *const cited[] = {"规定", "的", "、", "和", "或", "及", "至", "到", "第",
					    "中", "所", "之", "（", "，"};
	size_t k;

	for (k = 0; k < sizeof(cited) / sizeof(cited[0]); k++)
		if (rb_prefix(s, n, cited[k]))
			return 1;
	return 0;
}

/* Does the text of art (or of a clause in it) run 第<number>条 on after a
 * full stop, as the next article's start? */
static int
runs_in_text(const char *t, const char *label, size_t llen)
{
	const char *s = t;

	while ((s = strstr(s, label)) != NULL) {
		const char *b = s;

		if (rb_cited_after(s + llen, strlen(s + llen))) {
			s += llen;
			continue;
		}

		while (b > t && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b >= t + 3 && !memcmp(b - 3, "\u3000", 3))
			b -= 3;
		if (b >= t + 3 && !memcmp(b - 3, "。", 3))
			return 1;
		s += llen;
	}
	return 0;
}

int
rb_runs_in(const rb_node *art, int number)
{
	char label[64] = "第";
	size_t k;
	const rb_node *c;

	if (!rb_cn_format(number, 0, label + 3, sizeof(label) - 6))
		return 0;
	k = strlen(label);
	memcpy(label + k, "条", 4);
	k += 3;
	if (art->text && runs_in_text(art->text, label, k))
		return 1;
	for (c = art->first; c; c = c->next)
		if (c->kind == RB_PARAGRAPH && c->text && runs_in_text(c->text, label, k))
			return 1;
	return 0;
}

/* The first (or last) chapter below a 编 and its 分编, 0 when none:
 * looked for from the near end, as this is asked for every chapter. */
static int
end_chapter(const rb_node *part, int last)
{
	const rb_node *c;
	int k;

	for (c = last ? part->last : part->first; c; c = last ? c->prev : c->next)
		if (c->kind == RB_CHAPTER)
			return c->number;
		else if (c->kind == RB_PART && (k = end_chapter(c, last)) > 0)
			return k;
	return 0;
}

int
rb_chapters_through(const rb_node *root)
{
	const rb_node *p;
	int last = 0;

	/* the first two 编 with chapters decide */
	for (p = root->first; p; p = p->next) {
		int f;

		if (p->kind != RB_PART || rb_is_subpart(p) || !(f = end_chapter(p, 0)))
			continue;
		if (last)
			return f == last + 1;
		last = end_chapter(p, 1);
	}
	return 0;
}

/* Notes at the places whose text cites label (第五章) as this document's,
 * at most a few. */
void
rb_note_citations(rb_diags *d, const rb_node *root, const char *label)
{
	rb_walker w;
	size_t llen = strlen(label);
	int notes = 0;

	rb_walker_init(&w, (rb_node *)root);
	while (rb_walker_next(&w) != RB_EV_NONE && notes < 5) {
		const char *t = w.cur->text, *s;

		if (w.ev != RB_EV_ENTER || !t)
			continue;
		for (s = strstr(t, label); s && notes < 5; s = strstr(s + llen, label)) {
			unsigned line, col;

			if (rb_xref_external_before(t, (size_t)(s - t)))
				continue;
			rb_xref_position(w.cur, (size_t)(s - t), &line, &col);
			rb_diag_note(d, w.cur->file, line, col, "%s cited here", label);
			notes++;
		}
	}
}
