/* The last stage of the importer: the blocks segmented into parts
 * (第一篇), regulations (titles, institution + title pairs), preambles and
 * clauses, written as Markdown the Markdown loader reads back (levels of
 * items are inferred there, by order of appearance).  Every run of text
 * written is mapped back to its line and column in the text
 * (rb_import_map_add), so diagnostics on the Markdown point at the .txt. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "tree/import_map.h"
#include "mem/mem.h"
#include "text/text.h"
#include "text/utf8.h"
#include "text/width.h"

static int reg_title(const struct block *b);
static int compilation_title(const struct block *b);
static int is_attachment(const struct block *b);

/* What is written next comes from the text at (line, col). */
static void
add_seg(struct ictx *c, unsigned line, unsigned col)
{
	rb_import_map_add(c->out, c->mdline, c->md->len - c->mdbol, line, col);
}

static void
md_newline(struct ictx *c)
{
	rb_buf_putc(c->md, '\n');
	c->mdline++;
	c->mdbol = c->md->len;
}

static void
md_puts(struct ictx *c, const char *s)
{
	for (; *s; s++) {
		rb_buf_putc(c->md, *s);
		if (*s == '\n') {
			c->mdline++;
			c->mdbol = c->md->len;
		}
	}
}

/* ---- Markdown ---- */

static size_t pinyin_reading(const char *s, size_t i, size_t to, uint32_t prev);

/* Chinese on that side of a punctuation mark: an ideograph, kana, a
 * full-width form, CJK punctuation or a curly quote. */
