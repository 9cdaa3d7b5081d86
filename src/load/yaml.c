/*
 * YAML rulebooks (SPEC §3.1) on libyaml's document API.  Every error
 * carries file:line:col from libyaml's marks; misspelt keys get the
 * nearest known key suggested.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "rulebook.h"
#include "internal.h"
#include "load.h"
#include "text/markdown.h"

#define DEFAULT_MAX_DEPTH 100

struct yctx {
	rb_document *doc;
	rb_diags *d;
	const char *file;
	yaml_document_t y;
	rb_lines lines;
	unsigned char *seen;	/* collections visited (alias guard) */
	int max_depth;
	int depth_reported;
	int alias_reported;
	int front;		/* Markdown front matter: no clauses */
};

static const char *const doc_keys[] = {
	"title", "subtitle", "issuer", "effective", "adopted", "version", "lang",
	"profile", "start", "preamble", "history", "closing", "clauses", "meta", NULL
};

static const char *const clause_keys[] = {
	"kind", "number", "insert", "style", "title", "text", "id", "clauses",
	"rows", "deleted", "unit", NULL
};

static const char *const clause_kinds[] = {
	"part", "chapter", "section", "article", "paragraph", "item", "table",
	"heading", NULL
};

static yaml_node_t *
ynode(struct yctx *c, int i)
{
	return yaml_document_get_node(&c->y, i);
}

static unsigned
yline(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static unsigned
ycol(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.column + 1;
}

#define REPORT(c, code, n, ...) \
	rb_diag_report((c)->d, (code), (c)->file, yline(n), ycol(n), __VA_ARGS__)

static const char *
type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a string";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* A string value, or NULL with an input-type error. */
static const char *
scalar(struct yctx *c, yaml_node_t *n, const char *key)
{
	if (n->type != YAML_SCALAR_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, n, "'%s' must be a string, not %s", key, type_name(n));
		return NULL;
	}
	return rb_arena_strndup(c->doc->arena, (const char *)n->data.scalar.value,
				n->data.scalar.length);
}

/* Guard against alias bombs: a collection may be visited once. */
static int
first_visit(struct yctx *c, yaml_node_t *n)
{
	size_t i = (size_t)(n - c->y.nodes.start);

	if (n->type == YAML_SCALAR_NODE)
		return 1;
	if (c->seen[i]) {
		if (!c->alias_reported++)
			REPORT(c, RB_D_INPUT_VALUE, n,
			       "a list or mapping is used twice through an alias; aliases of collections are not supported");
		return 0;
	}
	c->seen[i] = 1;
	return 1;
}

static int
in_list(const char *key, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

static int
parse_bool(const char *s, int *out)
{
	if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "True")) {
		*out = 1;
		return 1;
	}
	if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "False")) {
		*out = 0;
		return 1;
	}
	return 0;
}

static int
valid_ymd(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* Digits at *p (ASCII or full-width), at most max of them; -1 when none. */
static int
digits(const char **p, int max)
{
	int v = 0, k = 0;

	for (; k < max; k++) {
		const unsigned char *u = (const unsigned char *)*p;

		if (*u >= '0' && *u <= '9') {
			v = v * 10 + (*u - '0');
			*p += 1;
		} else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
			v = v * 10 + (u[2] - 0x90);	/* ０–９ */
			*p += 3;
		} else
			break;
	}
	return k ? v : -1;
}

/* A date as YYYY-MM-DD or as Chinese offices write it, 2026年3月1日:
 * the ISO form in the document's arena, or NULL. */
static const char *
parse_date(struct yctx *c, const char *s)
{
	const char *p = s;
	int y, m, d;

	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		for (int i = 0; i < 10; i++)
			if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
				return NULL;
		return valid_ymd(atoi(s), atoi(s + 5), atoi(s + 8)) ? s : NULL;
	}
	if ((y = digits(&p, 4)) < 0 || p - s < 4 || strncmp(p, "年", 3) ||
	    (p += 3, m = digits(&p, 2)) < 0 || strncmp(p, "月", 3) ||
	    (p += 3, d = digits(&p, 2)) < 0 || strcmp(p, "日") || !valid_ymd(y, m, d))
		return NULL;
	return rb_arena_printf(c->doc->arena, "%04d-%02d-%02d", y, m, d);
}

/* Duplicate keys are an error in YAML; libyaml does not check. */
static int
duplicate_key(struct yctx *c, yaml_node_pair_t *first, yaml_node_pair_t *pair)
{
	yaml_node_t *k = ynode(c, pair->key), *o;
	yaml_node_pair_t *p;

	if (k->type != YAML_SCALAR_NODE)
		return 0;
	for (p = first; p < pair; p++) {
		o = ynode(c, p->key);
		if (o->type == YAML_SCALAR_NODE && o->data.scalar.length == k->data.scalar.length &&
		    memcmp(o->data.scalar.value, k->data.scalar.value, k->data.scalar.length) == 0) {
			REPORT(c, RB_D_INPUT_SYNTAX, k, "duplicate key '%s'", k->data.scalar.value);
			rb_diag_note(c->d, c->file, yline(o), ycol(o), "first given here");
			return 1;
		}
	}
	return 0;
}

