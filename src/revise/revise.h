/*
 * Revisions (SPEC §9), private to src/revise/: a rulebook flattened into
 * the units a revision talks about — division headings and articles, an
 * article as its 款 and 项 in order — the alignment of two such versions,
 * and the decision sentences that turn one into the other.
 *
 * Both commands share the flat model: diff aligns two of them, amend edits
 * one and writes it back as Markdown, so that what diff writes is what
 * amend reads.
 */
#ifndef RB_REVISE_H
#define RB_REVISE_H

#include "rulebook.h"

/* ---- the flat model (model.c) ---- */

typedef enum rv_block_kind { RV_PARA, RV_ITEM } rv_block_kind;

/* One 款 (the article's text is the first) or one 项/目, as written:
 * an item's text starts with its label. */
typedef struct rv_block {
	rv_block_kind kind;
	char *text;
	const rb_node *node;	/* where it came from; NULL when new */
} rv_block;

typedef enum rv_unit_kind { RV_HEADING, RV_ARTICLE } rv_unit_kind;

typedef struct rv_unit {
	rv_unit_kind kind;
	rb_kind node_kind;	/* RB_PART, RB_CHAPTER, RB_SECTION, RB_ARTICLE */
	int level;		/* heading depth below the document (1: ##) */
	int number, insert;
	char *label;		/* 第十条, 第二章 */
	char *title;		/* a heading's title */
	char *path;		/* a heading's labels from the top: 第二章第一节 */
	rv_block *blocks;	/* an article's 款 and 项 */
	size_t nblocks, capblocks;
	const rb_node *node;	/* NULL when new */
	unsigned touched : 1;	/* amend: changed by the decision */
	unsigned gone : 1;	/* amend: deleted */
	unsigned split : 1;	/* amend: made two articles or more (改为两条) */
	unsigned to_para : 1;	/* amend: to become a 款 of another (改为第Y条第Z款) */
	int after;		/* amend: index of the unit it was inserted after,
				 * -1 at the start; -2 when in place */
} rv_unit;

typedef struct rv_doc {
	rb_document *doc;
	const char *source;
	rv_unit *u;
	size_t n, cap;
} rv_doc;

void rv_doc_build(rv_doc *m, rb_document *doc);
void rv_doc_free(rv_doc *m);
void rv_unit_add_block(rv_unit *u, rv_block_kind kind, const char *text, const rb_node *node);
/* The article's text: its blocks joined by newlines (caller frees). */
char *rv_article_text(const rv_unit *u);
/* The article's text with its references to other articles following
 * newnum (the new number of the article a reference names, or 0 to keep
 * it): what amend writes for an article no sentence touches. */
typedef int (*rv_newnum_fn)(void *ctx, const rb_node *article, int *insert);
char *rv_article_text_renumbered(const rv_unit *u, rv_newnum_fn newnum, void *ctx);
/* The same for block k alone. */
char *rv_block_text_renumbered(const rv_unit *u, size_t k, rv_newnum_fn newnum, void *ctx);
/* Text normalised for comparison: no spaces, full-width ASCII and
 * punctuation variants folded (caller frees). */
char *rv_normalise(const char *s);
/* A label of the document's article style: 第十条, 第十条之一. */
void rv_article_label(char *buf, size_t size, int number, int insert);
/* The same in the unit and numerals of the clause like (第十條). */
void rv_label_like(char *buf, size_t size, const rb_node *like, int number, int insert);
/* A heading unit's label with a new number, in the unit it has (章/节). */
void rv_heading_label(char *buf, size_t size, const char *unit, int number);
/* Canonical Markdown of the model under the document's head matter
 * (title, history, preamble): what amend writes. */
void rv_doc_markdown(const rv_doc *m, const char *preamble, const char *history_date,
		     const char *history_event, rb_buf *out);

/* ---- character diff (textdiff.c) ---- */

typedef enum rv_op { RV_EQUAL, RV_DELETE, RV_INSERT } rv_op;

typedef struct rv_edit {
	rv_op op;
	size_t a_off, a_len;	/* bytes of the old text */
	size_t b_off, b_len;	/* bytes of the new text */
} rv_edit;

