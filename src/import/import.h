/* What the stages of the text importer share: the lines of the text,
 * the pieces cut from them, the blocks joined from the pieces, the
 * context the book is written in, and the character classes they all
 * read.  The stages, in order: lines.c, pieces.c, join.c, book.c (its
 * title in book_title.c); import.c runs them. */
#ifndef RB_IMPORT_H
#define RB_IMPORT_H

#include <regex.h>

#include "rulebook.h"
#include "mem/mem.h"

/* ---- characters ---- */

static inline uint32_t
cp_at(const char *s, size_t n, size_t *k)
{
	uint32_t cp = 0;

	*k = rb_utf8_decode(s, n, &cp);
	if (!*k)
		*k = 1;
	return cp;
}

static inline int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0 ||
	    cp == 0x2002 || cp == 0x2003 || cp == 0xFEFF || cp == 0x200B;
}

/* Punctuation a paragraph may end with. */
static inline int
in_set(uint32_t cp, const uint32_t *set)
{
	for (; *set; set++)
		if (*set == cp)
			return 1;
	return 0;
}

static inline int
is_final(uint32_t cp)
{
	static const uint32_t f[] = { 0x3002, 0xFF1B, ';', 0xFF01, '!', 0xFF1F, '?', 0x2026,
		0xFF09, ')', 0x201D, 0x300D, 0x300F, 0x3011, '.', 0xFF0E, 0x3009, 0x300B, '"', 0 };

	return in_set(cp, f);
}

/* Punctuation inside a sentence (a title holds none of it). */
static inline int
is_sentence_punct(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' ||
	    cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?';
}

static inline int
is_cn_digit(uint32_t cp)
{
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 ||
	    cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341 ||
	    cp == 0x96F6 || cp == 0x3007 || cp == 0x767E || cp == 0x5343;
}

static inline int
isdigit_ascii(char ch)
{
	return ch >= '0' && ch <= '9';
}

static inline int
is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Width of s in columns (wide: CJK 2). */
static inline size_t
width(const char *s, size_t n)
{
	return rb_str_width(s, n, 0);
}

static inline size_t
chars(const char *s, size_t n)
{
	return rb_utf8_count(s, n);
}

/* ---- lines, pieces, blocks ---- */

/* Why a line is dropped (KEEP: it is not). */
enum drop {
	KEEP, D_RULE, D_PAGE, D_HEADER, D_TOC, D_TITLE
};

/* A line of the text. */
struct tline {
	char *s;		/* trimmed text (NUL-terminated, in the copy) */
	size_t len;
	unsigned no, col;	/* position of s in the text (1-based) */
	enum drop drop;
	const char *rule;	/* D_RULE: the rule's name */
};

/* A piece of a line, or a line: text plus where it starts. */
struct piece {
	const char *s;
	size_t len;
	unsigned no, col;
};

/* A boilerplate rule of the rules file: lines it matches are dropped. */
struct rule {
	char *name;
	regex_t re;
};

/* A regulation of the book: its title block, and where its opening
 * names it in full (body SIZE_MAX: nowhere). */
struct reg_head {
	size_t title;
	size_t body, from, to;
};

/* One import: the text as lines, the rules, and the Markdown being
 * written with the map back to the text (in out). */
struct ictx {
	const char *name;
	rb_diags *d;
	char *copy;
	struct tline *lines;
	size_t nlines;
	struct rule *rules;
	size_t nrules;
	rb_import *out;
	rb_buf *md;
	unsigned mdline;	/* current Markdown line (1-based) */
	size_t mdbol;		/* offset of its start */
	const rb_import_opts *opts;	/* or NULL */
	struct reg_head *heads;	/* the book's regulations, as written */
	size_t nheads, capheads;
	int naming;		/* writing again, with the names found */
};

/* What a block is, by its label and look. */
enum bkind {
	B_TEXT,		/* a paragraph */
	B_PART,		/* 第一篇, 第一部分 */
	B_DIV,		/* 第一章, 第一节 (with its title) */
	B_ARTICLE,	/* 第一条 … */
	B_ITEM,		/* 一、 （一） 1. … */
	B_TITLE		/* a short line without sentence punctuation */
};