static int
chinese_side(uint32_t cp)
{
	return rb_cp_is_cjk(cp) || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* Does the ( at s[i] close at a ) before to, with Chinese between
 * (（试行）, （包括U盘） but (1), (2011) as they are)?  Its offset, or 0. */
static size_t
chinese_parens(const char *s, size_t i, size_t to)
{
	size_t j, k, r;
	uint32_t prev = 0, cp;
	int zh = 0;

	for (j = i + 1; j < to && s[j] != ')'; j += k, prev = cp) {
		cp = cp_at(s + j, to - j, &k);

		if (s[j] == '(' && (r = pinyin_reading(s, j, to, prev)) != 0) {
			k = r;	/* 区(qū): the reading goes, the bracket is still ours */
			continue;
		}
		if (s[j] == '(')
			return 0;
		zh |= rb_cp_is_cjk(cp) && cp < 0xFF00;
	}
	return j < to && zh ? j : 0;
}

/* The full-width form of a half-width , ; : ? ! ( ) met in Chinese text
 * (SPEC §3.3: never in numbers, dates, URLs or Latin text: the mark must
 * follow a Chinese character, or be a bracket around Chinese), or NULL. */
static const char *
full_width_of(struct ictx *c, const char *s, size_t i, size_t to, size_t *close)
{
	uint32_t prev = c->md->len ? rb_utf8_last(c->md->data, c->md->len) : 0;

	if (c->opts && c->opts->keep_punctuation)
		return NULL;
	if (!chinese_side(prev) && i + 1 < to && s[i] != '(') {
		size_t k;
		uint32_t next = cp_at(s + i + 1, to - i - 1, &k);

		/* 50%,满一个月: Chinese after, no Latin word before */
		if (!chinese_side(next) || next == 0x3000 || (prev < 0x80 && ((prev | 32) >= 'a' && (prev | 32) <= 'z')))
			return NULL;
		prev = next;
	}
	switch (s[i]) {
	case '(':
		if ((*close = chinese_parens(s, i, to)) != 0)
			return "\xef\xbc\x88";	/* （ */
		return NULL;
	case ',':
		return chinese_side(prev) ? "\xef\xbc\x8c" : NULL;
	case ';':
		return chinese_side(prev) ? "\xef\xbc\x9b" : NULL;
	case ':':
		return chinese_side(prev) && !(i + 1 < to && s[i + 1] == '/') ? "\xef\xbc\x9a" : NULL;
	case '?':
		return chinese_side(prev) ? "\xef\xbc\x9f" : NULL;
	case '!':
		return chinese_side(prev) ? "\xef\xbc\x81" : NULL;
	default:
		return NULL;
	}
}

/* A reading in pinyin a web page left after an ideograph (規(guī)定,
 * 縣統(tǒng)計局): the length of "(guī)" at s[i], or 0. */
static size_t
pinyin_reading(const char *s, size_t i, size_t to, uint32_t prev)
{
	size_t j, k, letters = 0;
	int tone = 0;

	if (s[i] != '(' || !rb_cp_is_cjk(prev) || prev >= 0xFF00 || prev < 0x3400)
		return 0;
	for (j = i + 1; j < to && s[j] != ')'; j += k) {
		uint32_t cp = cp_at(s + j, to - j, &k);

		if (cp >= 'a' && cp <= 'z')
			letters++;
		else if ((cp >= 0xE0 && cp <= 0xFC) || (cp >= 0x100 && cp <= 0x1DC))
			letters++, tone = 1;	/* ā á ǎ à … ǜ */
		else
			return 0;
	}
	return j < to && tone && letters <= 6 ? j + 1 - i : 0;
}

/* Write text[from, to) of block b as Markdown inline text, escaping what
 * Markdown would read as syntax, half-width punctuation in Chinese made
 * full-width; at_start: the text begins a block. */
static void
put_text(struct ictx *c, const struct block *b, size_t from, size_t to, int at_start)
{
	size_t s = 0, i, closes[8], nclose = 0, close = 0, skip;
	const char *wide;

	while (s + 1 < b->nsegs && b->segs[s + 1].off <= from)
		s++;
	for (i = from; i < to; i++) {
		char ch = b->text.data[i];
		int esc = 0;

		if (s < b->nsegs && (i == from || (s + 1 < b->nsegs && b->segs[s + 1].off == i))) {
			if (i != from)
				s++;
			add_seg(c, b->segs[s].no, b->segs[s].col +
				(unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off));
		}
		switch (ch) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
		case '{': case '}': case '&': case '|': case '$':
			esc = 1;
			break;
		case '#': case '-': case '+': case '=': case '~':
			/* block syntax at the start of a line (N. and N) stay: an
			 * ordered list is read as items, as the labels they are) */
			esc = at_start && i == from;
			break;
		default:
			break;
		}
		if (esc) {
			rb_buf_putc(c->md, '\\');
			/* columns after the backslash are one further on */
			add_seg(c, b->segs[s].no, b->segs[s].col +
				(unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off));
		}
		if (!(c->opts && c->opts->keep_punctuation) &&
		    (skip = pinyin_reading(b->text.data, i, to,
					   c->md->len ? rb_utf8_last(c->md->data, c->md->len) : 0))) {
			i += skip - 1;	/* a web page's ruby, not the text's */
			while (s + 1 < b->nsegs && b->segs[s + 1].off <= i + 1)
				s++;
			if (i + 1 < to && s < b->nsegs)	/* the text after it is further on */
				add_seg(c, b->segs[s].no, b->segs[s].col +
					(unsigned)chars(b->text.data + b->segs[s].off, i + 1 - b->segs[s].off));
			continue;
		}
		if (nclose && closes[nclose - 1] == i) {
			rb_buf_puts(c->md, "\xef\xbc\x89");	/* ） of a （ made full-width */
			nclose--;
		} else if ((ch != '(' || nclose < sizeof closes / sizeof *closes) &&
			   (wide = full_width_of(c, b->text.data, i, to, &close)) != NULL) {
			rb_buf_puts(c->md, wide);
			if (ch == '(')
				closes[nclose++] = close;
		} else
			rb_buf_putc(c->md, ch);
	}
}

/* Letter-spaced titles (总 则, 職 業 健 康): single characters apart,
 * from offset from on; the blanks go, positions stay right. */