/* The nearest of keys[] to a misspelt key, or NULL. */
static const char *
suggest(const char *key, const char *const *keys)
{
	const char *best = NULL;
	size_t bestd = 3, dist, i;
	size_t max = strlen(key) <= 4 ? 1 : 2;

	for (i = 0; keys[i]; i++) {
		dist = rb_edit_distance(key, keys[i], max);
		if (dist <= max && dist < bestd) {
			best = keys[i];
			bestd = dist;
		}
	}
	return best;
}

static void
unknown_key(struct yctx *c, yaml_node_t *k, const char *key, const char *const *keys,
	    const char *where)
{
	const char *s = suggest(key, keys);

	if (s)
		REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k, "unknown key '%s' in %s; did you mean '%s'?",
		       key, where, s);
	else
		REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k, "unknown key '%s' in %s", key, where);
}

/* Generic value for free metadata keys. */
static rb_value *
to_value(struct yctx *c, yaml_node_t *n, const char *key, int depth)
{
	rb_value *v;

	if (depth > c->max_depth) {
		if (!c->depth_reported++)
			REPORT(c, RB_D_INPUT_DEPTH, n, "metadata nested deeper than %d levels", c->max_depth);
		return NULL;
	}
	if (!first_visit(c, n))
		return NULL;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		v = rb_value_new(c->doc, RB_VAL_STRING, key);
		v->str = rb_arena_strndup(c->doc->arena, (const char *)n->data.scalar.value,
					  n->data.scalar.length);
		return v;
	case YAML_SEQUENCE_NODE: {
		yaml_node_item_t *it;

		v = rb_value_new(c->doc, RB_VAL_LIST, key);
		for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			rb_value *ch = to_value(c, ynode(c, *it), NULL, depth + 1);

			if (ch)
				rb_value_append(v, ch);
		}
		return v;
	}
	case YAML_MAPPING_NODE: {
		yaml_node_pair_t *p;

		v = rb_value_new(c->doc, RB_VAL_MAP, key);
		for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ynode(c, p->key);
			const char *ks = scalar(c, k, "key");
			rb_value *ch;

			if (!ks || duplicate_key(c, n->data.mapping.pairs.start, p))
				continue;
			ch = to_value(c, ynode(c, p->value), ks, depth + 1);
			if (ch)
				rb_value_append(v, ch);
		}
		return v;
	}
	default:
		return NULL;
	}
}

/* meta: a mapping of free keys, added to the document's metadata. */
static void
absorb_meta(struct yctx *c, yaml_node_t *v)
{
	rb_value *val, *m, *next;

	if (v->type != YAML_MAPPING_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, v, "'meta' must be a mapping, not %s", type_name(v));
		return;
	}
	if ((val = to_value(c, v, NULL, 1)) == NULL)
		return;
	for (m = val->first; m; m = next) {
		next = m->next;
		m->next = NULL;
		rb_value_append(&c->doc->meta, m);
	}
}

static void
set_meta(struct yctx *c, const char *key, const char *val)
{
	rb_value *v = rb_value_new(c->doc, RB_VAL_STRING, key);

	v->str = val;
	rb_value_append(&c->doc->meta, v);
}

static const char *
trim_end(struct yctx *c, const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return rb_arena_strndup(c->doc->arena, s, n);
}

/* A cover's logo: a PNG or JPEG file named relative to the manifest and
 * inside its folder (not absolute, no ..: a manifest from elsewhere cannot make
 * the HTML carry any file it likes); the name as written, or NULL. */
static const char *
logo_path(struct yctx *c, yaml_node_t *n, const char *s)
{
	const char *slash = strrchr(c->file, '/');
	unsigned char magic[4] = {0};
	const char *full, *p;
	FILE *f;

	for (p = s; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
		if (!strncmp(p, "..", 2) && (p[2] == '/' || !p[2]))
			break;
	if (s[0] == '/' || *p || !*s) {
		REPORT(c, RB_D_INPUT_VALUE, n, "the logo must be a file inside the manifest's folder, not '%s'", s);
		return NULL;
	}
	full = slash ? rb_arena_printf(c->doc->arena, "%.*s/%s", (int)(slash - c->file), c->file, s) : s;
	if (!(f = fopen(full, "rb"))) {
		REPORT(c, RB_D_INPUT_UNREADABLE, n, "cannot read the logo '%s'", full);
		return NULL;
	}
	if (fread(magic, 1, 4, f) != 4)
		magic[0] = 0;
	fclose(f);
	if (!(magic[0] == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') &&
	    !(magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF)) {
		REPORT(c, RB_D_INPUT_VALUE, n, "the logo '%s' is not a PNG or JPEG image", s);
		return NULL;
	}
	return s;
}

/* ---- clauses ---- */

struct para_ctx {
	struct yctx *c;
	rb_node *node;
	unsigned line0;		/* source line of the scalar's first line */
	int first;
};

static void
add_block(void *vctx, const char *text, size_t len, unsigned line)
{
	struct para_ctx *p = vctx;
	rb_node *par;

	if (p->first) {
		p->node->text = rb_arena_strndup(p->c->doc->arena, text, len);
		p->first = 0;
		return;
	}
	par = rb_node_new(p->c->doc, RB_PARAGRAPH);
	par->text = rb_arena_strndup(p->c->doc->arena, text, len);
	par->line = p->line0 + line - 1;
	par->column = rb_lines_indent_column(&p->c->lines, par->line);
	par->text_line = par->line;
	par->text_column = par->column;
	rb_node_append(p->node, par);
}

static int
has_blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n') {
			size_t j = i + 1;

			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j < n && s[j] == '\n')
				return 1;
		}
	return 0;
}