/* From byte off of a block's text on, the text comes from (no, col). */
struct bseg {
	size_t off;		/* in text */
	unsigned no, col;
};

/* Pieces joined: a paragraph, a division, an article, an item, a title. */
struct block {
	rb_buf text;
	struct bseg *segs;
	size_t nsegs, segcap;
	enum bkind kind;
	rb_label lab;
	unsigned no;		/* first line */
	int title_like;		/* ends like a regulation title */
	/* kept as text is put, so that joining stays linear */
	size_t cols;		/* display width */
	int sentence;		/* holds sentence punctuation */
	int book, quote, paren;	/* 《 “ （ opened and not closed */
};

struct blocks {
	struct block *v;
	size_t n, cap;
};

/* The line and column byte off of block b's text comes from (join.c). */
void imp_block_pos(const struct block *b, size_t off, unsigned *no, unsigned *col);

/* ---- lines.c: the text as lines, boilerplate dropped ---- */

/* Parse a rules file: "NAME  REGEX" per line, # comments.  Returns 0
 * with diagnostics when a rule cannot be read. */
int imp_rules_parse(struct ictx *c, const char *name, const char *text);
void imp_rules_free(struct ictx *c);
/* Split a copy of data[0, len) into trimmed lines (c->lines) and mark
 * those dropped: by the rules, page numbers, running headers, tables of
 * contents, the title said twice; each dropped line into c->out. */
void imp_read_lines(struct ictx *c, const char *data, size_t len);

/* ---- pieces.c: a line holding several clauses cut into pieces ---- */

/* The pieces of the kept lines of c, in order (free *v). */
void imp_cut_pieces(const struct ictx *c, struct piece **v, size_t *n);
/* A label at s[0..n) for splitting purposes ("l)" is read as 1)). */
int imp_label_at(const char *s, size_t n, rb_label *lab);
/* 第N条 and Taiwan's 第 N 條: labels of articles and divisions. */
static inline int
imp_ordinal(rb_style s)
{
	return s == RB_STYLE_CN_ORDINAL || s == RB_STYLE_TW_ORDINAL;
}

/* Is u the unit of a division that starts a clause (条 章 节)? */
int imp_is_division_unit(const char *u);
enum { CUT_DIVISIONS = 1, CUT_LISTS = 2 };
/* Where text s[0..n) splits, into cuts[] (at most max, ascending). */
size_t imp_find_cuts(const char *s, size_t n, unsigned what, size_t *cuts, size_t max);

/* ---- join.c: pieces joined across hard wraps into blocks ---- */

/* The blocks of pieces p[0, np), inline lists cut into their members. */
void imp_join_blocks(struct piece *p, size_t np, struct blocks *bs);
void imp_blocks_free(struct blocks *bs);
/* A title: short, no sentence punctuation, ends with a title word (制度,
 * 办法 …). */
int imp_title_like(const char *s, size_t n);
/* Does s[0..n) hold sentence punctuation? */
int imp_sentence(const char *s, size_t n);
/* A heading: short, no sentence punctuation, no final punctuation. */
int imp_heading_like(const char *s, size_t n);
/* Is the label lab at s[0..n) a weak one: the numeral after it runs on
 * (二、三线, 6、12月份), a list of numbers, not a clause? */
int imp_weak_label(const char *s, size_t n, const rb_label *lab);

/* ---- book.c: the blocks written as a Markdown book ---- */

/* Write the blocks into c->md as a book (one document when they hold
 * one regulation), each piece mapped back to the text in c->out; stem
 * names the book. */
void imp_write_book(struct ictx *c, struct blocks *bs, const char *stem);

/* ---- book_title.c: the book's title in the front matter ---- */

/* Write the book's title into c->md as a YAML string; returns the first
 * block still to write (1 when block 0 was the title). */
size_t imp_book_title(struct ictx *c, struct blocks *bs);

/* ---- reg_names.c: a title said again, named by its regulation ---- */

/* The regulations whose title the book says again (written by a first
 * pass into c->heads) and whose opening names in full: their names in
 * c->heads and c->out->titles.  Returns how many were named. */
size_t imp_name_regs(struct ictx *c, const struct blocks *bs);
void imp_reg_heads_free(struct ictx *c);

#endif
