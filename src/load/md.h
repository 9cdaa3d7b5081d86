/*
 * What the files of the Markdown loader share.  md.c reads a file (front
 * matter, a book's documents) and drives the rest; md_look.c parses the
 * body and takes the first look at it; md_blocks.c maps each of cmark's
 * blocks onto the clause tree, md_labels.c reading a label where it
 * stands, md_tree.c placing the clause, md_table.c reading pipe tables;
 * md_source.c gives a block's text as the file writes it; md_comments.c
 * keeps the HTML comment blocks beside the clauses they stand by.
 */
#ifndef RB_LOAD_MD_H
#define RB_LOAD_MD_H

#include <string.h>

#include <cmark.h>

#include "rulebook.h"
#include "load/load.h"
#include "number/clause_label.h"

#define MAX_STACK 64
#define MAX_ITEMS 32

/* ---- the file being read (md_source.c) ---- */

struct md_source {
	rb_document *doc;	/* what is built from it: its name and arena */
	const char *src;	/* the whole file */
	size_t len;
	rb_lines lines;		/* of the whole file */
	unsigned line0;		/* lines before the body (front matter) */
};

/* Byte offset of a body position as cmark gives it (line, column). */
static inline size_t
md_offset_of(const struct md_source *in, int line, int col)
{
	size_t fl = (size_t)line + in->line0, off;

	if (line < 1 || fl > in->lines.n)
		return in->len;
	off = in->lines.start[fl - 1] + (size_t)(col > 0 ? col - 1 : 0);
	return off > in->len ? in->len : off;
}

static inline void
md_locate(struct md_source *in, rb_node *n, size_t off)
{
	n->file = in->doc->source;
	rb_lines_pos(&in->lines, off, &n->line, &n->column);
}

/* End of the file line containing off (before its newline). */
static inline size_t
md_line_end(const struct md_source *in, size_t off)
{
	const char *nl = memchr(in->src + off, '\n', in->len - off);

	return nl ? (size_t)(nl - in->src) : in->len;
}

static inline int
md_is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static inline size_t
md_skip_blanks(const struct md_source *in, size_t off)
{
	while (off < in->len && md_is_blank(in->src[off]))
		off++;
	return off;
}

static inline char *
md_arena_text(const struct md_source *in, const char *s, size_t n)
{
	return rb_arena_strndup(in->doc->arena, s, n);
}

/* Append the text of body lines [first, last] starting at offset start on
 * the first line; leading blanks are stripped from every line and
 * trailing blanks from the whole. */
void md_source_text(const struct md_source *in, size_t start, int first, int last, rb_buf *out);
/* Heading text without the #s (ATX) or the underline (setext); *start is
 * where it starts in the file. */
void md_heading_text(const struct md_source *in, cmark_node *b, rb_buf *out, size_t *start);
/* A setext heading's text from body line sl (at offset s), up to its
 * underline, by line el. */
void md_setext_text(const struct md_source *in, int sl, int el, size_t s, rb_buf *out);
/* A raw block (code, quote, HTML, rule) as canonical Markdown. */
char *md_raw_text(const struct md_source *in, cmark_node *b);
/* Take a trailing {#id} off the first line of text (in place) into n. */
const char *md_take_id(const struct md_source *in, char *text, rb_node *n);

/* ---- the body, parsed and looked at first (md_look.c) ----
 *
 * The only part of the loader that knows the body is parsed in pieces:
 * the blocks are read as the pieces come, so what depends on the whole
 * body is asked for when needed. */

struct md_body {
	const struct md_source *in;
	const char *text;	/* the body (what the pieces are cut from) */
	size_t len;
	rb_md_tree *tree;
	rb_md_look look;	/* read by the parse until every piece is in */
	/* what a first look at the blocks found, in the pieces joined so far
	 * (has_* are final once set, or once all are in) */
	int has_articles, has_info_end, has_dun;
	int has_outline_head;	/* a heading labelled 3.1 */
	int info_end_written;	/* -1 not known yet, else whether the body holds
				 * the marker's text at all */
	unsigned *toc;		/* body lines of table-of-contents headings */
	size_t ntoc, toccap;
	struct look *looks;	/* the first look, piece by piece */
	size_t nlooks, merged;	/* pieces, and those merged */
	struct dhead *h;	/* division headings merged */
	size_t nh, hcap;
	size_t run;		/* the first of them whose run is not decided */
	int content;		/* content after the last one merged */
};

/* Parse in[body, end) on up to threads threads; the first piece is in
 * when it returns. */