/* The first paragraph of text is the clause's own text; further
 * paragraphs are its 款 (paragraph children). */
static void
set_text(struct yctx *c, rb_node *node, yaml_node_t *n, const char *text)
{
	struct para_ctx p = {c, node, yline(n), 1};
	size_t len = strlen(text);

	if (n->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
		p.line0++;
	/* where the text starts, for positions of references in it */
	node->text_line = p.line0;
	if (p.line0 == yline(n))
		node->text_column = ycol(n) + (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
					       n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else
		node->text_column = rb_lines_indent_column(&c->lines, p.line0);
	if (!has_blank_line(text, len)) {
		while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
			len--;
		node->text = rb_arena_strndup(c->doc->arena, text, len);
		return;
	}
	rb_md_blocks(text, len, add_block, &p);
}

static void load_clauses(struct yctx *c, yaml_node_t *seq, rb_node *parent, int depth);

static void
load_table(struct yctx *c, yaml_node_t *rows, rb_node *node)
{
	yaml_node_item_t *r, *cell;
	rb_table *t;
	size_t i = 0, cols = 0;

	if (rows->type != YAML_SEQUENCE_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, rows, "'rows' must be a list of lists, not %s", type_name(rows));
		return;
	}
	for (r = rows->data.sequence.items.start; r < rows->data.sequence.items.top; r++) {
		yaml_node_t *row = ynode(c, *r);
		size_t nc;

		if (row->type != YAML_SEQUENCE_NODE) {
			REPORT(c, RB_D_INPUT_TYPE, row, "a table row must be a list of cells, not %s",
			       type_name(row));
			return;
		}
		nc = (size_t)(row->data.sequence.items.top - row->data.sequence.items.start);
		if (nc > cols)
			cols = nc;
	}
	t = rb_arena_alloc(c->doc->arena, sizeof(*t));
	t->rows = (size_t)(rows->data.sequence.items.top - rows->data.sequence.items.start);
	t->cols = cols;
	t->cells = rb_arena_alloc(c->doc->arena, (t->rows * cols + 1) * sizeof(char *));
	for (r = rows->data.sequence.items.start; r < rows->data.sequence.items.top; r++, i++) {
		yaml_node_t *row = ynode(c, *r);
		size_t j = 0;

		for (cell = row->data.sequence.items.start; cell < row->data.sequence.items.top; cell++, j++) {
			const char *s = scalar(c, ynode(c, *cell), "cell");

			t->cells[i * cols + j] = s ? s : "";
		}
		for (; j < cols; j++)
			t->cells[i * cols + j] = "";
	}
	node->table = t;
}

static void
load_clause(struct yctx *c, yaml_node_t *n, rb_node *parent, int depth)
{
	rb_node *node;
	yaml_node_pair_t *p;
	yaml_node_t *children = NULL, *rows = NULL, *textn = NULL;
	const char *text = NULL;
	int kind = -1;

	if (n->type == YAML_SCALAR_NODE) {	/* "- text" shorthand */
		node = rb_node_new(c->doc, c->doc->profile->default_child[parent->kind]);
		node->line = yline(n);
		node->column = ycol(n);
		rb_node_append(parent, node);
		set_text(c, node, n, scalar(c, n, "text"));
		return;
	}
	if (n->type != YAML_MAPPING_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, n, "a clause must be a mapping or a string, not %s",
		       type_name(n));
		return;
	}
	node = rb_node_new(c->doc, RB_ITEM);
	node->line = yline(n);
	node->column = ycol(n);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *v = ynode(c, p->value);
		const char *key = scalar(c, k, "key"), *s;

		if (!key || duplicate_key(c, n->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "clauses")) {
			children = v;
			continue;
		}
		if (!strcmp(key, "rows")) {
			rows = v;
			continue;
		}
		if (!in_list(key, clause_keys)) {
			unknown_key(c, k, key, clause_keys, "a clause");
			continue;
		}
		if (!(s = scalar(c, v, key)))
			continue;
		if (!strcmp(key, "kind")) {
			kind = rb_kind_lookup(s);
			if (kind < 0 || kind == RB_BOOK || kind == RB_DOCUMENT) {
				const char *sug = suggest(s, clause_kinds);

				if (sug)
					REPORT(c, RB_D_INPUT_VALUE, v,
					       "unknown clause kind '%s'; did you mean '%s'?", s, sug);
				else
					REPORT(c, RB_D_INPUT_VALUE, v,
					       "unknown clause kind '%s' (part, chapter, section, article, paragraph, item, table, heading)", s);
				kind = -1;
			}
		} else if (!strcmp(key, "number")) {
			rb_label lab;

			/* the number as written, for fmt --renumber (plain
			 * scalars only: quoted ones keep their quotes) */
			if (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
				node->label_off = rb_lines_offset(&c->lines, yline(v), ycol(v));
				node->label_len = v->data.scalar.length;
			}

			if (rb_parse_int(s, 1, 99999, &node->number))
				node->explicit_number = 1;
			else if (rb_label_parse(s, strlen(s), RB_STYLE_NONE, &lab) &&
				 lab.len + lab.sep_len == strlen(s)) {
				node->number = lab.number;
				node->insert = lab.insert;
				node->explicit_number = 1;
				if (!node->explicit_style) {
					node->style = lab.style;
					node->explicit_style = 1;
				}
				if (lab.unit[0])
					node->unit = rb_arena_strdup(c->doc->arena, lab.unit);
			} else
				REPORT(c, RB_D_INPUT_TYPE, v,
				       "'number' must be a positive integer or a label such as 第十条, not '%s'", s);
		} else if (!strcmp(key, "insert")) {
			if (!rb_parse_int(s, 1, 99999, &node->insert))
				REPORT(c, RB_D_INPUT_TYPE, v, "'insert' must be a positive integer, not '%s'", s);
		} else if (!strcmp(key, "style")) {
			int st = rb_style_lookup(s);

			if (st <= 0)
				REPORT(c, RB_D_INPUT_VALUE, v, "unknown numbering style '%s'", s);
			else {
				node->style = (rb_style)st;
				node->explicit_style = 1;
			}
		} else if (!strcmp(key, "title"))
			node->title = s;
		else if (!strcmp(key, "text")) {
			text = s;
			textn = v;
		} else if (!strcmp(key, "id")) {
			if (!rb_valid_id(s))
				REPORT(c, RB_D_INPUT_VALUE, v,
				       "invalid id '%s': use letters, digits, '-', '_' and '.', starting with a letter", s);
			else {
				node->id = s;
				node->explicit_id = 1;
			}
		} else if (!strcmp(key, "deleted")) {
			int b;

			if (!parse_bool(s, &b))
				REPORT(c, RB_D_INPUT_TYPE, v, "'deleted' must be true or false, not '%s'", s);
			else
				node->deleted = (unsigned)b;
		} else if (!strcmp(key, "unit"))
			node->unit = s;
	}
	if (kind < 0)
		kind = rows ? RB_TABLE : (int)c->doc->profile->default_child[parent->kind];
	node->kind = (rb_kind)kind;
	rb_node_append(parent, node);
	if (rows)
		load_table(c, rows, node);
	/* An article's clauses (项) belong to its first paragraph; later
	 * paragraphs of the text (款2, 款3 …) follow them.  Any other clause
	 * reads as its text, then its sub-clauses. */
	if (text && node->kind != RB_ARTICLE)
		set_text(c, node, textn, text);
	if (children)
		load_clauses(c, children, node, depth + 1);
	if (text && node->kind == RB_ARTICLE)
		set_text(c, node, textn, text);
}