typedef struct rv_edits {
	rv_edit *v;
	size_t n, cap;
} rv_edits;

/* The edits from a to b, code point by code point, marks grown to whole
 * runs between Chinese punctuation when a change leaves only a character
 * or two standing between two others. */
void rv_diff_text(const char *a, const char *b, rv_edits *out);
void rv_edits_free(rv_edits *e);
/* Similarity of two texts in [0, 1]: shared character pairs (Dice). */
double rv_similarity(const char *a, const char *b);
/* The same on character pairs made once (rv_bigrams, sorted; free them). */
uint64_t *rv_bigrams(const char *s, size_t *count);
double rv_dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* ---- alignment (align.c) ---- */

typedef enum rv_change {
	RV_UNCHANGED,
	RV_RENUMBERED,
	RV_MODIFIED,
	RV_MOVED,
	RV_INSERTED,
	RV_DELETED,
	RV_SPLIT,		/* one old article become two consecutive new ones */
	RV_MERGED		/* two consecutive old articles become one new one */
} rv_change;

const char *rv_change_name(rv_change c);

typedef struct rv_pair {
	rv_unit_kind kind;
	int a, b;		/* unit indexes in old and new, -1 when none */
	rv_change change;
	double similarity;
	unsigned text_changed : 1;	/* the text differs beyond what renumbering does */
	/* RV_SPLIT, RV_MERGED: the row of the second new (split) or old
	 * (merged) article, right after the first one's */
	unsigned second : 1;
} rv_pair;

typedef struct rv_pin {
	char *old_label, *new_label;
	unsigned line;
} rv_pin;

typedef struct rv_align {
	rv_doc *a, *b;
	/* in the order of the comparison table: the new version's, each
	 * deleted unit after the one before it in the old version */
	rv_pair *pairs;
	size_t n, cap;
	int *a_to_b, *b_to_a;	/* unit index maps, -1 when unmatched */
	/* splits and merges: a_to_b and b_to_a link the old article with the
	 * first new one (or the first old with the new one); split_b2[old] is
	 * the second new article (split_from its inverse), merge_a2[new] the
	 * second old one (merged_to its inverse); -1 elsewhere */
	int *split_b2, *split_from, *merge_a2, *merged_to;
	size_t counts[RV_MERGED + 1];	/* articles in each class */
} rv_align;

/* One side's units of one kind, with what comparing them needs
 * (align.c, pieces.c). */
typedef struct rv_side {
	size_t n;
	int *unit;		/* index in the document's units */
	char **norm;
	uint64_t **bg;
	size_t *nbg;
	int *match;		/* index on the other side, -1 */
	const rv_doc *m;
} rv_side;

/* Item i of a matched with item j of b. */
void rv_link(rv_side *a, size_t i, rv_side *b, size_t j);
/* A candidate pair and its score; rv_cmp_cand orders the best first (then
 * by i, j: deterministic). */
typedef struct rv_cand {
	double s;
	size_t i, j;
} rv_cand;
int rv_cmp_cand(const void *x, const void *y);
/* Append the candidate (s, i, j) to *c (nc of cap). */
void rv_cand_add(rv_cand **c, size_t *nc, size_t *cap, double s, size_t i, size_t j);

/* Splits and merges found among the articles left after matching
 * (pieces.c): recorded in al, the first piece linked in a and b. */
void rv_align_pieces(rv_align *al, rv_side *a, rv_side *b);

void rv_align_docs(rv_align *al, rv_doc *a, rv_doc *b, const rv_pin *pins, size_t npins,
		   rb_diags *d, const char *pin_file);
void rv_align_free(rv_align *al);
/* The old article's text as amend would leave it when no sentence names
 * it: references renumbered with the alignment (caller frees). */
char *rv_renumbered_text(const rv_align *al, int a);

/* ---- outputs of diff (table.c, decision.c) ---- */

typedef struct rv_table_opts {
	const char *del_open, *del_close;	/* text markers */
	const char *ins_open, *ins_close;
} rv_table_opts;

