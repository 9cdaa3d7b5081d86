/*
 * rulebook — institutional rulebook compiler.
 *
 * Public API: the clause tree, numbering styles and profiles, loaders,
 * passes, emitters and diagnostics.  Everything a front end needs is here;
 * internals live in src/ private headers.
 */
#ifndef RULEBOOK_H
#define RULEBOOK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RB_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Growable byte buffer                                                */

typedef struct rb_buf {
	char *data;		/* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
} rb_buf;

void rb_buf_init(rb_buf *b);
void rb_buf_free(rb_buf *b);
void rb_buf_reset(rb_buf *b);
void rb_buf_put(rb_buf *b, const void *p, size_t n);
void rb_buf_puts(rb_buf *b, const char *s);
void rb_buf_putc(rb_buf *b, char c);
void rb_buf_printf(rb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rb_buf_put_cp(rb_buf *b, uint32_t cp);	/* append one code point as UTF-8 */
char *rb_buf_detach(rb_buf *b);		/* caller frees; buffer is reset */

/* ------------------------------------------------------------------ */
/* Arena: one per document; everything in the tree is freed at once.   */

typedef struct rb_arena rb_arena;

rb_arena *rb_arena_new(void);
void rb_arena_free(rb_arena *a);
void *rb_arena_alloc(rb_arena *a, size_t n);	/* zeroed */
char *rb_arena_strndup(rb_arena *a, const char *s, size_t n);
char *rb_arena_strdup(rb_arena *a, const char *s);
char *rb_arena_printf(rb_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t rb_arena_used(const rb_arena *a);

/* ------------------------------------------------------------------ */
/* UTF-8 and display width                                             */

/* Decode one code point at s (n bytes available).  Returns the sequence
 * length (1..4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence. */
size_t rb_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid UTF-8. */
size_t rb_utf8_invalid_at(const char *s, size_t n);
/* Number of code points in s[0..n). */
size_t rb_utf8_count(const char *s, size_t n);

/* Display columns of a code point: 0, 1 or 2.  Ambiguous-width
 * characters count as 2 when wide_ambiguous is set. */
int rb_cp_width(uint32_t cp, int wide_ambiguous);
/* Display width of a UTF-8 string. */
size_t rb_str_width(const char *s, size_t n, int wide_ambiguous);

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

typedef enum rb_severity {
	RB_NOTE,
	RB_WARNING,
	RB_ERROR
} rb_severity;

/* Every diagnostic the compiler can issue.  The table in src/diag.c
 * gives each its stable code string and severity. */
typedef enum rb_code {
	RB_D_NUMBERING_GAP,
	RB_D_NUMBERING_DUPLICATE,
	RB_D_NUMBERING_ORDER,
	RB_D_NUMBERING_START,
	RB_D_NUMBERING_STYLE,
	RB_D_NUMBERING_SEPARATOR,
	RB_D_NUMBERING_NUMERAL,
	RB_D_XREF_UNRESOLVED,
	RB_D_XREF_DELETED,
	RB_D_XREF_MALFORMED,
	RB_D_XREF_RENUMBER,
	RB_D_NUMBERING_RUN_IN,
	RB_D_PARAGRAPH_BROKEN,
	RB_D_INPUT_UNREADABLE,
	RB_D_INPUT_ENCODING,
	RB_D_INPUT_SYNTAX,
	RB_D_INPUT_UNKNOWN_KEY,
	RB_D_INPUT_TYPE,
	RB_D_INPUT_VALUE,
	RB_D_INPUT_DUPLICATE_ID,
	RB_D_INPUT_DEPTH,
	RB_D_INPUT_FORMAT,
	RB_D_INPUT_OUTSIDE,	/* a source resolves outside the tree it may come from */
	RB_D_OUTPUT_WRITE,
	RB_D_AMEND_SYNTAX,
	RB_D_AMEND_QUOTE,
	RB_D_AMEND_TARGET,
	RB_D_AMEND_NUMBER,
	RB_D_AMEND_DOCUMENT,
	RB_D_DIFF_PIN,
	RB_D_NOTE,		/* a related location for the diagnostic before it */
	RB_D__COUNT
} rb_code;

typedef struct rb_diag {
	rb_code code;
	rb_severity severity;
	const char *file;	/* owned by the list */
	unsigned line, column;	/* 1-based; 0 when unknown */
	char *message;		/* owned by the list */
} rb_diag;

typedef struct rb_diags {
	rb_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	char **files;		/* interned file names */
	size_t nfiles;
} rb_diags;

const char *rb_code_name(rb_code code);
const char *rb_code_summary(rb_code code);	/* one line, for rule tables */
rb_severity rb_code_severity(rb_code code);
int rb_code_lookup(const char *name);	/* -1 when unknown */
/* Does the code mean exit status 2 (input or output unusable)? */
int rb_code_fatal(rb_code code);

void rb_diags_init(rb_diags *d);
void rb_diags_free(rb_diags *d);
/* Report a diagnostic; message is a printf format. */
void rb_diag_report(rb_diags *d, rb_code code, const char *file,
		    unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Attach a note at a related location to the last diagnostic. */
void rb_diag_note(rb_diags *d, const char *file, unsigned line,
		  unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sort diagnostics by file, line, column (stable; notes stay with their
 * diagnostic). */
void rb_diags_sort(rb_diags *d);
/* Append from's diagnostics to to (in order) and empty from. */
void rb_diags_move(rb_diags *to, rb_diags *from);

typedef enum rb_diag_format {
	RB_DIAG_GCC,
	RB_DIAG_JSON,
	RB_DIAG_SARIF
} rb_diag_format;

void rb_diags_print(const rb_diags *d, FILE *out, rb_diag_format fmt,
		    int colour);

/* ------------------------------------------------------------------ */
/* Numbering styles                                                    */

typedef enum rb_style {
	RB_STYLE_NONE,
	RB_STYLE_CN_ORDINAL,		/* 第一条 */
	RB_STYLE_CN_DUN,		/* 一、 */
	RB_STYLE_CN_PAREN,		/* （一） */
	RB_STYLE_ARABIC_DUN,		/* 1、 */
	RB_STYLE_ARABIC_DOT,		/* 1. */
	RB_STYLE_ARABIC_PAREN,		/* （1） */
	RB_STYLE_ARABIC_HALF_PAREN,	/* 1) */
	RB_STYLE_CIRCLED,		/* ① */
	RB_STYLE_ROMAN_UPPER,		/* I. */
	RB_STYLE_ROMAN_LOWER,		/* (i) */
	RB_STYLE_ALPHA_UPPER,		/* A. */
	RB_STYLE_ALPHA_LOWER,		/* (a) */
	RB_STYLE_DECIMAL_OUTLINE,	/* 1.2.3 */
	RB_STYLE_TW_ORDINAL,		/* 第 1 條, 第 15-1 條, 第 一 編 (Taiwan's database) */
	RB_STYLE__COUNT
} rb_style;

const char *rb_style_name(rb_style s);
int rb_style_lookup(const char *name);	/* -1 when unknown */

/* Chinese numerals. */
enum {
	RB_CN_TRADITIONAL = 1 << 0,	/* 兩 etc. where forms differ */
	RB_CN_TW = 1 << 1,		/* 一百十八: no 一 before 十 above 100 */
	RB_CN_LOWER_ZERO = 1 << 2,	/* write 〇 instead of 零 */
	RB_CN_ASCII = 1 << 3		/* labels in ASCII brackets: (1), not （1） */
};

/* Flags describing how a parsed numeral deviates from the canonical
 * ordinal form. */
enum {
	RB_NUM_NONCANONICAL = 1 << 0,	/* 一十一, 一百十 (PRC), 二〇 as ordinal */
	RB_NUM_LIANG = 1 << 1,		/* 两/兩 in an ordinal */
	RB_NUM_FULLWIDTH = 1 << 2,	/* full-width digits */
	RB_NUM_ARABIC = 1 << 3,		/* Arabic digits where Chinese expected */
	RB_NUM_POSITIONAL = 1 << 4	/* 一〇一: digits without units */
};

/* Format n (1..99999) as a Chinese numeral into buf (NUL-terminated).
 * Returns the length, or 0 when n is out of range. */
size_t rb_cn_format(int n, unsigned flags, char *buf, size_t size);
/* Parse a Chinese numeral (or ASCII / full-width digits) at the start of
 * s.  Returns bytes consumed (0 if none), stores the value and the
 * RB_NUM_* flags. */
size_t rb_cn_parse(const char *s, size_t n, int *value, unsigned *flags);

/* A parsed label at the start of a line of text. */
typedef struct rb_label {
	rb_style style;
	int number;		/* ordinal */
	int insert;		/* N of 之N, else 0 */
	int depth;		/* components of a decimal outline (1.2.3 → 3) */
	int outline[8];		/* decimal outline components */
	char unit[16];		/* cn-ordinal unit: 条 章 节 编 分编 篇 部分 … */
	size_t len;		/* bytes of the label (without separator) */
	size_t sep_len;		/* bytes of the separator that follows */
	unsigned flags;		/* RB_NUM_* of the numeral */
} rb_label;

/* Recognise a numbering label at the start of s.  prefer disambiguates
 * (i)/(v)/(x)… between roman and alpha (RB_STYLE_NONE: roman).
 * Returns 1 and fills *out when a label is found. */
int rb_label_parse(const char *s, size_t n, rb_style prefer, rb_label *out);

typedef struct rb_label_opts {
	const char *unit;	/* cn-ordinal unit, e.g. "条" */
	unsigned cn_flags;	/* RB_CN_* */
	const int *outline;	/* decimal outline: components before number */
	int outline_n;
} rb_label_opts;

/* Format number (with insert) in style into buf.  Returns the length. */
size_t rb_label_format(rb_style style, int number, int insert,
		       const rb_label_opts *opts, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* The clause tree                                                     */

typedef enum rb_kind {
	RB_BOOK,
	RB_DOCUMENT,
	RB_PART,
	RB_CHAPTER,
	RB_SECTION,
	RB_ARTICLE,
	RB_PARAGRAPH,
	RB_ITEM,
	RB_TABLE,
	RB_HEADING,
	RB_KIND__COUNT
} rb_kind;

const char *rb_kind_name(rb_kind k);
int rb_kind_lookup(const char *name);	/* -1 when unknown */

typedef struct rb_table {
	size_t rows, cols;
	const char **cells;	/* rows * cols, row-major; row 0 is the header */
} rb_table;

/* A metadata value: string, list or map (extra keys keep their shape). */
typedef enum rb_value_type { RB_VAL_STRING, RB_VAL_LIST, RB_VAL_MAP } rb_value_type;

typedef struct rb_value {
	rb_value_type type;
	const char *key;	/* in a map */
	const char *str;	/* RB_VAL_STRING */
	struct rb_value *first, *last, *next;
} rb_value;

typedef struct rb_document rb_document;

/* A reference in a clause's text (SPEC §6): the words at [off, off+len)
 * of the text, and the clause they name (NULL when external or not
 * found). */
typedef struct rb_ref {
	size_t off, len;
	struct rb_node *target;
	unsigned external : 1;
} rb_ref;

/* An HTML comment block of a Markdown source (<!-- … --> on lines of its
 * own: a note, a <!-- rulebook-disable-next-line CODE -->), as written.
 * It is not content: no output shows it but canonical Markdown, which
 * writes it back where it stood (SPEC §3.2). */
typedef enum rb_comment_at {
	RB_COMMENT_BEFORE,	/* before the clause (the document: its title) */
	RB_COMMENT_TEXT,	/* between a titled clause's heading and its text */
	RB_COMMENT_END,		/* at the end of a list entry, inside it */
	RB_COMMENT_AFTER,	/* after the clause and all it holds */
	RB_COMMENT_PREAMBLE	/* in the document's preamble, at offset */
} rb_comment_at;

typedef struct rb_comment {
	const char *text;	/* from <!-- to -->, its lines as written */
	rb_comment_at at;
	size_t offset;		/* RB_COMMENT_PREAMBLE: bytes of the preamble before it */
	unsigned tight : 1;	/* no blank line between it and the block after */
	struct rb_comment *next;
} rb_comment;

typedef struct rb_node {
	rb_kind kind;
	rb_style style;
	const char *label;	/* as displayed: 第十条, （三）, 1.; "" when none */
	const char *unit;	/* cn-ordinal unit as written (条, 篇, 分编…), or NULL */
	int number;		/* ordinal; 0 when unnumbered */
	int insert;		/* N of 第十条之N */
	unsigned level;		/* item level below its non-item ancestor */
	unsigned explicit_number : 1;	/* the source stated the number */
	unsigned explicit_style : 1;
	unsigned explicit_id : 1;
	unsigned deleted : 1;		/* （删去） placeholder */
	unsigned closing : 1;		/* a paragraph of the document's closing,
					 * after *** (a signature, a date) */
	const char *title;	/* run-in title / heading text (Markdown) */
	const char *text;	/* first paragraph (Markdown) */
	const char *id;
	const char *file;
	unsigned line, column;
	unsigned text_line, text_column;	/* where text starts (0: unknown) */
	size_t label_off, label_len;	/* the label or number as written in the
					 * source file (label_len 0: none) */
	rb_ref *refs;		/* references in text, in order (rb_pass_xref) */
	size_t nrefs;
	rb_comment *comments;	/* HTML comments around it in its source, in order */
	rb_table *table;
	rb_document *doc;
	struct rb_node *parent, *first, *last, *prev, *next;
} rb_node;

typedef struct rb_profile rb_profile;
typedef struct rb_import rb_import;

struct rb_document {
	rb_arena *arena;
	rb_node *root;		/* RB_DOCUMENT or RB_BOOK */
	const char *source;	/* path as given */
	const char *preamble;	/* Markdown, may be "" */
	/* the link reference definitions of a Markdown source ([foo]: /url
	 * lines), NULL when none: every emitter resolves [foo] through them */
	const char *link_defs;
	const rb_profile *profile;
	int profile_stated;	/* the source named its profile */
	const char *lang;	/* detected language when meta states none, or NULL */
	int start;		/* declared or recognised first article number, 0 = 1 */
	rb_value meta;		/* RB_VAL_MAP: issuer, effective, … extra keys */
	/* handbook: the documents of the book, in manifest order */
	rb_document **docs;
	size_t ndocs;
	/* imported from plain text: how the Markdown maps back to it
	 * (positions are mapped by rb_run_passes) */
	rb_import *import;
	size_t nnodes;		/* made by rb_node_new for this document */
	int threads;		/* the passes may use as many (rb_load_opts) */
};

rb_document *rb_document_new(const char *source, rb_kind root_kind);
void rb_document_free(rb_document *doc);

rb_node *rb_node_new(rb_document *doc, rb_kind kind);
void rb_node_append(rb_node *parent, rb_node *child);
/* The document's language: meta lang, else the profile's. */
const char *rb_document_lang(const rb_document *doc);
/* The document title (root title), "" when none. */
const char *rb_document_title(const rb_document *doc);
/* Find a metadata string by key, NULL when absent. */
const char *rb_meta_get(const rb_document *doc, const char *key);
rb_value *rb_value_new(rb_document *doc, rb_value_type t, const char *key);
void rb_value_append(rb_value *parent, rb_value *child);

/* Walker with enter/leave events (like cmark's iterator). */
typedef enum rb_event { RB_EV_NONE, RB_EV_ENTER, RB_EV_LEAVE } rb_event;

typedef struct rb_walker {
	rb_node *root, *cur;
	rb_event ev;
} rb_walker;

void rb_walker_init(rb_walker *w, rb_node *root);
rb_event rb_walker_next(rb_walker *w);
/* Skip the children of the node just entered. */
void rb_walker_skip(rb_walker *w);

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

struct rb_profile {
	const char *name;
	const char *lang;		/* default lang */
	/* style per kind (RB_STYLE_NONE for unnumbered kinds) */
	rb_style kind_style[RB_KIND__COUNT];
	/* item styles by level, starting at a division or document */
	rb_style item_top[8];
	/* item styles by level, starting below an article or paragraph */
	rb_style item_sub[8];
	unsigned cn_flags;		/* numerals: RB_CN_* */
	int traditional_units;		/* 條 節 編 */
	int chapter_restarts_per_part;
	int article_continuous;		/* 条 runs through the whole document */
	int numbered_paragraphs;	/* 款 count from 2 (1 is the article text) */
	rb_kind default_child[RB_KIND__COUNT];	/* kind of a clause without kind: */
};

const rb_profile *rb_profile_lookup(const char *name);
const rb_profile *rb_profile_default(void);
/* Names of all profiles, NULL-terminated. */
const char *const *rb_profile_names(void);

/* ------------------------------------------------------------------ */
/* Loading                                                             */

/* Plain-text import (SPEC §3.3). */
typedef struct rb_import_opts {
	const char *rules;	/* boilerplate rules (the text of a rules file),
				 * NULL: the built-in ones */
	const char *rules_name;	/* its file name, for diagnostics */
	const char *title;	/* the book's title (--title), NULL: the text's */
	int keep_punctuation;	/* keep half-width , ; : ? ! ( ) between Chinese
				 * characters (--keep-punctuation) */
} rb_import_opts;

/* A line (or the end of one) the importer dropped, and why: a rule's
 * name, "page number", "running header", "table of contents", … */
typedef struct rb_import_drop {
	unsigned line;
	char *why;
	char *text;
} rb_import_drop;

/* A regulation's title the importer took from its own text: the bare
 * title said again in the book (管理实施方案), its opening naming it in
 * full (制定《某某中学常规管理实施方案》). */
typedef struct rb_import_title {
	unsigned line;		/* the bare title's */
	unsigned from;		/* the line that names it */
	char *was, *title;
} rb_import_title;

struct rb_import_seg;
struct rb_import {
	char *markdown;		/* canonical Markdown: a book (front matter
				 * handbook:, # parts, ## regulations) */
	size_t len;
	rb_import_drop *drops;
	size_t ndrops;
	rb_import_title *titles;	/* in the order of the text */
	size_t ntitles;
	struct rb_import_seg *segs;	/* Markdown positions → text positions */
	size_t nsegs, capsegs;
	size_t *line_start;	/* of each Markdown line */
	size_t nmdlines;
};

/* Import plain text into out (free with rb_import_free).  Returns 0 with
 * diagnostics when the text or the rules cannot be read. */
int rb_import_text(const char *name, const char *data, size_t len, const rb_import_opts *opts,
		   rb_import *out, rb_diags *d);
void rb_import_free(rb_import *imp);
/* Map a position in imp->markdown (line, column in characters) back to
 * the text it was imported from. */
void rb_import_locate(const rb_import *imp, unsigned *line, unsigned *col);
/* The built-in boilerplate rules (the text of a rules file). */
extern const char rb_import_rules_default[];

typedef struct rb_load_opts {
	const rb_profile *profile;	/* --profile override, or NULL */
	const rb_profile *default_profile; /* when the document states none */
	int in_manifest;		/* loading a handbook's document */
	const char *from;		/* "yaml", "md" for stdin, or NULL */
	int max_depth;			/* nesting limit (0 = default 100) */
	const rb_import_opts *import;	/* plain text: the importer's options */
	int threads;			/* threads one large Markdown file may be
					 * parsed with, and its passes use (0 or
					 * 1: this one alone); the result is the
					 * same for any number */
} rb_load_opts;

/* Load a YAML rulebook from memory.  name is used in diagnostics.
 * Returns NULL (with diagnostics) when nothing usable could be loaded. */
rb_document *rb_load_yaml(const char *name, const char *data, size_t len,
			  const rb_load_opts *opts, rb_diags *d);
/* Load a Markdown rulebook (SPEC §3.2) from memory. */
rb_document *rb_load_markdown(const char *name, const char *data, size_t len,
			      const rb_load_opts *opts, rb_diags *d);
/* Import plain text and load the Markdown it gives (a book); positions
 * are those of the text once rb_run_passes has run. */
rb_document *rb_load_text(const char *name, const char *data, size_t len,
			  const rb_load_opts *opts, rb_diags *d);
/* Load a file of any supported type (by extension or opts->from), or a
 * handbook manifest.  path "-" reads stdin. */
rb_document *rb_load_file(const char *path, const rb_load_opts *opts,
			  rb_diags *d);
/* What a source is, by its extension (.yaml .yml / .md .markdown) or,
 * for "-", opts->from. */
typedef enum rb_source_format {
	RB_SOURCE_UNKNOWN,
	RB_SOURCE_YAML,
	RB_SOURCE_MARKDOWN,
	RB_SOURCE_TEXT		/* .txt: imported (SPEC §3.3) */
} rb_source_format;
rb_source_format rb_source_format_of(const char *path, const rb_load_opts *opts);

/* rb_load_file that also hands back the bytes it read (*data, to free;
 * NULL when nothing could be read), for tools that edit the source. */
rb_document *rb_load_source(const char *path, const rb_load_opts *opts, char **data,
			    size_t *len, rb_diags *d);
/* Read a whole file; reports input-unreadable / input-encoding. */
char *rb_read_file(const char *path, size_t *len, rb_diags *d);

/* ------------------------------------------------------------------ */
/* Passes                                                              */

/* Assign numbers to clauses that state none, format labels, derive ids
 * and check the numbering sequences.  Run once after loading. */
void rb_pass_number(rb_document *doc, rb_diags *d);
/* Find the references in clause texts, resolve them to clauses and
 * report those that name none (xref-unresolved).  After rb_pass_number. */
void rb_pass_xref(rb_document *doc, rb_diags *d);
/* Every pass, in order (numbering, then references): what a loaded
 * document needs before it is checked, rendered or rewritten. */
void rb_run_passes(rb_document *doc, rb_diags *d);

/* fmt --renumber: rewrite src (the file doc was loaded from, after both
 * passes) so that every stated number runs on consecutively, and every
 * internal reference follows the clause it names; nothing else changes.
 * 之N insertions stay insertions unless fold_inserts.  The result goes to
 * out, one "FILE:LINE: old → new" line per renumbered clause to conc.
 * Returns the number of edits. */
size_t rb_renumber(rb_document *doc, const char *src, size_t len, int fold_inserts,
		   rb_buf *out, rb_buf *conc, rb_diags *d);

/* ------------------------------------------------------------------ */
/* Emitters                                                            */

typedef struct rb_emit_opts {
	int width;			/* text: columns (default 72) */
	int unsafe;			/* html: pass raw HTML through */
	const char *template_dir;
	const char *page;		/* html: page template (NULL: built in) */
	const char *css;		/* html: style sheet (NULL: built in) */
	const char *reference_doc;	/* docx: styles and page from this .docx
					 * (NULL: built in) */
} rb_emit_opts;

/* What an emitter sees while the shared walker runs. */
typedef struct rb_emit_ctx {
	const rb_document *doc;		/* the document or book being rendered */
	const rb_emit_opts *opts;
	rb_buf *out;
	rb_diags *d;
	void *state;			/* the emitter's own, state_size bytes */
	int failed;
} rb_emit_ctx;

/* An output format: callbacks over one walker (cmark's renderer shape).
 * Adding a format is one file and one line in the registry. */
typedef struct rb_emitter {
	const char *name;		/* -f name */
	const char *ext;		/* output extension with dot */
	int is_default;			/* built when -f is not given */
	size_t state_size;
	void (*begin)(rb_emit_ctx *c);
	/* Return 0 to skip the node's children (leave is still called). */
	int (*enter)(rb_emit_ctx *c, const rb_node *n);
	void (*leave)(rb_emit_ctx *c, const rb_node *n);
	void (*end)(rb_emit_ctx *c);
	/* Optional, for rendering a large document in parts side by side
	 * (rb_emit_formats): can a part start at n (a node after a sibling)?
	 * part_begin and part_end take the place of begin and end for such
	 * a part.  quiet(c, 1) puts what was rendered into c->out and drops
	 * the output from there on, quiet(c, 0) keeps it again: the
	 * ancestors of the part are entered and left quietly by the part
	 * and by the rest. */
	int (*split_ok)(const rb_node *n);
	void (*part_begin)(rb_emit_ctx *c, const rb_node *at);
	void (*part_end)(rb_emit_ctx *c);
	void (*quiet)(rb_emit_ctx *c, int on);
	/* Optional, for what rendering needs loaded (a library): preload
	 * loads it on this thread (now) or starts loading it on another (a
	 * caller that knows the format early calls it first); ready, called
	 * before begin, waits for it and returns 0, or -1 with a diagnostic
	 * in c->d (then nothing is rendered). */
	void (*preload)(int now);
	int (*ready)(rb_emit_ctx *c);
} rb_emitter;

/* Render doc with e into out.  Returns 0, or -1 with a diagnostic. */
int rb_emit(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	    rb_buf *out, rb_diags *d);
/* rb_emit handing the output to sink, a block at a time, as it grows;
 * out keeps the rest.  A sink returns < 0 on failure. */
typedef int (*rb_sink_fn)(void *ctx, const char *data, size_t len);
int rb_emit_stream(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
		   rb_buf *out, rb_sink_fn sink, void *ctx, rb_diags *d);
/* Where one format's output goes.  open, on the thread that renders the
 * format before it starts (optional): 1 to have the output handed to
 * write a block at a time as it grows, 0 to have all of it at close, or
 * -1 with a diagnostic when it cannot be written (then the format is not
 * rendered).  close takes what is left, and returns < 0 (with a
 * diagnostic) when the output could not be written. */
typedef struct rb_emit_sink {
	int (*open)(void *ctx, rb_diags *d);
	rb_sink_fn write;
	int (*close)(void *ctx, rb_buf *rest, rb_diags *d);
	void *ctx;
} rb_emit_sink;
/* Render doc in the nf formats fmts[i], each to sinks[i], on up to
 * threads threads: the formats side by side, a large document's in
 * parts.  The diagnostics go to d in the formats' order, the same for
 * any number of threads; with one thread the formats are rendered in
 * order and the first that fails ends it.  Returns 0, or 2 when an
 * output could not be written or rendered (1: only a part failed). */
int rb_emit_formats(const rb_document *doc, const rb_emit_opts *opts,
		    const rb_emitter *const *fmts, const rb_emit_sink *sinks, int nf,
		    int threads, rb_diags *d);
const rb_emitter *rb_emitter_lookup(const char *name);
/* All emitters, NULL-terminated. */
const rb_emitter *const *rb_emitters(void);

#endif