static void
load_clauses(struct yctx *c, yaml_node_t *seq, rb_node *parent, int depth)
{
	yaml_node_item_t *it;

	if (seq->type != YAML_SEQUENCE_NODE) {
		if (!(seq->type == YAML_SCALAR_NODE && seq->data.scalar.length == 0))
			REPORT(c, RB_D_INPUT_TYPE, seq, "'clauses' must be a list, not %s", type_name(seq));
		return;
	}
	if (depth > c->max_depth) {
		if (!c->depth_reported++)
			REPORT(c, RB_D_INPUT_DEPTH, seq, "clauses nested deeper than %d levels", c->max_depth);
		return;
	}
	if (!first_visit(c, seq))
		return;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = ynode(c, *it);

		if (first_visit(c, n))
			load_clause(c, n, parent, depth);
	}
}

/* ---- the document ---- */

/* "2026年2月20日 院长办公会审议通过" read as {date, event}, as a Markdown
 * document's history lines are; NULL when it does not start with a date. */
static rb_value *
dated_event(struct yctx *c, yaml_node_t *e)
{
	const char *s = (const char *)e->data.scalar.value, *sp, *iso;
	rb_value *m, *x;
	size_t k;

	for (sp = s; *sp && *sp != ' ' && strncmp(sp, "\xe3\x80\x80", 3); sp++)
		;
	k = (size_t)(sp - s);
	if (!*sp || k > 20 || !(iso = parse_date(c, rb_arena_strndup(c->doc->arena, s, k))))
		return NULL;
	while (*sp == ' ' || !strncmp(sp, "\xe3\x80\x80", 3))
		sp += *sp == ' ' ? 1 : 3;
	m = rb_value_new(c->doc, RB_VAL_MAP, NULL);
	x = rb_value_new(c->doc, RB_VAL_STRING, "date");
	x->str = iso;
	rb_value_append(m, x);
	x = rb_value_new(c->doc, RB_VAL_STRING, "event");
	x->str = rb_arena_strdup(c->doc->arena, sp);
	rb_value_append(m, x);
	return m;
}