void rv_write_json(const rv_align *al, rb_buf *out);
void rv_write_text(const rv_align *al, const rv_table_opts *o, rb_buf *out);
void rv_write_html(const rv_align *al, rb_buf *out);
void rv_write_docbook(const rv_align *al, rb_buf *out);
void rv_write_decision(const rv_align *al, rb_buf *out);

/* ---- operations of a decision (edit.c) ---- */

typedef enum rv_op_kind {
	RV_OP_NONE,
	RV_OP_REPLACE,		/* 将第X条[第Y款][第Z项]修改为：payload; with a,
				 * 宪法第X条第Y款“a”修改为：payload */
	RV_OP_SUBST,		/* 将第X条[第Y款]中的“A”修改为“B” */
	RV_OP_ADD_WORDS,	/* 在第X条中的“A”后[前]增加“B” */
	RV_OP_DELETE_WORDS,	/* 删去第X条中的“A” */
	RV_OP_DELETE,		/* 删去第X条[第Y款][第Z项] */
	RV_OP_INSERT,		/* 在第X条后[前]增加一条，作为第Y条：payload */
	RV_OP_ADD_PARA,		/* 在第X条中增加一款，作为第Y款：payload */
	RV_OP_ADD_ITEM,		/* 在第X条[第Y款]中增加一项，作为第Z项：payload */
	RV_OP_MOVE,		/* 将第X条移至第Z条后，作为第Y条 */
	RV_OP_RENUMBER_TO,	/* 将第X条改为第Y条 */
	RV_OP_ORDER,		/* 此外，对条文顺序作相应调整 */
	RV_OP_PREAMBLE,		/* 将引言修改为：payload */
	RV_OP_TITLE,		/* 将名称修改为“……” */
	RV_OP_HEADING,		/* 将第X章[第Y节]的章名修改为“……” */
	RV_OP_ADD_HEADING,	/* 在第X条前增加一章，作为第Y章，章名为“……” */
	RV_OP_DELETE_HEADING,	/* 删去第X章[第Y节]的章名 */
	RV_OP_ADD_SENTENCE,	/* [在]第X条[第Y款]后增写一句，内容为：payload */
	RV_OP_TO_PARA,		/* [将]第X条改为第Y条第Z款: t[1] is 第Y条第Z款,
				 * Y a new number */
	RV_OP_ADD_SECTION	/* 第三章“……”中增加一节，作为第七节“……”；增加五条，
				 * 分别作为第A条至第B条。内容如下：the heading, then
				 * the articles (amend_clauses.c) */
} rv_op_kind;

typedef struct rv_target {
	int article, insert;	/* old number of the article */
	int para, item;		/* 1-based 款 and 项 within it, 0: none */
	int preamble;		/* 序言第N自然段: the preamble's paragraph para */
} rv_target;

typedef struct rv_amend_op {
	rv_op_kind kind;
	rv_target t[16];	/* targets: one, or several for one substitution */
	size_t nt;
	int before;		/* INSERT / ADD_WORDS / MOVE: 前 instead of 后 */
	int new_number, new_insert;	/* 作为第Y条 / 作为第Y款: stated, 0 none */
	char *a, *b;		/* quoted words */
	char *lead;		/* 宪法第X条“lead”中第N项……: the words the
				 * article says before its items; ADD_SECTION:
				 * the chapter's title */
	/* REPLACE: the payload is what the scope reads after the sentence's
	 * changes (这一款相应修改为：), checked against them */
	unsigned stated : 1;
	unsigned unquoted : 1;	/* the payload follows unquoted (内容如下：) */
	char **payload;		/* paragraphs */
	size_t npayload;
	/* 改为两条 / 增加两条: the payload is this many articles, numbered
	 * new_number, then more[0], more[1] … (split by amend_parse.c) */
	int articles;
	int more[8], more_insert[8];
	unsigned line, column;
} rv_amend_op;

void rv_op_free(rv_amend_op *op);
/* Apply an op to one article (targets within it: 款, 项, words); 0, or -1
 * with *why saying what is missing. */
int rv_apply_to_article(rv_unit *u, const rv_amend_op *op, const rv_target *t, const char **why);
/* Blocks from payload paragraphs: an item where a paragraph opens with an
 * item label. */