void md_body_parse(struct md_body *body, struct md_source *in, size_t start, size_t end,
		   int threads);
/* The top-level block after b (the first when b is NULL). */
cmark_node *md_body_next(struct md_body *body, cmark_node *b);
/* The blocks before next have been read: their memory may go.  Returns
 * whether three quarters of the pieces (or more) have been read. */
int md_body_release(struct md_body *body, cmark_node *next);
/* Join one more piece and merge its look: 0 when all are in. */
int md_body_more(struct md_body *body);
/* A flag of the whole body (has_articles, has_outline_head). */
int md_body_flag(struct md_body *body, const int *flag);
/* Is there a <!-- INFO END --> block? */
int md_body_has_info_end(struct md_body *body);
/* Is the heading at body line line in the table of contents? */
int md_body_toc_line(struct md_body *body, int line);
void md_body_free(struct md_body *body);

/* ---- the clauses open where the next one goes (md_tree.c) ---- */

/* An open container: the document, a division or a plain heading. */
struct cont {
	rb_node *node;
	int rank;		/* 0 document, 1 编, 2 分编, 3 章, 4+ 节; -1 heading */
	int hlevel;		/* '#' depth of its heading (0 for the document) */
};

struct item {
	rb_node *node;
	rb_style style;
	int heading;		/* the item is a heading's (## 1. Leave) */
};

struct md_tree {
	struct md_source *in;
	rb_diags *d;
	struct cont stack[MAX_STACK];
	int nstack;
	rb_node *article;	/* open article (or article-like section) */
	rb_node *anchor;	/* parent of first-level items, NULL = container */
	struct item items[MAX_ITEMS];
	int nitems;
	struct item saved;	/* the article's item sequence while a 款 runs */
	rb_node *quoting;	/* article whose text ends 如下： (may quote clauses) */
	int quoted;		/* it has quoted a clause: labels there are text */
	rb_node *first_article, *last_article;
	int started;		/* a clause has been placed: no more preamble */
	int traditional;	/* a unit written 條, 節, 編 */
	int depth_reported;	/* nesting too deep: said once */
	rb_comment *comments;	/* comment blocks read, waiting for their place */
	rb_node *last_made;	/* the clause made last (md_new_node) */
};

static inline rb_node *
md_container(const struct md_tree *t)
{
	return t->stack[t->nstack - 1].node;
}

rb_node *md_new_node(struct md_tree *t, rb_kind kind, size_t off);
void md_set_label(struct md_tree *t, rb_node *n, const struct clause_label *lab, size_t off);
void md_place(struct md_tree *t, rb_node *parent, rb_node *n);
void md_close_article(struct md_tree *t);
/* A division (rank > 0) or a plain heading (rank -1) opens. */
void md_open_container(struct md_tree *t, rb_node *n, int rank, int hlevel);
void md_open_article(struct md_tree *t, rb_node *n);
/* n opens the next item level. */
void md_push_item(struct md_tree *t, rb_node *n, int heading);
/* Place an item by order of appearance (heading: n is a heading's). */
void md_place_item(struct md_tree *t, rb_node *n, int heading);
/* The innermost open clause: where a table or a continuation goes. */
rb_node *md_innermost(struct md_tree *t);
/* Does an open item of this style continue with number? */
int md_continues_stack(const struct md_tree *t, rb_style style, int number);
/* The number the open item sequence of style st expects next, or 0. */
int md_expects(const struct md_tree *t, rb_style st);

/* ---- a label where it stands (md_labels.c) ---- */

/* rb_classify_label, (i) (v) (x) decided by the open sequences. */
int md_classify_here(const struct md_tree *t, const char *s, size_t n,
		     struct clause_label *lab);
int md_rank_of(const struct clause_label *lab);
/* A heading numbered alone (## 2 Hours), read as 2. into lab when given. */
int md_bare_number(const char *s, struct clause_label *lab);
/* Text that introduces what follows: …内容如下： */
int md_ends_intro(const char *t);
/* Does an article label continue the document's article numbering? */
int md_continues_article(const struct md_tree *t, const struct clause_label *lab);
/* Is 第十條 at the start of a 項 a citation, the articles being 第 1 條? */
int md_cites_article(const struct md_tree *t, const struct clause_label *lab);
/* After an intro, is this article label the start of a quotation? */
int md_quotes_article(const struct md_tree *t, const struct clause_label *lab);
/* The open item whose label is the prefix of the outline at text, or -1. */
int md_outline_parent(const struct md_tree *t, const struct clause_label *lab, const char *text);
/* Would a line starting with s continue the numbering? */
int md_continues(const struct md_tree *t, const char *s, size_t n, const struct clause_label *cur);