static void
load_history(struct yctx *c, yaml_node_t *n)
{
	rb_value *h = rb_value_new(c->doc, RB_VAL_LIST, "history");
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, n, "'history' must be a list, not %s", type_name(n));
		return;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = ynode(c, *it);
		rb_value *v;

		if (e->type == YAML_SCALAR_NODE && (v = dated_event(c, e)) != NULL)
			rb_value_append(h, v);
		else if (e->type == YAML_SCALAR_NODE || e->type == YAML_MAPPING_NODE) {
			if ((v = to_value(c, e, NULL, 1)) != NULL)
				rb_value_append(h, v);
		} else
			REPORT(c, RB_D_INPUT_TYPE, e,
			       "a history entry must be a string or a mapping with date and event");
	}
	rb_value_append(&c->doc->meta, h);
}

static yaml_node_t *
find_key(struct yctx *c, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key);

		if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return ynode(c, p->value);
	}
	return NULL;
}

/* A document that names no profile has the one its language implies, as
 * a Markdown document does: en-handbook for `lang: en`, or for a file
 * with no Chinese in it; else the default. */
static const rb_profile *
unstated_profile(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *lang = find_key(c, root, "lang");
	size_t i;

	if (lang && lang->type == YAML_SCALAR_NODE)
		return strncmp((const char *)lang->data.scalar.value, "en", 2) == 0
		    ? rb_profile_lookup("en-handbook") : c->doc->profile;
	for (i = 0; i < c->lines.len; i++)	/* a lead byte of U+3000–U+9FFF */
		if ((unsigned char)c->lines.data[i] >= 0xE3 && (unsigned char)c->lines.data[i] <= 0xE9)
			return c->doc->profile;
	return rb_profile_lookup("en-handbook");
}

