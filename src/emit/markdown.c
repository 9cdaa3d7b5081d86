/*
 * Canonical Markdown (SPEC §3.2): the form the Markdown loader reads back
 * to the same tree.  Front matter (written with libyaml) for metadata,
 * `# title`, history lines before <!-- INFO END -->, divisions as
 * headings, clauses as paragraphs that start with their label, titled
 * clauses as headings followed by their text, pipe tables; the link
 * reference definitions at the end of their document.  The HTML comment
 * blocks of a Markdown source are written back where they stood, at the
 * indentation of the clause they stand by (no other output shows them).
 */
#include <string.h>

#include <yaml.h>

#include "rulebook.h"
#include "text/buf.h"
#include "text/width.h"
#include "emit.h"
#include "text/markdown.h"

struct md_state {
	int depth;		/* of the node being entered, below its document */
	int offset;		/* '#' levels taken by a handbook's title */
	size_t glue_at;		/* after an empty list entry's marker, 0 when none */
};

/* HTML comments (below) */
static size_t comments(rb_buf *b, const rb_node *n, rb_comment_at at, size_t indent);
static void preamble(rb_buf *b, const rb_document *doc);

/* Start a new block: one empty line after whatever came before. */
static void
block(rb_buf *b)
{
	if (!b->len)
		return;
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->len--;
	if (b->data[b->len - 1] != '\n')
		rb_buf_addc(b, '\n');
	rb_buf_addc(b, '\n');
}

/* Take out the empty line block() opened at at (0: none), when it is
 * still there: what follows is held to the line before it. */
static void
unblank(rb_buf *b, size_t at)
{
	if (at && b->len > at && b->data[at] == '\n' && b->data[at - 1] == '\n') {
		memmove(b->data + at, b->data + at + 1, b->len - at);
		b->len--;
	}
}

static void
hashes(rb_buf *b, int level)
{
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	while (level-- > 0)
		rb_buf_addc(b, '#');
	rb_buf_addc(b, ' ');
}

/* text with " {#id}" at the end of its first line */
static void
text_with_id(rb_buf *b, const char *text, const rb_node *n)
{
	const char *nl = strchr(text, '\n');

	if (!n->explicit_id) {
		rb_buf_adds(b, text);
		return;
	}
	if (nl) {
		rb_buf_add(b, text, (size_t)(nl - text));
		rb_buf_printf(b, "%s{#%s}", nl > text ? " " : "", n->id);
		rb_buf_adds(b, nl);
	} else
		rb_buf_printf(b, "%s%s{#%s}", text, *text ? " " : "", n->id);
}

/* ---- front matter ---- */

static int
yaml_out(void *data, unsigned char *buffer, size_t size)
{
	rb_buf_add(data, buffer, size);
	return 1;
}

/* Emit one event; once libyaml has failed, nothing more (emitting on
 * after an error frees its events twice). */
static int
y_emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	if (e->error != YAML_NO_ERROR) {
		yaml_event_delete(ev);
		return 0;
	}
	return yaml_emitter_emit(e, ev);
}

static void
y_scalar(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1,
					  1, YAML_ANY_SCALAR_STYLE)) {
		e->error = YAML_EMITTER_ERROR;	/* not UTF-8: ev is unset */
		return;
	}
	y_emit(e, &ev);
}

static void
y_value(yaml_emitter_t *e, const rb_value *v)
{
	yaml_event_t ev;
	const rb_value *c;

	switch (v->type) {
	case RB_VAL_STRING:
		y_scalar(e, v->str ? v->str : "");
		break;
	case RB_VAL_LIST:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		y_emit(e, &ev);
		for (c = v->first; c; c = c->next)
			y_value(e, c);
		yaml_sequence_end_event_initialize(&ev);
		y_emit(e, &ev);
		break;
	case RB_VAL_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		y_emit(e, &ev);
		for (c = v->first; c; c = c->next) {
			y_scalar(e, c->key ? c->key : "");
			y_value(e, c);
		}
		yaml_mapping_end_event_initialize(&ev);
		y_emit(e, &ev);
		break;
	}
}

