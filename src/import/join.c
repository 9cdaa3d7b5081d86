/* The third stage of the importer: pieces joined across hard wraps into
 * blocks (no blank between CJK), each a paragraph, a division, an article,
 * an item or a title; the wrap traps of SPEC §3.3 are kept as text
 * (二、三线, 每周/三、四下午, 安全第/一、, 十/一、 = 十一、, 6、12月份).
 * A block keeps, for each run of its text, the line and column it came
 * from.  The judges of a line's look (title, heading, sentence) live here
 * too: the later stages ask them the same questions. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "text/kinsoku.h"
#include "mem/mem.h"
#include "text/utf8.h"
#include "text/width.h"

static void
note_cp(struct block *b, uint32_t cp)
{
	b->cols += (size_t)rb_cp_width(cp, 0);
	b->sentence |= is_sentence_punct(cp);
	b->book += cp == 0x300A ? 1 : cp == 0x300B ? -1 : 0;
	b->quote += cp == 0x201C ? 1 : cp == 0x201D ? -1 : 0;
	b->paren += cp == 0xFF08 ? 1 : cp == 0xFF09 ? -1 : 0;
}

/* Append s[0..n) of a piece that starts at (no, col) to the block; a
 * blank between two ideographs (a join left by PDF extraction: 相 結合)
 * is dropped when squeeze is set. */
static void
block_put(struct block *b, const char *s, size_t n, unsigned no, unsigned col, int squeeze)
{
	size_t i = 0, k, run = 0;
	uint32_t prev = rb_utf8_last(b->text.data ? b->text.data : "", b->text.len), cp;

	while (i < n) {
		if (run == 0) {
			if (b->nsegs == b->segcap) {
				b->segcap = b->segcap ? 2 * b->segcap : 8;
				b->segs = rb_xrealloc(b->segs, b->segcap * sizeof(*b->segs));
			}
			b->segs[b->nsegs].off = b->text.len;
			b->segs[b->nsegs].no = no;
			b->segs[b->nsegs].col = col;
			b->nsegs++;
		}
		cp = cp_at(s + i, n - i, &k);
		if (squeeze && cp == ' ' && rb_cp_is_cjk(prev) && !is_final(prev) && i + 1 < n) {
			size_t k2;
			uint32_t next = cp_at(s + i + 1, n - i - 1, &k2);

			if (rb_cp_is_cjk(next) && next != 0x7B2C && !is_digit_cp(next)) {
				i += k;
				col++;
				run = 0;
				continue;
			}
		}
		rb_buf_put(&b->text, s + i, k);
		note_cp(b, cp);
		prev = cp;
		i += k;
		col++;
		run++;
	}
}

/* Recount what block_put keeps of a block's text (after a cut). */
static void
block_rescan(struct block *b)
{
	size_t i, k;

	b->cols = 0;
	b->sentence = b->book = b->quote = b->paren = 0;
	for (i = 0; i < b->text.len; i += k)
		note_cp(b, cp_at(b->text.data + i, b->text.len - i, &k));
}

static void
block_free(struct block *b)
{
	rb_buf_free(&b->text);
	free(b->segs);
}

/* Title words: a regulation title ends with one (before a bracketed
 * note such as (试行)). */
static const char *const title_words[] = {
	"制度", "职责", "職責", "办法", "辦法", "规定", "規定", "规则", "規則", "方案", "守则",
	"守則", "细则", "細則", "条例", "條例", "意见", "意見", "规程", "規程", "标准", "標準",
	"须知", "須知", "措施", "纪律", "紀律", "公约", "公約", "章程", "流程", "准则", "準則",
	"责任制", "責任制", "汇总", "匯總", "彙總", "大全", "汇编", "匯編", "规范", "規範",
	"任务", "任務", "制度汇编", "范文", "範文", "要点", "要點", "计划", "計劃", "規范",
	"规範", "辦法", "职責", "規則", "选编", "選編", NULL
};