static void
collapse_spacing(struct block *b, size_t from)
{
	size_t i, k, singles = 0, spaces = 0, nn = 0, s = 0, cap;
	uint32_t cp;
	rb_buf t;
	struct bseg *ns;
	int after_space = 0;

	/* every run between blanks is short: one to three ideographs, or a
	 * reading in brackets (衛(wèi)) */
	for (i = from; i <= b->text.len; i += k) {
		k = 1;
		cp = i < b->text.len ? cp_at(b->text.data + i, b->text.len - i, &k) : ' ';
		if (cp == ' ' || cp == 0x3000) {
			if (singles > 3)
				return;
			if (singles && i < b->text.len)
				spaces++;
			singles = 0;
		} else if (cp == '(') {
			const char *close = memchr(b->text.data + i, ')', b->text.len - i);

			if (!close)
				return;
			k = (size_t)(close - (b->text.data + i)) + 1;
		} else if (rb_cp_is_cjk(cp))
			singles++;
		else
			return;
	}
	if (!spaces || (spaces < 2 && b->kind != B_DIV) ||
	    width(b->text.data + from, b->text.len - from) > 80 || !b->nsegs)
		return;
	rb_buf_init(&t);
	rb_buf_put(&t, "", 0);
	cap = b->nsegs + b->text.len;
	ns = rb_xmalloc(cap * sizeof(*ns));
	for (i = 0; i < b->text.len; i += k) {
		int sp;

		cp = cp_at(b->text.data + i, b->text.len - i, &k);
		while (s + 1 < b->nsegs && b->segs[s + 1].off <= i)
			s++;
		sp = i >= from && (cp == ' ' || cp == 0x3000);
		if (!sp) {
			if (i == b->segs[s].off || after_space) {
				ns[nn].off = t.len;
				ns[nn].no = b->segs[s].no;
				ns[nn].col = b->segs[s].col +
				    (unsigned)chars(b->text.data + b->segs[s].off, i - b->segs[s].off);
				nn++;
			}
			rb_buf_put(&t, b->text.data + i, k);
		}
		after_space = sp;
	}
	free(b->segs);
	b->segs = ns;
	b->nsegs = nn;
	b->segcap = cap;
	rb_buf_free(&b->text);
	b->text = t;
}

static void
put_block_line(struct ictx *c, const char *prefix, const struct block *b, size_t from)
{
	md_puts(c, prefix);
	put_text(c, b, from, b->text.len, !*prefix);
	md_newline(c);
	md_newline(c);
}

/* Move block b's text onto the end of a (label-only 第一条 + its text). */
static void
merge_into(struct block *a, struct block *b)
{
	size_t base, i;

	if (rb_utf8_last(a->text.data, a->text.len) != ' ')
		rb_buf_putc(&a->text, ' ');
	base = a->text.len;
	rb_buf_put(&a->text, b->text.data, b->text.len);
	a->segcap = a->nsegs + b->nsegs;
	a->segs = rb_xrealloc(a->segs, a->segcap * sizeof(*a->segs));
	for (i = 0; i < b->nsegs; i++) {
		a->segs[a->nsegs] = b->segs[i];
		a->segs[a->nsegs].off += base;
		a->nsegs++;
	}
	b->text.len = 0;
	b->kind = B_TEXT;
	b->nsegs = 0;
}

/* The next block at or after i with text, or NULL. */
static struct block *
next_block(struct blocks *bs, size_t i)
{
	for (; i < bs->n; i++)
		if (bs->v[i].text.len)
			return &bs->v[i];
	return NULL;
}

static int
label_only(const struct block *b)
{
	return b->lab.len && b->lab.len + b->lab.sep_len >= b->text.len;
}

/* 2004年3月26日, 二○○五年三月十日, 二oo五年六月十六日, 2024-01-01: a
 * date on a line of its own (a regulation's closing). */
static int
is_date_line(const char *s, size_t n)
{
	size_t i = 0, k, d;
	uint32_t cp;
	int part;

	if (n >= 8 && n <= 10 && isdigit_ascii(s[0])) {	/* 2024-01-01 2024.1.1 */
		for (i = 0, d = 0; i < n; i++) {
			if (isdigit_ascii(s[i]))
				d++;
			else if (s[i] != '-' && s[i] != '.' && s[i] != '/')
				return 0;
		}
		return d >= 6;
	}
	for (part = 0; part < 3 && i < n; part++) {
		static const char *const unit[] = { "年", "月", "日" };

		for (d = 0; i < n; i += k, d++) {
			cp = cp_at(s + i, n - i, &k);
			if (!(is_digit_cp(cp) || is_cn_digit(cp) || cp == 0x25CB || cp == 'o' || cp == 'O'))
				break;
		}
		if (!d || d > (part ? 3 : 4) || !rb_prefix(s + i, n - i, unit[part]))
			return 0;
		i += 3;
	}
	return part >= 2 && i == n;
}

/* Does the closing of a regulation (a signature and a date) start at
 * block i: date lines, and short lines right before one, up to the next
 * regulation? */