void rv_unit_set_payload(rv_unit *u, char *const *payload, size_t n);
void rv_unit_copy(rv_unit *to, const rv_unit *from);
void rv_unit_free_blocks(rv_unit *u);
/* Do two articles have the same blocks? */
int rv_unit_same_text(const rv_unit *a, const rv_unit *b);

/* Sentence n of a decision (一、…) with its payload (sentence.c). */
void rv_put_sentence(rb_buf *b, const rv_amend_op *op, int n);

/* ---- amend (amend_parse.c, amend_apply.c) ---- */

/* The operations of the sentences of a decision's text, in order; each
 * sentence that is no operation reported (amend-syntax, amend-quote).
 * target: the document an omnibus decision's part must name. */
size_t rv_parse_decision(const char *name, const char *text, size_t len, const char *target,
			 rv_amend_op **ops, rb_diags *d);

/* Apply the decision (its text, read from dname) to base; the
 * consolidated Markdown goes to out.  target: the title of the document
 * to amend in an omnibus decision (NULL: base's).  Returns the number of
 * sentences that could not be parsed or applied (each reported). */
size_t rv_amend(rb_document *base, const char *dname, const char *decision, size_t len,
		const char *target, rb_buf *out, rb_diags *d);

/* A decision's lines (amend_lines.c): the non-blank ones, trimmed, with
 * their line numbers; *out is freed by the caller. */
typedef struct rv_line {
	const char *s;
	size_t len;
	unsigned line;
} rv_line;
void rv_split_paras(const char *text, size_t len, rv_line **out, size_t *n);

/* ---- reading a decision's sentences (amend_scan.c) ---- */

typedef struct rv_parser {
	const char *name;
	rb_diags *d;
	rv_amend_op *ops;
	size_t n, cap;
	rv_target last;	/* 该条 */
} rv_parser;

/* Each returns the bytes it read at s, 0 when s is not what it reads. */
size_t rv_lit(const char *s, const char *l);
size_t rv_number(const char *s, int *v);	/* Chinese or Arabic */
size_t rv_ordinal(const char *s, const char *unit, int *v);	/* 第N<unit> */
/* [a law's short name]第N条[之M][第N款][第N项], or 该条 */
size_t rv_target_at(rv_parser *p, const char *s, rv_target *t);
size_t rv_targets(rv_parser *p, const char *s, rv_amend_op *op);	/* joined by 、 和 */
size_t rv_quoted(const char *s, char **out);	/* “words”, ‘’ inside made “” */
size_t rv_heading_path(const char *s);	/* 第二章第一节 */
size_t rv_count_articles(const char *s, int *n);	/* 两条 */
size_t rv_as_number(const char *s, const char *unit, int *num, int *ins);	/* 作为第Y条 */
size_t rv_as_numbers(const char *s, rv_amend_op *op);	/* 作为第Y条、第Z条 */
/* A new operation of the sentence at line at. */
rv_amend_op *rv_add(rv_parser *p, rv_op_kind kind, const rv_line *at);

/* ---- the sentences of several clauses (amend_clauses.c) ---- */

/* 宪法序言第七自然段中“A”修改为“B”；在“C”前增写“D”。这一自然段相应修改为：
 * “……”, 宪法第八十九条“……”中第六项“……”修改为“……”；增加一项，作为第N项
 * “……”, 宪法第三章“……”中增加一节……内容如下：, 第七节相应改为第八节，第A条
 * 至第B条相应改为第C条至第D条: their operations added, 1; or 0 and none
 * (the sentence is another's). */
int rv_clauses(rv_parser *p, const char *s, const rv_line *at, rv_amend_op **made);
/* Paragraphs of an unquoted payload after line k: taken until a sentence
 * or the end; k left on the last one taken. */
void rv_unquoted_payload(rv_amend_op *op, const rv_line *ps, size_t np, size_t *k);
/* The paragraph of a decision that states new numbers (……相应改为……):
 * read as a sentence even with no item number. */
int rv_states_numbers(const char *s);

#endif