/* Is s a title: short, no sentence punctuation, ends with a title word? */
int
imp_title_like(const char *s, size_t n)
{
	size_t i, k, end = n;
	uint32_t cp, last;
	const char *const *w;

	if (n < 6 || width(s, n) > 64)
		return 0;
	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (is_sentence_punct(cp) || cp == 0xFF1A || cp == ':')
			return 0;
	}
	last = rb_utf8_last(s, n);
	if (last == ')' || last == 0xFF09) {	/* a trailing (试行), (优秀20篇) */
		for (i = n; i > 0; i--)
			if (s[i - 1] == '(' || (i >= 3 && !memcmp(s + i - 3, "（", 3)))
				break;
		if (i > 0)
			end = s[i - 1] == '(' ? i - 1 : i - 3;
	}
	for (w = title_words; *w; w++) {
		size_t l = strlen(*w);

		if (end >= l && !memcmp(s + end - l, *w, l))
			return 1;
	}
	return 0;
}

/* Does s hold sentence punctuation (text, not a title or a list of
 * names)? */
int
imp_sentence(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k)
		if (is_sentence_punct(cp_at(s + i, n - i, &k)))
			return 1;
	return 0;
}

/* A heading: short, no sentence punctuation, no final punctuation. */
int
imp_heading_like(const char *s, size_t n)
{
	size_t i, k;
	uint32_t cp;

	if (!n || width(s, n) > 50 || is_final(rb_utf8_last(s, n)))
		return 0;
	for (i = 0; i < n; i += k) {
		cp = cp_at(s + i, n - i, &k);
		if (is_sentence_punct(cp))
			return 0;
	}
	return 1;
}

/* The item sequences open in a regulation: style and last number per
 * level, in order of appearance. */
struct seqs {
	rb_style style[16];
	int value[16];
	int n;
};

static int
seq_fits(const struct seqs *q, const rb_label *lab)
{
	int i;

	if (lab->number == 1)
		return 1;
	for (i = 0; i < q->n; i++)
		if (q->style[i] == lab->style)
			return lab->number == q->value[i] + 1 || lab->number == q->value[i];
	return 0;
}

/* Is the label the next number (2 or more) of an open sequence? */
static int
seq_next(const struct seqs *q, const rb_label *lab)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (q->style[i] == lab->style)
			return lab->number >= 2 && lab->number == q->value[i] + 1;
	return 0;
}

static void
seq_push(struct seqs *q, const rb_label *lab)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (q->style[i] == lab->style)
			break;
	if (i == q->n && q->n == 16)
		return;
	q->style[i] = lab->style;
	q->value[i] = lab->number;
	q->n = i + 1;
}

/* Is the label a weak one: the numeral after it runs on (二、三线,
 * 6、12月份, 三、四下午) — a list of numbers, not a clause? */
int
imp_weak_label(const char *s, size_t n, const rb_label *lab)
{
	size_t k, o = lab->len + lab->sep_len;
	uint32_t cp;

	if (o >= n || lab->sep_len)
		return 0;
	cp = cp_at(s + o, n - o, &k);
	if (lab->style == RB_STYLE_CN_DUN)
		return is_cn_digit(cp);
	if (lab->style == RB_STYLE_ARABIC_DUN || lab->style == RB_STYLE_ARABIC_DOT)
		return is_digit_cp(cp);
	return 0;
}

/* Does the block end inside something: 1 when it ends with 第 (安全第 /
 * 一、), an open bracket, quote or title mark, or a comma; 2 when a
 * bracket, quote or title mark opened in it is not closed. */
static int
ends_open(const struct block *b)
{
	uint32_t last = rb_utf8_last(b->text.data, b->text.len);

	if (last == 0x7B2C || last == 0xFF08 || last == '(' || last == 0x300A || last == 0x201C ||
	    last == 0x3010 || last == 0x3014 || last == 0x3001 || last == 0xFF0C || last == ',')
		return 1;
	return b->book > 0 || b->quote > 0 || b->paren > 0 ? 2 : 0;
}

static struct block *
block_new(struct blocks *bs, const struct piece *p)
{
	struct block *b;

	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? 2 * bs->cap : 256;
		bs->v = rb_xrealloc(bs->v, bs->cap * sizeof(*bs->v));
	}
	b = &bs->v[bs->n++];
	memset(b, 0, sizeof(*b));
	rb_buf_init(&b->text);
	rb_buf_put(&b->text, "", 0);
	b->no = p->no;
	return b;
}