static int
closing_at(struct blocks *bs, size_t i)
{
	size_t j;
	int dates = 0;

	for (j = i; j < bs->n; j++) {
		const struct block *b = &bs->v[j], *nx;

		if (!b->text.len)
			continue;
		if (b->kind == B_PART || (b->kind == B_TITLE && b->title_like) || is_attachment(b))
			break;
		if (is_date_line(b->text.data, b->text.len)) {
			dates++;
			continue;
		}
		nx = next_block(bs, j + 1);
		if (b->kind == B_TITLE && b->cols <= 40 && nx &&
		    is_date_line(nx->text.data, nx->text.len))
			continue;	/* the signature over the date */
		if (b->kind == B_TITLE && reg_title(nx))
			break;		/* the next one's institution */
		return 0;
	}
	return dates > 0;
}

/* 附: 附件1 附表: the attachments of a regulation start here. */
static int
is_attachment(const struct block *b)
{
	const char *s = b->text.data;
	size_t n = b->text.len, k;

	if (b->cols > 60 || !((k = rb_prefix(s, n, "附件")) || (k = rb_prefix(s, n, "附表")) ||
			      (k = rb_prefix(s, n, "附"))))
		return 0;
	return k == n || s[k] == ':' || s[k] == ' ' || rb_prefix(s + k, n - k, "：") ||
	    (k == 6 && (isdigit_ascii(s[k]) || is_cn_digit(cp_at(s + k, n - k, &k))));
}

/* A field of a form flattened to a line of its own (用车科室, 月 日上午
 * 时 分): a short line that is neither a title nor a clause. */
static int
form_field(const struct block *b)
{
	return b && b->kind == B_TITLE && !b->title_like && b->cols <= 16;
}

/* 职业健康管理制度汇编, …制度汇总: the title of a compilation, never of
 * one regulation. */
static int
compilation_title(const struct block *b)
{
	const char *s = b->text.data;
	size_t n = b->text.len;

	return n >= 6 && (!memcmp(s + n - 6, "汇编", 6) || !memcmp(s + n - 6, "汇总", 6) ||
			  !memcmp(s + n - 6, "彙編", 6) || !memcmp(s + n - 6, "匯編", 6));
}

/* Blocks that open a regulation of their own: a title. */
static int
reg_title(const struct block *b)
{
	return b && b->kind == B_TITLE && b->title_like;
}

/* Block i is a titled 1 (（一）xx保密工作领导小组职责): is the 2 of its
 * style after it a title too, so that the numbers are those of
 * regulations rather than of clauses? */
static int
second_titled(struct blocks *bs, size_t i)
{
	const struct block *b = &bs->v[i];
	size_t j;

	for (j = i + 1; j < bs->n && j < i + 400; j++) {
		const struct block *x = &bs->v[j];

		if (x->kind == B_PART)
			return 0;
		if (x->kind == B_ITEM && x->lab.style == b->lab.style && x->lab.number >= 2 &&
		    x->lab.number <= 4)
			return x->title_like;
	}
	return 0;
}

/* Is a title-like line letter-spaced (会 议 制 度, 职 业 健 康 管 理 制度):
 * every run a character, or a title once closed up?  (A form's 月 日上午
 * 时 分 keeps its blanks.) */
static int
spaced_title(const struct block *b)
{
	size_t i, k, run = 0, longest = 0;
	rb_buf t;
	int title;

	for (i = 0; i < b->text.len; i += k) {
		uint32_t cp = cp_at(b->text.data + i, b->text.len - i, &k);

		if (cp == ' ' || cp == 0x3000)
			run = 0;
		else if (++run > longest)
			longest = run;
	}
	if (longest <= 1)
		return 1;
	rb_buf_init(&t);
	for (i = 0; i < b->text.len; i++)
		if (b->text.data[i] != ' ')
			rb_buf_putc(&t, b->text.data[i]);
	rb_buf_put(&t, "", 0);
	title = imp_title_like(t.data, t.len);
	rb_buf_free(&t);
	return title;
}

static void
settle_blocks(struct blocks *bs)
{
	size_t i;

	/* letter spacing, label-only lines, titles */
	for (i = 0; i < bs->n; i++) {
		struct block *b = &bs->v[i], *nx = next_block(bs, i + 1);

		if (!b->text.len)
			continue;
		if (b->kind == B_TITLE && spaced_title(b))
			collapse_spacing(b, 0);
		if (b->kind == B_DIV && label_only(b) && nx && nx->kind == B_TITLE && !nx->title_like)
			merge_into(b, nx);
		if (b->kind == B_DIV)
			collapse_spacing(b, b->lab.len + b->lab.sep_len);
		if (b->kind == B_ARTICLE && label_only(b) && nx &&
		    (nx->kind == B_TEXT || (nx->kind == B_TITLE && !nx->title_like) ||
		     /* 第 6 條 / 第二條第一款所定…: the text cites an article */
		     (nx->kind == B_ARTICLE && b->lab.style == RB_STYLE_TW_ORDINAL &&
		      nx->lab.style != RB_STYLE_TW_ORDINAL)))
			merge_into(b, nx);
		b->title_like = imp_title_like(b->text.data, b->text.len);
	}
}