static void
load_profile(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
{
	yaml_node_t *v = find_key(c, root, "profile");
	const char *s;

	if (opts && opts->profile) {
		c->doc->profile = opts->profile;
		return;
	}
	if (opts && opts->default_profile)
		c->doc->profile = opts->default_profile;
	if (!v && !c->front && !(opts && opts->default_profile) && c->doc->root->kind == RB_DOCUMENT)
		c->doc->profile = unstated_profile(c, root);
	if (!v || !(s = scalar(c, v, "profile")))
		return;
	if (rb_profile_lookup(s)) {
		c->doc->profile = rb_profile_lookup(s);
		c->doc->profile_stated = 1;
	} else {
		const char *sug = suggest(s, (const char *const *)rb_profile_names());

		if (sug)
			REPORT(c, RB_D_INPUT_VALUE, v, "unknown profile '%s'; did you mean '%s'?", s, sug);
		else
			REPORT(c, RB_D_INPUT_VALUE, v,
			       "unknown profile '%s' (cn-law, cn-gongwen, tw-law, en-handbook)", s);
	}
}

static rb_value *closing_value(struct yctx *c, yaml_node_t *v);

/* A document's closing (落款) is what a Markdown document has after ***:
 * paragraphs of the document after its clauses, the signature, then the
 * date as the document writes dates. */
static void
add_closing(struct yctx *c, yaml_node_t *v)
{
	rb_value *m = closing_value(c, v), *x;

	for (x = m ? m->first : NULL; x; x = x->next) {
		rb_node *par = rb_node_new(c->doc, RB_PARAGRAPH);
		int y, mo, d;

		if (!strcmp(x->key, "date") &&
		    !strncmp(rb_document_lang(c->doc), "zh", 2) &&
		    sscanf(x->str, "%d-%d-%d", &y, &mo, &d) == 3)
			par->text = rb_arena_printf(c->doc->arena, "%d年%d月%d日", y, mo, d);
		else
			par->text = x->str;
		par->line = par->text_line = yline(v);
		par->column = par->text_column = ycol(v);
		rb_node_append(c->doc->root, par);
	}
}

static void
load_root(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
{
	yaml_node_pair_t *p;
	yaml_node_t *clauses = NULL, *closing = NULL;

	load_profile(c, root, opts);
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *v = ynode(c, p->value);
		const char *key = scalar(c, k, "key"), *s;
		rb_value *val;

		if (!key || duplicate_key(c, root->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "clauses") && c->front)
			REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k,
			       "'clauses' cannot be given in front matter: write the clauses as Markdown below it");
		else if (!strcmp(key, "clauses"))
			clauses = v;
		else if (!strcmp(key, "history"))
			load_history(c, v);
		else if (!strcmp(key, "closing") && !c->front)
			closing = v;
		else if (!strcmp(key, "closing") && c->doc->root->kind == RB_BOOK) {
			rb_value *m = closing_value(c, v);	/* a book in one Markdown file */

			if (m)
				rb_value_append(&c->doc->meta, m);
		} else if (!strcmp(key, "closing"))
			REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k,
			       "'closing' cannot be given in front matter: write the closing after *** below the clauses");
		else if (!strcmp(key, "handbook") && c->front && c->doc->root->kind == RB_BOOK) {
			if ((s = scalar(c, v, key)) != NULL)
				c->doc->root->title = s;	/* a book in one Markdown file */
		}
		else if (!strcmp(key, "profile"))
			;	/* read first, above */
		else if (!strcmp(key, "meta")) {
			absorb_meta(c, v);
		} else if (!strcmp(key, "title") || !strcmp(key, "preamble") ||
			   !strcmp(key, "subtitle") ||
			   !strcmp(key, "issuer") || !strcmp(key, "adopted") ||
			   !strcmp(key, "version") || !strcmp(key, "lang") ||
			   !strcmp(key, "effective") || !strcmp(key, "start")) {
			if (!(s = scalar(c, v, key)))
				continue;
			if (!strcmp(key, "title"))
				c->doc->root->title = s;
			else if (!strcmp(key, "preamble"))
				c->doc->preamble = trim_end(c, s);
			else if (!strcmp(key, "start")) {
				if (!rb_parse_int(s, 1, 99999, &c->doc->start))
					REPORT(c, RB_D_INPUT_TYPE, v, "'start' must be a positive integer, not '%s'", s);
				else
					set_meta(c, key, s);
			} else {
				const char *iso = s;

				if ((!strcmp(key, "effective") || !strcmp(key, "adopted")) &&
				    !(iso = parse_date(c, s)))
					REPORT(c, RB_D_INPUT_VALUE, v,
					       "'%s' must be a date as YYYY-MM-DD or 2026年3月1日, not '%s'", key, s);
				else
					set_meta(c, key, iso);
			}
		} else {
			/* Kept as metadata so nothing is lost, but flagged: it
			 * is usually a typo; free keys belong under meta:. */
			unknown_key(c, k, key, doc_keys, "the document");
			if ((val = to_value(c, v, key, 1)) != NULL)
				rb_value_append(&c->doc->meta, val);
		}
	}
	if (clauses)
		load_clauses(c, clauses, c->doc->root, 1);
	if (closing)
		add_closing(c, closing);
}

/* ---- handbook manifest (SPEC §3.4) ---- */

static const char *const manifest_keys[] = {
	"handbook", "title", "subtitle", "edition", "issuer", "effective", "adopted", "version",
	"lang", "profile", "history", "preamble", "cover", "closing", "documents", "meta", NULL
};

static const char *const cover_keys[] = {
	"subtitle", "issuer", "date", "logo", "lines", NULL
};

static const char *const closing_keys[] = { "signature", "date", NULL };

/* A mapping's scalar entries kept as metadata: cover: and closing:, with
 * their dates made ISO and anything else refused at its line. */
static rb_value *
small_map(struct yctx *c, yaml_node_t *v, const char *key, const char *const *keys)
{
	rb_value *m;
	yaml_node_pair_t *p;

	if (v->type != YAML_MAPPING_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, v, "'%s' must be a mapping (%s: …), not %s", key, keys[0],
		       type_name(v));
		return NULL;
	}
	m = rb_value_new(c->doc, RB_VAL_MAP, key);
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *e = ynode(c, p->value);
		const char *ks = scalar(c, k, "key"), *s;
		rb_value *x;

		if (!ks || duplicate_key(c, v->data.mapping.pairs.start, p))
			continue;
		if (!in_list(ks, keys)) {
			unknown_key(c, k, ks, keys, key);
			continue;
		}
		if (!strcmp(ks, "lines")) {
			if ((x = to_value(c, e, ks, 1)) != NULL)
				rb_value_append(m, x);
			continue;
		}
		if (!(s = scalar(c, e, ks)))
			continue;
		if (!strcmp(ks, "date") && !(s = parse_date(c, s))) {
			REPORT(c, RB_D_INPUT_VALUE, e, "'date' must be a date as YYYY-MM-DD or 2026年3月1日");
			continue;
		}
		if (!strcmp(ks, "logo") && !(s = logo_path(c, e, s)))
			continue;
		x = rb_value_new(c->doc, RB_VAL_STRING, ks);
		x->str = s;
		rb_value_append(m, x);
	}
	return m;
}