static enum bkind
kind_of(const char *s, size_t n, int has, const rb_label *lab)
{
	if (has && imp_ordinal(lab->style)) {
		if (!strcmp(lab->unit, "篇") || !strcmp(lab->unit, "部分"))
			return B_PART;
		if (!strcmp(lab->unit, "条") || !strcmp(lab->unit, "條"))
			return B_ARTICLE;
		if (imp_is_division_unit(lab->unit) || !strcmp(lab->unit, "编") || !strcmp(lab->unit, "編") ||
		    (lab->style == RB_STYLE_TW_ORDINAL && (!strcmp(lab->unit, "款") || !strcmp(lab->unit, "目"))))
			return B_DIV;
		return B_TEXT;
	}
	if (has && lab->style != RB_STYLE_DECIMAL_OUTLINE && n > lab->len)
		return B_ITEM;
	if (has && lab->style == RB_STYLE_DECIMAL_OUTLINE)
		return B_ITEM;
	return imp_heading_like(s, n) ? B_TITLE : B_TEXT;
}

/* The width hard-wrapped lines were cut at (most lines that end inside
 * a sentence have it), 0 when the text is not hard-wrapped. */
static size_t
wrap_width(const struct piece *p, size_t n)
{
	size_t hist[201], i, best = 0, total = 0;

	memset(hist, 0, sizeof(hist));
	for (i = 0; i < n; i++) {
		size_t w = width(p[i].s, p[i].len);

		if (w >= 40 && w <= 200 && !is_final(rb_utf8_last(p[i].s, p[i].len)))
			hist[w]++, total++;
	}
	for (i = 41; i < 200; i++)
		if (hist[i - 1] + hist[i] + hist[i + 1] > hist[best ? best - 1 : 0] + hist[best] +
		    hist[best + 1] || !best)
			best = i;
	if (!best || hist[best - 1] + hist[best] + hist[best + 1] < 10 ||
	    (hist[best - 1] + hist[best] + hist[best + 1]) * 4 < total)
		return 0;
	return best + 1;
}

/* heading_like of a block, from what block_put kept. */
static int
block_heading(const struct block *b)
{
	return b->text.len && b->cols <= 50 && !b->sentence &&
	    !is_final(rb_utf8_last(b->text.data, b->text.len));
}

/* Does piece p (label lab when has) continue block a rather than start a
 * block of its own? */
static int
joins(const struct block *a, size_t a_last_w, const struct piece *p, int has,
      const rb_label *lab, const struct seqs *q, size_t wrap)
{
	size_t k;
	uint32_t first = cp_at(p->s, p->len, &k), last;
	int strong = has && imp_ordinal(lab->style) && kind_of(p->s, p->len, has, lab) != B_TEXT;
	int unfinished;

	if (a->kind == B_PART || !a->text.len)
		return 0;
	last = rb_utf8_last(a->text.data, a->text.len);
	unfinished = !is_final(last) && last != 0xFF1A && last != ':';
	if (strong)
		return last == 0x7B2C;	/* 安全第 / 一条… is rare; 第 never ends a line */
	/* a line cut off at a comma, then the next number of an open
	 * sequence (…必须规范完整, / 九、严格按照…: 八、 lost its end, 九、
	 * is the next item) */
	if ((last == 0xFF0C || last == ',') && has && seq_next(q, lab) &&
	    !imp_weak_label(p->s, p->len, lab))
		return 0;
	/* 禁则: what no line may start with continues the line before */
	if (ends_open(a) == 1 || rb_kinsoku_no_start(first))
		return 1;
	if (!unfinished)
		return 0;
	if (ends_open(a) == 2)
		return 1;	/* 《医保定点医院 / 二、三线抗菌药物使用申请表》 */
	if (has && imp_weak_label(p->s, p->len, lab))
		return 1;	/* 凡使用 / 二、三线抗菌药物 */
	if (!has && chars(p->s, p->len) <= 5 && imp_title_like(p->s, p->len) &&
	    block_heading(a) && !imp_title_like(a->text.data, a->text.len) &&
	    a->kind != B_DIV)
		return 1;	/* a title wrapped: …信息设备使用 / 管理制度 */
	if (a->kind == B_TITLE)
		return 0;
	if (has && !seq_fits(q, lab))
		return 1;
	if (block_heading(a))
		return 0;	/* a heading: what follows is its body */
	if (wrap && a_last_w + 8 >= wrap)
		return !has;
	if (!has && a_last_w >= 24 && !imp_heading_like(p->s, p->len))
		return 1;
	return 0;
}