/* The title of the regulation at block i: in a book, what reg_names.c
 * found its opening names it, else the block as written (the first pass
 * lists the regulations for it). */
static void
put_reg_title(struct ictx *c, struct blocks *bs, size_t i, const char *head)
{
	struct reg_head *h;

	if (*head == '#' && head[1] == ' ') {	/* one document: no book */
		put_block_line(c, head, &bs->v[i], 0);
		return;
	}
	if (!c->naming) {
		if (c->nheads == c->capheads) {
			c->capheads = c->capheads ? 2 * c->capheads : 16;
			c->heads = rb_xrealloc(c->heads, c->capheads * sizeof(*c->heads));
		}
		h = &c->heads[c->nheads++];
		memset(h, 0, sizeof(*h));
		h->title = i;
		h->body = SIZE_MAX;
		put_block_line(c, head, &bs->v[i], 0);
		return;
	}
	for (h = c->heads; h < c->heads + c->nheads && h->title != i; h++)
		;
	if (h == c->heads + c->nheads || h->body == SIZE_MAX) {
		put_block_line(c, head, &bs->v[i], 0);
		return;
	}
	md_puts(c, head);
	put_text(c, &bs->v[h->body], h->from, h->to, 0);
	md_newline(c);
	md_newline(c);
}

/* Write the blocks as a book (front matter handbook:, # parts, ##
 * regulations), or with single set as one document (# title).  Returns
 * the number of regulations; *parts receives the number of parts. */