/* closing: 某某医院办公室, or {signature, date} */
static rb_value *
closing_value(struct yctx *c, yaml_node_t *v)
{
	rb_value *m, *x;

	if (v->type != YAML_SCALAR_NODE)
		return small_map(c, v, "closing", closing_keys);
	m = rb_value_new(c->doc, RB_VAL_MAP, "closing");
	x = rb_value_new(c->doc, RB_VAL_STRING, "signature");
	x->str = scalar(c, v, "closing");
	rb_value_append(m, x);
	return m;
}

static void
load_manifest(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
{
	yaml_node_pair_t *p;
	yaml_node_t *docs = NULL;
	yaml_node_item_t *it;
	rb_load_opts sub;

	load_profile(c, root, opts);
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *v = ynode(c, p->value);
		const char *key = scalar(c, k, "key"), *s;

		if (!key || duplicate_key(c, root->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "documents")) {
			docs = v;
			continue;
		}
		if (!strcmp(key, "profile"))
			continue;
		if (!strcmp(key, "meta")) {
			absorb_meta(c, v);
			continue;
		}
		if (!in_list(key, manifest_keys)) {
			unknown_key(c, k, key, manifest_keys, "the handbook manifest");
			continue;
		}
		if (!strcmp(key, "history")) {
			load_history(c, v);
			continue;
		}
		if (!strcmp(key, "cover") || !strcmp(key, "closing")) {
			rb_value *m = !strcmp(key, "cover") ? small_map(c, v, key, cover_keys)
							    : closing_value(c, v);

			if (m)
				rb_value_append(&c->doc->meta, m);
			continue;
		}
		if (!(s = scalar(c, v, key)))
			continue;
		if (!strcmp(key, "handbook") || !strcmp(key, "title"))
			c->doc->root->title = s;
		else if (!strcmp(key, "preamble"))
			c->doc->preamble = trim_end(c, s);
		else if (!strcmp(key, "effective") || !strcmp(key, "adopted")) {
			const char *iso = parse_date(c, s);

			if (iso)
				set_meta(c, key, iso);
			else
				REPORT(c, RB_D_INPUT_VALUE, v,
				       "'%s' must be a date as YYYY-MM-DD or 2026年3月1日, not '%s'", key, s);
		} else
			set_meta(c, key, s);
	}
	if (!docs || docs->type != YAML_SEQUENCE_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, docs ? docs : root,
		       "'documents' must be a list of file names relative to the manifest");
		return;
	}
	/* Documents take the manifest's profile when it states one and they
	 * do not; else each has the one it would have alone. */
	sub = opts ? *opts : (rb_load_opts){0};
	sub.in_manifest = 1;
	if (c->doc->profile_stated)
		sub.default_profile = c->doc->profile;
	for (it = docs->data.sequence.items.start; it < docs->data.sequence.items.top; it++) {
		yaml_node_t *e = ynode(c, *it);
		const char *path = scalar(c, e, "documents entry");

		if (!path)
			continue;
		if (!*path) {
			REPORT(c, RB_D_INPUT_VALUE, e, "empty document file name");
			continue;
		}
		rb_manifest_add(c->doc, path, &sub, yline(e), ycol(e), c->d);
	}
	rb_book_choose_lang(c->doc);
}

/* The line (1-based) and column of the first key written with a
 * full-width colon (title：院务公开制度, the commonest slip of Chinese
 * typists) on lines up to last; 0 when none.  YAML reads such a line as
 * text and stumbles a line later. */
static unsigned
fullwidth_colon_key(struct yctx *c, unsigned first, unsigned last, unsigned *col, char *key,
		    size_t keysz)
{
	size_t i;

	for (i = first; i < c->lines.n && i < last; i++) {
		const char *p = c->lines.data + c->lines.start[i];
		const char *end = c->lines.data + (i + 1 < c->lines.n ? c->lines.start[i + 1] : c->lines.len);
		const char *k;

		while (p < end && *p == ' ')
			p++;
		if (p + 1 < end && p[0] == '-' && p[1] == ' ')
			for (p += 2; p < end && *p == ' '; p++)
				;
		for (k = p; k < end && ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
					*k == '_' || *k == '-' || (k > p && *k >= '0' && *k <= '9')); k++)
			;
		while (k < end && *k == ' ')
			k++;
		if (k > p && end - k >= 3 && !memcmp(k, "\xef\xbc\x9a", 3)) {	/* ： */
			*col = rb_lines_column(&c->lines, (size_t)(k - c->lines.data));
			while (k > p && k[-1] == ' ')
				k--;
			snprintf(key, keysz, "%.*s", (int)(k - p), p);
			return (unsigned)i + 1;
		}
	}
	return 0;
}

