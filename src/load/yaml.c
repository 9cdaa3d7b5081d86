/*
 * YAML rulebooks (SPEC §3.1) on libyaml's document API.  Every error
 * carries file:line:col from libyaml's marks; misspelt keys get the
 * nearest known key suggested.
 */
#include <errno.h>
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
	"profile", "start", "preamble", "history", "clauses", "meta", NULL
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
valid_date(const char *s)
{
	int y, m, d;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
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

		if (e->type == YAML_SCALAR_NODE || e->type == YAML_MAPPING_NODE) {
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

static void
load_root(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
{
	yaml_node_pair_t *p;
	yaml_node_t *clauses = NULL;

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
			else if (!strcmp(key, "preamble")) {
				size_t n = strlen(s);

				while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
					n--;
				c->doc->preamble = rb_arena_strndup(c->doc->arena, s, n);
			}
			else if (!strcmp(key, "start")) {
				if (!rb_parse_int(s, 1, 99999, &c->doc->start))
					REPORT(c, RB_D_INPUT_TYPE, v, "'start' must be a positive integer, not '%s'", s);
				else
					set_meta(c, key, s);
			} else {
				if ((!strcmp(key, "effective") || !strcmp(key, "adopted")) && !valid_date(s))
					REPORT(c, RB_D_INPUT_VALUE, v, "'%s' must be a date as YYYY-MM-DD, not '%s'", key, s);
				else
					set_meta(c, key, s);
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
}

/* ---- handbook manifest (SPEC §3.4) ---- */

static const char *const manifest_keys[] = {
	"handbook", "title", "edition", "issuer", "effective", "version", "lang",
	"profile", "documents", "meta", NULL
};

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
		if (!(s = scalar(c, v, key)))
			continue;
		if (!strcmp(key, "handbook") || !strcmp(key, "title"))
			c->doc->root->title = s;
		else if (!strcmp(key, "effective") && !valid_date(s))
			REPORT(c, RB_D_INPUT_VALUE, v, "'effective' must be a date as YYYY-MM-DD, not '%s'", s);
		else
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

static void
syntax_error(struct yctx *c, yaml_parser_t *parser)
{
	const yaml_mark_t *m = parser->problem_mark.line || parser->problem_mark.column ?
	    &parser->problem_mark : &parser->context_mark;
	const char *what = parser->problem ? parser->problem : "malformed YAML";
	const yaml_mark_t *cm = &parser->context_mark;

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