static int
emit_book(struct ictx *c, struct blocks *bs, int single, int *parts)
{
	size_t i = 0;
	int in_reg = 0, just_titled = 0, loose = 0, part_open = 0, regs = 0, closed = 0;
	rb_style book_style = RB_STYLE_NONE;
	int book_last = 0;
	int inner_last = 0;	/* the last item of book_style inside the regulation */
	struct block *inst = NULL;
	const char *reg_head = single ? "# " : "## ";

	*parts = 0;
	if (single) {
		if (bs->n && bs->v[0].kind == B_TITLE) {
			/* Taiwan's law database heads a law 法規名稱：民法 */
			put_block_line(c, "# ", &bs->v[0],
				       rb_prefix(bs->v[0].text.data, bs->v[0].text.len, "法規名稱："));
			i = 1;
		}
		in_reg = 1;
	} else {
		md_puts(c, "---\nhandbook: ");
		i = imp_book_title(c, bs);
		md_puts(c, "\n---\n\n");
	}

	for (; i < bs->n; i++) {
		struct block *b = &bs->v[i], *nx = next_block(bs, i + 1);

		if (!b->text.len)
			continue;
		if (b->kind == B_PART) {
			book_style = RB_STYLE_NONE;	/* numbered titles restart */
			book_last = 0;
			if (nx && (reg_title(nx) || nx->kind == B_PART ||
				   (nx->kind == B_TITLE && reg_title(next_block(bs, (size_t)(nx - bs->v) + 1))))) {
				put_block_line(c, "# ", b, 0);
				part_open = 1;
				in_reg = 0;
				++*parts;
			} else {
				put_reg_title(c, bs, i, reg_head);	/* a part that is one regulation */
				part_open = 0;
				in_reg = 1;
				closed = 0;
				regs++;
			}
			continue;
		}
		if (b->kind == B_TITLE && !b->title_like && reg_title(nx) && width(b->text.data, b->text.len) <= 40) {
			inst = b;	/* 玉皇小学 / 少年宫…制度: the institution */
			continue;
		}
		if (reg_title(b) ||
		    (b->kind == B_ITEM && book_style != RB_STYLE_NONE && b->lab.style == book_style &&
		     b->lab.number > book_last && (b->title_like || (loose && b->lab.number == book_last + 1 &&
				       inner_last != b->lab.number - 1 &&
				       imp_heading_like(b->text.data, b->text.len)))) ||
		    (b->kind == B_ITEM && book_style == RB_STYLE_NONE && (!in_reg || just_titled) &&
		     b->lab.number == 1 && b->title_like && second_titled(bs, i))) {
			loose = b->kind == B_ITEM;	/* 24.計算機外存儲器保密管理 after 23. */
			if (b->kind == B_ITEM) {
				book_style = b->lab.style;
				book_last = b->lab.number;
			} else if ((reg_title(nx) || (nx && nx->kind == B_PART) || (nx && nx->kind == B_ITEM && nx->lab.number == 1 &&
						       nx->title_like && book_style == RB_STYLE_NONE &&
						       second_titled(bs, (size_t)(nx - bs->v)))) &&
				   (!inst || compilation_title(b))) {
				/* a title over titles: a group of regulations (the
				 * words of a part when one is open), with the
				 * institution that compiled it */
				put_block_line(c, part_open ? "" : "# ", b, 0);
				*parts += !part_open;
				part_open = 1;
				in_reg = 0;
				if (inst) {
					put_block_line(c, "", inst, 0);
					inst = NULL;
				}
				continue;
			}
			put_reg_title(c, bs, i, reg_head);
			part_open = 0;
			regs++;
			inner_last = 0;
			if (inst) {
				put_block_line(c, "", inst, 0);
				inst = NULL;
			}
			in_reg = 1;
			closed = 0;
			just_titled = 1;
			continue;
		}
		just_titled = 0;
		/* (七)…管理规定 then its items (一)…(七): a (八) after them
		 * is its next item, not the next regulation */
		if (b->kind == B_ITEM && b->lab.style == book_style)
			inner_last = b->lab.number;
		if (inst) {
			put_block_line(c, "", inst, 0);
			inst = NULL;
		}
		if (form_field(b)) {
			/* four fields or more in a row: a form, on one line */
			size_t j = i, run = 0;
			struct block *x;

			while ((x = next_block(bs, j)) != NULL && form_field(x) && !reg_title(next_block(bs, (size_t)(x - bs->v) + 1)))
				run++, j = (size_t)(x - bs->v) + 1;
			if (run >= 4) {
				for (j = i; j < bs->n; j++) {
					x = &bs->v[j];
					if (!x->text.len)
						continue;
					if (!form_field(x) || !run--)
						break;
					if (j > i)
						md_puts(c, "　");
					put_text(c, x, 0, x->text.len, j == i);
				}
				md_newline(c);
				md_newline(c);
				i = j - 1;
				continue;
			}
		}
		if (is_attachment(b)) {
			put_block_line(c, "#### ", b, 0);	/* the attachments */
			continue;
		}
		if (in_reg && !closed && closing_at(bs, i)) {
			md_puts(c, "***\n\n");	/* the closing: signature and date */
			closed = 1;
		}
		if (b->kind == B_DIV)
			put_block_line(c, "### ", b, 0);
		else
			put_block_line(c, "", b, 0);
	}
	if (inst)
		put_block_line(c, "", inst, 0);
	(void)in_reg;
	return regs;
}

/* Write the book again from the start: the Markdown, its map and what
 * the book's title listed since ndrops. */
static void
restart(struct ictx *c, size_t ndrops)
{
	while (c->out->ndrops > ndrops) {
		c->out->ndrops--;
		free(c->out->drops[c->out->ndrops].why);
		free(c->out->drops[c->out->ndrops].text);
	}
	rb_buf_reset(c->md);
	rb_buf_put(c->md, "", 0);
	c->out->nsegs = 0;
	c->mdline = 1;
	c->mdbol = 0;
}

void
imp_write_book(struct ictx *c, struct blocks *bs, const char *stem)
{
	int parts, regs;
	size_t ndrops;

	settle_blocks(bs);
	ndrops = c->out->ndrops;
	(void)stem;
	regs = emit_book(c, bs, 0, &parts);
	if (regs <= 1 && !parts) {
		/* one regulation: a document of its own, not a book (what
		 * the book's title took is the document's again) */
		restart(c, ndrops);
		emit_book(c, bs, 1, &parts);
	} else if (imp_name_regs(c, bs)) {
		/* titles said again that their regulations name in full */
		restart(c, ndrops);
		c->naming = 1;
		emit_book(c, bs, 0, &parts);
	}
	imp_reg_heads_free(c);
}