/* A numeral left at the end of a line that belongs to the label of the
 * next (十 / 一、 = 十一、): its length, 0 when none. */
static size_t
carried_numeral(const rb_buf *t, const struct piece *p, int has, const rb_label *lab)
{
	size_t i = t->len, n = 0;

	if (!has || lab->style != RB_STYLE_CN_DUN || lab->number >= 10)
		return 0;
	while (i >= 3 && n < 3) {
		size_t k;
		uint32_t cp = cp_at(t->data + i - 3, 3, &k);

		if (!is_cn_digit(cp) || k != 3)
			break;
		i -= 3;
		n++;
	}
	(void)p;
	if (!n || i == 0 || t->data[i - 1] != ' ')
		return 0;
	{
		int v;
		unsigned f;

		if (rb_cn_parse(t->data + i, t->len - i, &v, &f) != t->len - i || v % 10 != 0)
			return 0;
	}
	return t->len - i;
}

static void
form_blocks(struct piece *p, size_t np, struct blocks *bs)
{
	struct seqs q;
	struct block *a = NULL;
	size_t wrap = wrap_width(p, np), a_last_w = 0, i;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < np; i++) {
		rb_label lab;
		int has = imp_label_at(p[i].s, p[i].len, &lab);
		size_t carry;
		enum bkind kind;

		if (a && joins(a, a_last_w, &p[i], has, &lab, &q, wrap)) {
			uint32_t l = rb_utf8_last(a->text.data, a->text.len);

			/* Latin words stay apart; punctuation no line may start
			 * or end with holds on to its neighbour (95 / % is 95%) */
			if (l < 0x80 && l != ' ' && p[i].s[0] > 0 && p[i].s[0] != ' ' &&
			    !rb_kinsoku_no_end(l) && !rb_kinsoku_no_start((unsigned char)p[i].s[0]))
				{ rb_buf_putc(&a->text, ' '); a->cols++; }
			block_put(a, p[i].s, p[i].len, p[i].no, p[i].col,
				  imp_sentence(p[i].s, p[i].len) || a->sentence);
			a_last_w = width(p[i].s, p[i].len);
			continue;
		}
		carry = a ? carried_numeral(&a->text, &p[i], has, &lab) : 0;
		kind = kind_of(p[i].s, p[i].len, has, &lab);
		{
			struct block *b = block_new(bs, &p[i]);

			a = bs->n >= 2 ? &bs->v[bs->n - 2] : NULL;
			if (carry && a) {
				/* 十 / 一、 → 十一、: move the numeral down */
				size_t at = a->text.len - carry, s;
				unsigned no = 0, col = 0;

				for (s = a->nsegs; s > 0; s--)
					if (a->segs[s - 1].off <= at) {
						no = a->segs[s - 1].no;
						col = a->segs[s - 1].col + (unsigned)chars(a->text.data + a->segs[s - 1].off,
											   at - a->segs[s - 1].off);
						break;
					}
				block_put(b, a->text.data + at, carry, no, col, 0);
				a->text.len = at;
				while (a->text.len && a->text.data[a->text.len - 1] == ' ')
					a->text.len--;
				a->text.data[a->text.len] = '\0';
				while (a->nsegs && a->segs[a->nsegs - 1].off >= a->text.len && a->nsegs > 1)
					a->nsegs--;
				block_rescan(a);
			}
			{
				size_t ll = has ? lab.len + lab.sep_len : 0;

				block_put(b, p[i].s, ll, p[i].no, p[i].col, 0);
				block_put(b, p[i].s + ll, p[i].len - ll, p[i].no,
					  p[i].col + (unsigned)chars(p[i].s, ll), imp_sentence(p[i].s, p[i].len));
			}
			if (carry) {
				has = imp_label_at(b->text.data, b->text.len, &lab);
				kind = kind_of(b->text.data, b->text.len, has, &lab);
			}
			b->kind = kind;
			b->lab = lab;
			if (!has)
				memset(&b->lab, 0, sizeof(b->lab));
			b->title_like = imp_title_like(b->text.data, b->text.len);
			if (b->kind == B_ITEM)
				seq_push(&q, &b->lab);
			else if (b->kind != B_TEXT && b->kind != B_TITLE)
				memset(&q, 0, sizeof(q));
			else if (b->kind == B_TITLE && b->title_like && !has)
				memset(&q, 0, sizeof(q));
			a = b;
			a_last_w = width(p[i].s, p[i].len);
		}
	}
}

