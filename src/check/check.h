/*
 * What the files of the check module share: the numbering sequences
 * (numbering.c) that renumbering follows, and the grammar of references
 * (xref_grammar.c) that the resolver and renumbering both read with.
 */
#ifndef RB_CHECK_H
#define RB_CHECK_H

#include <stddef.h>

#include "rulebook.h"
#include "strmap.h"

/* ---- numbering.c ---- */

/* The node a clause's numbering sequence restarts under (the profile's
 * rules: 条 run on through the document, 章 per 编 …). */
const rb_node *rb_number_scope(const rb_node *n);
/* Every numbering sequence of doc (as the numbering pass groups them): its
 * numbered clauses in document order and the number it starts at.  The
 * order of the sequences is not defined. */
typedef void (*rb_sequence_fn)(void *ctx, rb_node **v, size_t n, int first);
void rb_each_sequence(rb_document *doc, rb_sequence_fn fn, void *ctx);

/* The label n would have with another number (第三章 for a chapter). */
const char *rb_check_label(const rb_node *n, int number, int insert);

/* ---- numbering_lost.c: each says it once, and returns 1, when it is so ---- */

/* Item x opens a list below an unlabelled paragraph where the item
 * before x was due: the paragraph lost its label. */
int rb_lost_label(rb_diags *d, const rb_node *x);
/* Chapter (or section) x follows a heading without a number where
 * chapter want was due: the heading lost its number. */
int rb_lost_number(rb_diags *d, const rb_node *x, const rb_node *prev, int want);
/* Chapter x comes where want was due with articles before it: want's
 * heading is missing (at_start: before the first chapter). */
int rb_heading_lost(rb_diags *d, const rb_node *x, int want, int at_start);
/* Among items the source writes as headings (## 一、火炮, ## 三、弹药), one
 * written as a paragraph with items below it (二、导弹): it lost its
 * heading marks.  Said at each such item. */
void rb_lost_heading_marks(rb_diags *d, rb_node *const *v, size_t n);
/* Does item x, first below an unlabelled paragraph, go on with the item
 * before that paragraph (the paragraph inside the list)? */
int rb_list_goes_on(const rb_node *x);
/* Is the sequence v one 二、… that is a group heading the loader put at
 * the end of an article? */
int rb_group_heading(rb_node *const *v, size_t n);
/* Is item n's label the start of a reference its paragraph begins with? */
int rb_cites_items(const rb_node *n);

/* Is n a 分编 (a part inside a part, across which 章 run on)? */
int rb_is_subpart(const rb_node *n);

/* ---- layout.c ---- */

/* The clause whose text comes just before n in reading order: the last
 * clause inside its previous sibling, or its parent. */
const rb_node *rb_text_before(const rb_node *n);
/* Is paragraph n the rest of a sentence broken off before it (a page
 * break of extracted text: ……处十万元以上五 / 十万元以下罚款；)? */
int rb_continues(const rb_node *n);
/* Report paragraph n, the rest of a broken sentence, once. */
void rb_report_broken(rb_diags *d, const rb_node *n);
/* The 款 a paragraph belongs to: itself, or for the rest of a broken
 * sentence the paragraph (or article) whose sentence it ends. */
rb_node *rb_continued_para(rb_node *p);
/* Do the words at s go on citing what stands before them (第八条规定的,
 * 第八条、第九条): not the start of an article run on? */
int rb_cited_after(const char *s, size_t n);
/* Does article art run 第<number>条 on after a full stop in its text, the
 * next article written into its paragraph? */
int rb_runs_in(const rb_node *art, int number);
/* Does the document number its 章 on through its 编 (民事诉讼法: 第三编
 * opens with 第十九章) rather than afresh in each? */
int rb_chapters_through(const rb_node *root);

/* ---- xref_resolve.c ---- */

/* Where byte off of n's text stands in the source: line and column. */
void rb_xref_position(const rb_node *n, size_t off, unsigned *line, unsigned *col);

/* ---- layout.c (continued) ---- */

/* Notes at the places that cite label (第五章) as this document's. */
void rb_note_citations(rb_diags *d, const rb_node *root, const char *label);

/* ---- xref_grammar.c ---- */

/* The unit a component names, coarse to fine: a chain of components
 * (第十条第二款第三项) goes down this order, and a unit not below the
 * last starts the next reference (第十条第十一条). */
enum ref_unit { U_NONE, U_PART, U_CHAPTER, U_SECTION, U_ARTICLE, U_PARA, U_ITEM, U_SUBITEM };

/* One component at s: 第 numeral [之 numeral] unit, or 第（numeral）unit;
 * its length (0 when none), the number, the 之 number (0 when none) and
 * the unit, read as Taiwan reads them when tw. */