/* Document-level keys of the YAML format; everything else goes under meta. */
static int
doc_key(const char *k)
{
	static const char *const keys[] = {
		"title", "subtitle", "issuer", "effective", "adopted", "version", "lang",
		"profile", "start", "preamble", "history", NULL
	};
	size_t i;

	for (i = 0; keys[i]; i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

/* Can the history be written as 2024年1月1日 event lines? */
static int
history_as_lines(const rb_document *doc, const rb_value *h)
{
	const rb_value *e;

	if (strncmp(rb_document_lang(doc), "zh", 2) != 0)
		return 0;
	for (e = h->first; e; e = e->next) {
		if (e->type == RB_VAL_STRING) {
			uint32_t cp = 0;

			if (!e->str || !rb_utf8_decode(e->str, strlen(e->str), &cp) ||
			    !rb_cp_is_cjk(cp) || strchr(e->str, '\n'))
				return 0;
			continue;
		}
		if (e->type != RB_VAL_MAP || !e->first || !e->first->next || e->first->next->next ||
		    strcmp(e->first->key, "date") || strcmp(e->first->next->key, "event") ||
		    e->first->type != RB_VAL_STRING || e->first->next->type != RB_VAL_STRING ||
		    strlen(e->first->str) != 10 || strchr(e->first->next->str, '\n'))
			return 0;
	}
	return 1;
}

/* Front matter into b; 0 when libyaml could not write it. */
static int
front_matter(rb_buf *b, const rb_document *doc, int history_lines, const char *handbook)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	const rb_value *v;
	int any = 0, meta = 0, ok;
	int profile = doc->profile_stated || doc->profile != rb_profile_default();

	for (v = doc->meta.first; v; v = v->next) {
		if (!v->key || !strcmp(v->key, "subtitle") ||
		    (!strcmp(v->key, "history") && history_lines))
			continue;
		any = 1;
		if (!doc_key(v->key))
			meta = 1;
	}
	if (!any && !profile && !handbook)
		return 1;
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, yaml_out, b);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	rb_buf_adds(b, "---\n");
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	y_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	y_emit(&e, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	y_emit(&e, &ev);
	if (handbook) {	/* a book in one file */
		y_scalar(&e, "handbook");
		y_scalar(&e, handbook);
	}
	if (profile) {
		y_scalar(&e, "profile");
		y_scalar(&e, doc->profile->name);
	}
	for (v = doc->meta.first; v; v = v->next) {
		if (!v->key || !doc_key(v->key) || !strcmp(v->key, "subtitle") ||
		    (!strcmp(v->key, "history") && history_lines))
			continue;
		y_scalar(&e, v->key);
		y_value(&e, v);
	}
	if (meta) {
		y_scalar(&e, "meta");
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		y_emit(&e, &ev);
		for (v = doc->meta.first; v; v = v->next) {
			if (!v->key || doc_key(v->key))
				continue;
			y_scalar(&e, v->key);
			y_value(&e, v);
		}
		yaml_mapping_end_event_initialize(&ev);
		y_emit(&e, &ev);
	}
	yaml_mapping_end_event_initialize(&ev);
	y_emit(&e, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	y_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	y_emit(&e, &ev);
	yaml_emitter_flush(&e);
	ok = e.error == YAML_NO_ERROR;
	yaml_emitter_delete(&e);
	rb_buf_adds(b, "---\n");
	return ok;
}

/* ---- the document block: front matter, title, history, preamble ---- */

static void
head_matter(rb_emit_ctx *c, const rb_document *doc, int history_lines, const char *handbook)
{
	if (front_matter(c->out, doc, history_lines, handbook))
		return;
	rb_diag_report(c->d, RB_D_OUTPUT_WRITE, doc->source, 0, 0,
		       "the front matter could not be written as YAML");
	c->failed = 1;
}

static void
document_head(rb_emit_ctx *c, const rb_document *doc, int level, int standalone)
{
	rb_buf *b = c->out;
	const rb_value *v, *h = NULL;
	const char *sub = rb_meta_get(doc, "subtitle");
	int lines;
	size_t tight;

	for (v = doc->meta.first; v; v = v->next)
		if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
			h = v;
	lines = h && h->first && history_as_lines(doc, h);
	if (standalone)
		head_matter(c, doc, lines, NULL);
	tight = comments(b, doc->root, RB_COMMENT_BEFORE, 0);
	block(b);
	hashes(b, level);
	rb_buf_adds(b, rb_document_title(doc));
	rb_buf_addc(b, '\n');
	unblank(b, tight);
	if (sub && *sub) {
		block(b);
		hashes(b, level);
		rb_buf_adds(b, sub);
		rb_buf_addc(b, '\n');
	}
	if (lines) {
		for (v = h->first; v; v = v->next) {
			block(b);
			if (v->type == RB_VAL_STRING)
				rb_buf_adds(b, v->str);
			else {
				const char *event = v->first->next->str;

				/* history lines are written for Chinese documents only */
				rb_put_date(b, doc, v->first->str);
				rb_buf_printf(b, "%s%s", *event ? " " : "", event);
			}
			rb_buf_addc(b, '\n');
		}
	}
	if (lines || (doc->preamble && *doc->preamble)) {
		block(b);
		rb_buf_adds(b, "<!-- INFO END -->\n");
	}
	if (doc->preamble && *doc->preamble)
		preamble(b, doc);
	else
		comments(b, doc->root, RB_COMMENT_PREAMBLE, 0);
}

/* ---- clauses ---- */

static void
table(rb_buf *b, const rb_table *t)
{
	size_t r, i;

	if (!t || !t->rows || !t->cols)
		return;
	block(b);
	for (r = 0; r < t->rows; r++) {
		rb_buf_addc(b, '|');
		for (i = 0; i < t->cols; i++) {
			const char *s = t->cells[r * t->cols + i];

			rb_buf_addc(b, ' ');
			for (; s && *s; s++) {
				if (*s == '|' && (s == t->cells[r * t->cols + i] || s[-1] != '\\'))
					rb_buf_addc(b, '\\');
				rb_buf_addc(b, *s == '\n' ? ' ' : *s);
			}
			rb_buf_adds(b, " |");
		}
		rb_buf_addc(b, '\n');
		if (r == 0) {
			rb_buf_addc(b, '|');
			for (i = 0; i < t->cols; i++)
				rb_buf_adds(b, " --- |");
			rb_buf_addc(b, '\n');
		}
	}
}

/* The separator after a label: a space after ASCII (1. (a) 第一条 and 第 1 條
 * too, by the convention of published Markdown laws), none after 、 and ）. */
static const char *
separator(const rb_node *n)
{
	size_t l = strlen(n->label);

	if (n->style == RB_STYLE_CN_ORDINAL || n->style == RB_STYLE_TW_ORDINAL)
		return " ";
	return l && (unsigned char)n->label[l - 1] < 0x80 ? " " : "";
}

/* A heading with a label and title, then the clause's text. */

/* A deleted article's placeholder: Taiwan's statutes write （刪除）. */
static const char *
deleted_mark(const rb_node *n)
{
	return n->doc && n->doc->profile && (n->doc->profile->cn_flags & RB_CN_TW) ? "（刪除）" : "（删去）";
}
static void
titled(rb_buf *b, const rb_node *n, int level)
{
	size_t tight;

	block(b);
	hashes(b, level);
	if (*n->label) {
		rb_buf_adds(b, n->label);
		if (n->title && *n->title)
			rb_buf_adds(b, separator(n));
	}
	if (n->title)
		rb_buf_adds(b, n->title);
	if (n->explicit_id)
		rb_buf_printf(b, " {#%s}", n->id);
	rb_buf_addc(b, '\n');
	tight = comments(b, n, RB_COMMENT_TEXT, 0);
	if (n->deleted || (n->text && *n->text)) {
		block(b);
		rb_buf_adds(b, n->deleted ? deleted_mark(n) : n->text);
		rb_buf_addc(b, '\n');
		unblank(b, tight);
	}
}

/* Width of the list marker n is written with (- , 1. , 1) ), 0 when its
 * label is no marker cmark knows. */
static size_t
list_marker_width(const rb_node *n)
{
	size_t i = 0;

	if (n->kind != RB_ITEM || (n->title && *n->title))
		return 0;
	if (n->style == RB_STYLE_NONE || !*n->label)
		return 2;	/* - , also for an entry with no number (0.) */
	while (n->label[i] >= '0' && n->label[i] <= '9')
		i++;
	if (i == 0 || i > 9 || (n->label[i] != '.' && n->label[i] != ')') || n->label[i + 1])
		return 0;
	return i + 2;
}

/* Columns that keep n inside the list entries around it: the blocks of
 * an entry (its 款, a quote, code) are indented under its marker.  An
 * outline (1.1 under 1.) and what it holds stay at the margin: the loader
 * finds an outline's parent among the clauses open after the list. */
static size_t
list_indent(const rb_node *n)
{
	size_t w = 0;
	const rb_node *p;

	if (n->style == RB_STYLE_DECIMAL_OUTLINE)
		return 0;
	for (p = n->parent; p && (p->kind == RB_ITEM || p->kind == RB_PARAGRAPH); p = p->parent) {
		if (p->style == RB_STYLE_DECIMAL_OUTLINE)
			return 0;
		w += list_marker_width(p);
	}
	return w;
}

/* text with every line but empty ones indented */
static void
indented(rb_buf *b, const char *text, size_t indent)
{
	const char *nl;

	for (;;) {
		nl = strchr(text, '\n');
		if (nl != text && *text)
			rb_buf_spaces(b, indent);
		if (!nl) {
			rb_buf_adds(b, text);
			return;
		}
		rb_buf_add(b, text, (size_t)(nl - text + 1));
		text = nl + 1;
	}
}

/* ---- HTML comments ---- */

/* One comment block at indent columns; tight: where the one before it
 * opened an empty line it is held against (0: none).  Returns where the
 * block after it is to be held against it, or 0. */
static size_t
comment(rb_buf *b, const rb_comment *k, size_t indent, size_t tight)
{
	if (!tight)
		block(b);
	indented(b, k->text, indent);
	rb_buf_addc(b, '\n');
	return k->tight ? b->len : 0;
}

static int
has_comments(const rb_node *n, rb_comment_at at)
{
	const rb_comment *k;

	for (k = n->comments; k; k = k->next)
		if (k->at == at)
			return 1;
	return 0;
}

/* The comments of n at at, in order; returns as comment() does. */
static size_t
comments(rb_buf *b, const rb_node *n, rb_comment_at at, size_t indent)
{
	const rb_comment *k;
	size_t tight = 0;

	for (k = n->comments; k; k = k->next)
		if (k->at == at)
			tight = comment(b, k, indent, tight);
	return tight;
}

/* Columns n's own block starts at: a clause written as a heading, a
 * division and a table stand at the margin. */
static size_t
block_indent(const rb_node *n)
{
	if (n->kind == RB_PARAGRAPH ||
	    ((n->kind == RB_ARTICLE || n->kind == RB_ITEM) && !(n->title && *n->title)))
		return list_indent(n);
	return 0;
}

/* A block of the preamble p[0, n): without the empty lines around it. */
static void
preamble_piece(rb_buf *b, const char *p, size_t n, size_t tight)
{
	while (n && *p == '\n')
		p++, n--;
	while (n && p[n - 1] == '\n')
		n--;
	if (!n)
		return;
	block(b);
	rb_buf_add(b, p, n);
	rb_buf_addc(b, '\n');
	unblank(b, tight);
}

/* The preamble with the comments that stood between its blocks (one
 * whose offset is no boundary of blocks, the preamble having been
 * replaced, goes after it). */
static void
preamble(rb_buf *b, const rb_document *doc)
{
	const char *p = doc->preamble;
	size_t len = strlen(p), done = 0, tight = 0, at;
	const rb_comment *k;

	for (k = doc->root->comments; k; k = k->next) {
		if (k->at != RB_COMMENT_PREAMBLE)
			continue;
		at = k->offset;
		if (at < done || at > len || (at > 0 && at < len && strncmp(p + at, "\n\n", 2)))
			at = len;
		if (at > done) {
			preamble_piece(b, p + done, at - done, tight);
			tight = 0;
		}
		done = at;
		tight = comment(b, k, 0, tight);
	}
	preamble_piece(b, p + done, len - done, tight);
}

/* A clause written as a paragraph starting with its label. */
static void
labelled(rb_buf *b, const rb_node *n)
{
	const char *text = n->deleted ? deleted_mark(n) : n->text ? n->text : "";

	block(b);
	rb_buf_spaces(b, list_indent(n));
	if (n->kind == RB_ITEM && (n->style == RB_STYLE_NONE || !*n->label))
		rb_buf_adds(b, *text ? "- " : "-");
	else {
		rb_buf_adds(b, n->label);
		if (*text || n->explicit_id)
			rb_buf_adds(b, separator(n));
	}
	if (list_marker_width(n) && *text) {
		/* after - or 1. the text would start a block of its own (1. *) */
		const char *nl = strchr(text, '\n');
		rb_buf t;

		rb_buf_init(&t);
		rb_buf_add(&t, "", 0);
		rb_md_put_as_text(&t, text, nl ? (size_t)(nl - text) : strlen(text));
		rb_buf_adds(&t, nl ? nl : "");
		text_with_id(b, t.data, n);
		rb_buf_free(&t);
	} else
		text_with_id(b, text, n);
	rb_buf_addc(b, '\n');
}

static int
md_enter(rb_emit_ctx *c, const rb_node *n)
{
	struct md_state *st = c->state;
	rb_buf *b = c->out;
	int level = st->depth + st->offset + 1;
	size_t w, tight = 0;

	st->depth++;
	if (n->kind != RB_BOOK && n->kind != RB_DOCUMENT && n->kind != RB_PARAGRAPH)
		tight = comments(b, n, RB_COMMENT_BEFORE, block_indent(n));
	switch (n->kind) {
	case RB_BOOK:
		/* a book in one file (format.md): handbook: in front matter,
		 * # for its parts, ## for its documents */
		st->offset = 1;
		head_matter(c, n->doc, 0, rb_document_title(n->doc));
		if (n->doc->preamble && *n->doc->preamble) {	/* before its first heading */
			block(b);
			rb_buf_adds(b, n->doc->preamble);
			rb_buf_addc(b, '\n');
		}
		break;
	case RB_DOCUMENT:
		st->depth = 1;
		document_head(c, n->doc, st->offset + 1, c->doc->root == n);
		break;
	case RB_PART:
		titled(b, n, n->parent && n->parent->kind == RB_BOOK ? 1 : level);
		break;
	case RB_CHAPTER:
	case RB_HEADING:
		titled(b, n, level);
		break;
	case RB_SECTION:
		if (n->style == RB_STYLE_DECIMAL_OUTLINE && (!n->title || !*n->title) && *n->label)
			labelled(b, n);
		else
			titled(b, n, level);
		break;
	case RB_ARTICLE:
	case RB_ITEM:
		if (n->title && *n->title)
			titled(b, n, level);
		else
			labelled(b, n);
		break;
	case RB_PARAGRAPH:
		/* the closing after the clauses; a paragraph after a list
		 * needs no mark to stand outside it */
		if (n->parent && n->parent->kind == RB_DOCUMENT && n->prev &&
		    n->prev->kind != RB_PARAGRAPH && strcmp(n->text ? n->text : "", "-----") &&
		    (n->closing || !list_marker_width(n->prev))) {
			block(b);
			rb_buf_adds(b, "***\n");
		}
		tight = comments(b, n, RB_COMMENT_BEFORE, block_indent(n));
		block(b);
		if ((w = list_indent(n)) > 0) {
			rb_buf t;

			rb_buf_init(&t);
			rb_buf_add(&t, "", 0);
			text_with_id(&t, n->text ? n->text : "", n);
			indented(b, t.data, w);
			rb_buf_free(&t);
		} else
			text_with_id(b, n->text ? n->text : "", n);
		rb_buf_addc(b, '\n');
		break;
	case RB_TABLE:
		table(b, n->table);
		break;
	default:
		break;
	}
	unblank(b, tight);
	if ((w = list_marker_width(n)) > 0 && has_comments(n, RB_COMMENT_END)) {
		/* the comments that ended a list entry in which no clause
		 * was: inside it, held to its marker when it has no text */
		size_t at = b->len;

		comments(b, n, RB_COMMENT_END, list_indent(n) + w);
		if ((!n->text || !*n->text) && !n->deleted)
			unblank(b, at);
	}
	if (st->glue_at && n->parent && n == n->parent->first && list_marker_width(n->parent) &&
	    (!n->parent->text || !*n->parent->text) && b->len > st->glue_at &&
	    b->data[st->glue_at] == '\n') {
		/* an entry with no text of its own holds the block that follows
		 * only without a blank line between (-, then   - foo) */
		memmove(b->data + st->glue_at, b->data + st->glue_at + 1, b->len - st->glue_at);
		b->len--;
	}
	st->glue_at = 0;
	if (n->first && list_marker_width(n) && (!n->text || !*n->text) && !n->deleted &&
	    !has_comments(n, RB_COMMENT_END))
		st->glue_at = b->len;
	return 1;
}

static void
md_leave(rb_emit_ctx *c, const rb_node *n)
{
	struct md_state *st = c->state;

	st->depth--;
	comments(c->out, n, RB_COMMENT_AFTER, block_indent(n));
	if (n->kind == RB_DOCUMENT && n->doc->link_defs && *n->doc->link_defs) {
		/* the document's link reference definitions, after its text */
		block(c->out);
		rb_buf_adds(c->out, n->doc->link_defs);
		rb_buf_addc(c->out, '\n');
	}
}

static void
md_end(rb_emit_ctx *c)
{
	rb_buf *b = c->out;

	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->len--;
	if (b->data)
		b->data[b->len] = '\0';
}

const rb_emitter rb_emitter_markdown = {
	.name = "markdown",
	.ext = ".md",
	.is_default = 0,
	.state_size = sizeof(struct md_state),
	.enter = md_enter,
	.leave = md_leave,
	.end = md_end,
};