static void
syntax_error(struct yctx *c, yaml_parser_t *parser)
{
	unsigned fl, fc;
	char key[64];
	const yaml_mark_t *m = parser->problem_mark.line || parser->problem_mark.column ?
	    &parser->problem_mark : &parser->context_mark;
	const char *what = parser->problem ? parser->problem : "malformed YAML";
	const yaml_mark_t *cm = &parser->context_mark;

	if ((fl = fullwidth_colon_key(c, 0, (unsigned)m->line + 1, &fc, key, sizeof key)) != 0) {
		rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, fl, fc,
			       "YAML: a key ends with a full-width colon '：'; did you mean ':'?");
		return;
	}
	/* One line says it all: the problem, and where the construct began. */
	if (parser->context && (cm->line != m->line || cm->column != m->column))
		rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, (unsigned)m->line + 1,
			       (unsigned)m->column + 1, "YAML: %s %s started at line %u, column %u",
			       what, parser->context, (unsigned)cm->line + 1, (unsigned)cm->column + 1);
	else if (parser->context)
		rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, (unsigned)m->line + 1,
			       (unsigned)m->column + 1, "YAML: %s %s", what, parser->context);
	else
		rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, (unsigned)m->line + 1,
			       (unsigned)m->column + 1, "YAML: %s", what);
}

/* A known key with a full-width colon in a file that parses: YAML read
 * `- text：正文` as a clause of the words "text：正文", which is not what
 * was meant. */
static void
fullwidth_colon_warnings(struct yctx *c)
{
	unsigned line = 0, col;
	char key[64];

	while ((line = fullwidth_colon_key(c, line, (unsigned)c->lines.n, &col, key, sizeof key)) != 0)
		if (in_list(key, doc_keys) || in_list(key, clause_keys) || in_list(key, manifest_keys))
			rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, line, col,
				       "'%s' is followed by a full-width colon '：', so it is text, not a key; did you mean ':'?",
				       key);
}

/* Parse YAML into c->y; returns the root node or NULL. */
static yaml_node_t *
parse(struct yctx *c, const char *data, size_t len)
{
	yaml_parser_t parser;
	yaml_node_t *root;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &c->y)) {
		syntax_error(c, &parser);
		yaml_parser_delete(&parser);
		memset(&c->y, 0, sizeof(c->y));
		return NULL;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&c->y);
	if (!root) {
		rb_diag_report(c->d, RB_D_INPUT_SYNTAX, c->file, 1, 1,
			       "empty document: expected a mapping with a title and clauses");
		return NULL;
	}
	if (root->type != YAML_MAPPING_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, root, "the document must be a mapping of keys (title, clauses, …), not %s",
		       type_name(root));
		return NULL;
	}
	c->seen = rb_xcalloc((size_t)(c->y.nodes.top - c->y.nodes.start) + 1, 1);
	return root;
}

static void
yctx_free(struct yctx *c)
{
	if (c->y.nodes.start)
		yaml_document_delete(&c->y);
	rb_lines_free(&c->lines);
	free(c->seen);
}

rb_document *
rb_load_yaml(const char *name, const char *data, size_t len,
	     const rb_load_opts *opts, rb_diags *d)
{
	struct yctx c;
	yaml_node_t *root;

	if (!rb_input_ok(name, data, len, d))
		return NULL;
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = name;
	c.max_depth = opts && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
	rb_lines_init(&c.lines, data, len);
	if (!(root = parse(&c, data, len))) {
		yctx_free(&c);
		return NULL;
	}
	fullwidth_colon_warnings(&c);
	if (find_key(&c, root, "documents") && opts && opts->in_manifest) {
		rb_diag_report(d, RB_D_INPUT_VALUE, name, 1, 1,
			       "a handbook manifest cannot list another manifest");
		yctx_free(&c);
		return NULL;
	}
	if (find_key(&c, root, "documents")) {
		c.doc = rb_document_new(name, RB_BOOK);
		load_manifest(&c, root, opts);
	} else {
		c.doc = rb_document_new(name, RB_DOCUMENT);
		load_root(&c, root, opts);
	}
	yctx_free(&c);
	if (opts)
		c.doc->threads = opts->threads;	/* for the passes */
	return c.doc;
}

void
rb_load_front_matter(rb_document *doc, const char *name, const char *data, size_t len,
		     const rb_load_opts *opts, rb_diags *d)
{
	struct yctx c;
	yaml_parser_t parser;
	yaml_node_t *root;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = name;
	c.doc = doc;
	c.front = 1;
	c.max_depth = opts && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
	rb_lines_init(&c.lines, data, len);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &c.y)) {
		syntax_error(&c, &parser);
		memset(&c.y, 0, sizeof(c.y));
	} else if ((root = yaml_document_get_root_node(&c.y)) != NULL) {
		if (root->type != YAML_MAPPING_NODE)
			REPORT(&c, RB_D_INPUT_TYPE, root,
			       "front matter must be a mapping of keys (title, issuer, …), not %s",
			       type_name(root));
		else {
			c.seen = rb_xcalloc((size_t)(c.y.nodes.top - c.y.nodes.start) + 1, 1);
			load_root(&c, root, opts);
		}
	}
	yaml_parser_delete(&parser);
	yctx_free(&c);
}