/* Is the text a Taiwanese statute (md_taiwan.c): 第 1 條, or 項 cited
 * above 款? */
int md_looks_taiwanese(const char *s, size_t n);
/* 修正日期：民國 110 年 01 月 20 日, 1.中華民國十八年五月二十三日…公布: a line
 * of a Taiwanese law's history? */
int md_is_taiwan_history(const char *text);
/* The history entry {date, event} of such a line, or NULL. */
rb_value *md_taiwan_history_entry(const struct md_source *in, const char *text);

/* ---- the loading of one document (md.c, md_blocks.c) ---- */

struct mctx {
	struct md_source in;
	struct md_body body;
	struct md_tree tree;
	rb_diags *d;
	int title_level;	/* heading level of the title: 1, 2 in a book */
	int max_depth, depth;
	int has_cjk;
	const rb_load_opts *opts;
	int profile_chosen;
	const char *fm_title;	/* title from front matter */

	/* zones at the start of the document */
	int info_end_seen;
	int history_open;	/* date lines still count as history */
	rb_value *history;
	rb_buf preamble;
	rb_buf para;		/* a paragraph's source text (paragraph) */

	rb_node *pending;	/* titled clause from a heading, awaiting its text */
	rb_node *label_alone;	/* 第 1 條 alone on its line: the next paragraph
				 * is its text */
	int closing;		/* after a thematic break: the closing (signature,
				 * date) — paragraphs of the document itself */
	int after_list;		/* the block before was a Markdown list ... */
	int list_base;		/* ... opened with this many items open */
	int enum_left;		/* lines of an enumeration still to join (md_enum.c) */
	rb_buf link_defs;	/* [foo]: /url lines, kept for the emitters */
};

/* ---- an enumeration one entry a line inside a 款 (md_enum.c) ---- */

/* s[0, n): an entry of such an enumeration (主任，, 委员若干人。)?  *last:
 * it ends in 。. */
int md_enum_entry(const char *s, size_t n, int *last);
/* Does a 款's text lead into one (ends in ：)? */
int md_enum_lead(const char *s);
/* Paragraph b, of one line of text: an entry of the enumeration of the
 * 款 open in the article, joined to it (1), or not (0). */
int md_enum_join(struct mctx *c, cmark_node *b, const char *text);

/* ---- HTML comment blocks, kept for canonical Markdown (md_comments.c) ---- */

/* Is b an HTML comment block (<!-- … --> alone)?  Its text, trimmed, in
 * *s and *n. */
int md_is_comment(cmark_node *b, const char **s, size_t *n);
/* The block after b that is not a comment, or NULL. */
cmark_node *md_next_content(struct mctx *c, cmark_node *b);
/* The comment block b, its text s[0, n), waits for its place. */
void md_comment_read(struct mctx *c, cmark_node *b, const char *s, size_t n);
/* The comments waiting go to n, at at. */
void md_comments_to(struct md_tree *t, rb_node *n, rb_comment_at at);
/* The comments waiting at the end of list entry n: after the last clause
 * made inside it, or at its end when there is none. */
void md_comments_end_entry(struct md_tree *t, rb_node *n);
/* The comments waiting go into the preamble, before its next block. */
void md_comments_to_preamble(struct mctx *c);
/* The comments still waiting when the body ends go after the last clause
 * (the document, when it has none); those in the preamble move by the
 * shift bytes of a front matter preamble before it. */
void md_comments_finish(struct mctx *c, size_t shift);

/* The document's profile, chosen once the flags it depends on are final. */
const rb_profile *md_profile(struct mctx *c);
/* Map one top-level block of cmark's onto the tree. */
void md_block(struct mctx *c, cmark_node *b);
/* A pipe table in paragraph text at off: placed as a table node, 1; not
 * one, 0 (md_table.c). */
int md_try_table(struct mctx *c, const char *text, size_t off);
/* The last body line of block b. */
int md_last_line(cmark_node *b);
/* Body lines [from, to] hold no block: keep the link reference
 * definitions there. */
void md_link_defs_between(struct mctx *c, int from, int to);
/* Keep the definitions that open a paragraph of body lines [first, last]
 * (cmark counts them in its lines); returns how many lines they take. */
int md_link_defs_take(struct mctx *c, int first, int last);
/* Keep the definitions inside block quote b. */
void md_link_defs_in_quote(struct mctx *c, cmark_node *b);

#endif