void
imp_block_pos(const struct block *b, size_t off, unsigned *no, unsigned *col)
{
	size_t s = 0;

	while (s + 1 < b->nsegs && b->segs[s + 1].off <= off)
		s++;
	*no = b->nsegs ? b->segs[s].no : b->no;
	*col = b->nsegs ? b->segs[s].col + (unsigned)chars(b->text.data + b->segs[s].off,
							    off - b->segs[s].off) : 1;
}

/* Block b's text [from, to) as a block of its own. */
static void
block_slice(const struct block *b, size_t from, size_t to, struct block *out)
{
	size_t i;

	while (to > from && b->text.data[to - 1] == ' ')
		to--;
	memset(out, 0, sizeof(*out));
	rb_buf_init(&out->text);
	rb_buf_put(&out->text, b->text.data + from, to - from);
	out->segcap = b->nsegs + 1;
	out->segs = rb_xmalloc(out->segcap * sizeof(*out->segs));
	out->segs[0].off = 0;
	imp_block_pos(b, from, &out->segs[0].no, &out->segs[0].col);
	out->nsegs = 1;
	for (i = 0; i < b->nsegs; i++)
		if (b->segs[i].off > from && b->segs[i].off < to) {
			out->segs[out->nsegs] = b->segs[i];
			out->segs[out->nsegs].off -= from;
			out->nsegs++;
		}
	out->no = out->segs[0].no;
}

/* Inline lists (会议内容包括：(1)传达上级文件;(2)研究…;(3)…) become one
 * item per member; joining lines first lets a list run over a wrap. */
static void
split_lists(struct blocks *bs)
{
	struct blocks nb;
	size_t i, cuts[64], ncut, k;

	memset(&nb, 0, sizeof(nb));
	for (i = 0; i < bs->n; i++) {
		struct block *b = &bs->v[i];

		ncut = b->kind == B_TEXT || b->kind == B_ITEM || b->kind == B_ARTICLE ?
		    imp_find_cuts(b->text.data, b->text.len, CUT_LISTS, cuts, 64) : 0;
		if (nb.n + ncut + 1 > nb.cap) {
			nb.cap = 2 * (nb.n + ncut + 1) + 64;
			nb.v = rb_xrealloc(nb.v, nb.cap * sizeof(*nb.v));
		}
		if (!ncut) {
			nb.v[nb.n++] = *b;
			continue;
		}
		for (k = 0; k <= ncut; k++) {
			struct block *o = &nb.v[nb.n++];
			int has;

			block_slice(b, k ? cuts[k - 1] : 0, k < ncut ? cuts[k] : b->text.len, o);
			has = imp_label_at(o->text.data, o->text.len, &o->lab);
			if (!has)
				memset(&o->lab, 0, sizeof(o->lab));
			o->kind = k ? B_ITEM : b->kind;
			o->title_like = 0;
		}
		block_free(b);
	}
	free(bs->v);
	*bs = nb;
}

void
imp_join_blocks(struct piece *p, size_t np, struct blocks *bs)
{
	memset(bs, 0, sizeof(*bs));
	form_blocks(p, np, bs);
	split_lists(bs);
}

void
imp_blocks_free(struct blocks *bs)
{
	size_t i;

	for (i = 0; i < bs->n; i++)
		block_free(&bs->v[i]);
	free(bs->v);
	memset(bs, 0, sizeof(*bs));
}