size_t rb_xref_ordinal(int tw, const char *s, size_t n, int *num, int *ins, enum ref_unit *u);
/* One component of a reference at s: 第十条, 第（三）项, 第十条之一 … —
 * its length and the kind of clause it names (项/目 items; 款 the
 * paragraphs, or the items when tw: Taiwan's 項 are paragraphs), or 0. */
size_t rb_ref_ordinal(const char *s, size_t n, int tw, rb_kind *kind);
/* A list of members under one unit, 第二、三项 or 第（一）、（三）项: its
 * length (0 when none), the members' numbers and where each ends (the
 * last with the unit), at most max of them, and the unit (款 项 目). */
size_t rb_xref_compact(int tw, const char *s, size_t n, int *nums, size_t *ends, size_t max,
		       size_t *count, enum ref_unit *u);
/* 第 numeral without its 条 before a finer component (本条例第四十八第一款):
 * the length of 第 numeral, and the number; 0 when not so. */
size_t rb_xref_unitless(int tw, const char *s, size_t n, int *num);
/* A unit word at s (条 款 项 目 章 节 编, in either script): its length,
 * or 0.  Renumbering keeps it after the numeral it rewrites. */
size_t rb_ref_unit_len(const char *s, size_t n);
/* 本法, 本条例 … directly before 第: its length, or 0. */
size_t rb_xref_self_prefix(const char *s, size_t n);
/* The same, or before a numeral and 条 with no 第 (本条例二十六条): then
 * *no_di is set. */
size_t rb_xref_self_prefix_di(const char *s, size_t n, int *no_di);
/* Does the 第 at s + i start a reference to another law (after 》 or a
 * law's name that is not 本…)? */
int rb_xref_external_before(const char *s, size_t i);
/* A connector between the members of a list (、 和 或者 …) or the ends of
 * a range (至 到, *range set): its length, or 0. */
size_t rb_xref_connector(const char *s, size_t n, int *range);
/* The word of a unit in messages: 条 or 條, 款 or 項 … */
const char *rb_xref_unit_name(int tw, enum ref_unit u);
/* Is k a kind that takes a number (编 章 节 条 款 项)? */
int rb_numbered_kind(rb_kind k);
/* n's stable id (ids.c), unless the source stated one: counter counts
 * the unnumbered clauses per kind, docp is the document's key in a
 * handbook (NULL alone). */
void rb_assign_id(rb_node *n, rb_strset *ids, int *counter, const char *docp);
/* The keys of a handbook's documents, keys[0, ndocs): each one's own,
 * never empty (ids.c). */
void rb_book_keys(rb_document *book, const char **keys);
/* The ids the source states, v[0, n), into ids; one stated twice is
 * reported at the second. */
void rb_add_explicit_ids(rb_node **v, size_t n, rb_strset *ids, rb_diags *d);

/* The first byte from i on that may start a reference or a quotation:
 * ` A a S s, or the first byte of “ ” 《 第 本 前 (with two more bytes
 * after it); characters are stepped over whole, by their lead byte (the
 * text is valid UTF-8: every loader checks its input).  Inline: it is
 * the scan's hot path, run over every stretch of plain text. */
static inline size_t
rb_xref_skip_plain(const unsigned char *t, size_t i, size_t len)
{
	while (i < len) {
		unsigned c = t[i];

		if (c < 0x80) {
			if (c == '`' || c == 'A' || c == 'a' || c == 'S' || c == 's')
				return i;
			i++;
			continue;
		}
		if (c >= 0xE2 && c <= 0xE7 && i + 2 < len) {
			unsigned long v = (unsigned long)c << 16 | (unsigned long)t[i + 1] << 8 | t[i + 2];

			if (v == 0xE2809CUL || v == 0xE2809DUL || v == 0xE3808AUL ||
			    v == 0xE7ACACUL || v == 0xE69CACUL || v == 0xE5898DUL)
				return i;
		}
		i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	}
	return len;
}

/* 本法 when the document calls another law so (xref_taiwan.c), else NULL. */
const char *rb_xref_self_named_other(const rb_document *doc);
/* 第 right after 某法（以下簡稱本法）: a citation of that law. */
int rb_xref_after_short_name(const char *s, size_t i);
/* -1 of Article 15-1 (length, insert); " of the … Act" after an article. */
size_t rb_xref_en_insert(const char *s, size_t n, int *ins);
/* 第 15-1 條 cited (xref_taiwan.c): bytes read. */
size_t rb_xref_tw_official(const char *s, size_t n, int *num, int *ins, enum ref_unit *u);
int rb_xref_en_of_act(const char *s, size_t n);

#endif
