/* The clauses of a YAML rulebook (SPEC §3.1): kinds from the profile,
 * numbers stated or given, text split into 款, tables. */
#include <stdlib.h>
#include <string.h>

#include "yaml_ctx.h"
#include "text/markdown.h"

static const char *const clause_kinds[] = {
	"part", "chapter", "section", "article", "paragraph", "item", "table",
	"heading", NULL
};

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
			const char *s = yx_scalar(c, ynode(c, *cell), "cell");

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
		set_text(c, node, n, yx_scalar(c, n, "text"));
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
		const char *key = yx_scalar(c, k, "key"), *s;

		if (!key || yx_duplicate_key(c, n->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "clauses")) {
			children = v;
			continue;
		}
		if (!strcmp(key, "rows")) {
			rows = v;
			continue;
		}
		if (!yx_in_list(key, yx_clause_keys)) {
			yx_unknown_key(c, k, key, yx_clause_keys, "a clause");
			continue;
		}
		if (!(s = yx_scalar(c, v, key)))
			continue;
		if (!strcmp(key, "kind")) {
			kind = rb_kind_lookup(s);
			if (kind < 0 || kind == RB_BOOK || kind == RB_DOCUMENT) {
				const char *sug = yx_suggest(s, clause_kinds);

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

			if (!yx_parse_bool(s, &b))
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
		yx_load_clauses(c, children, node, depth + 1);
	if (text && node->kind == RB_ARTICLE)
		set_text(c, node, textn, text);
}

void
yx_load_clauses(struct yctx *c, yaml_node_t *seq, rb_node *parent, int depth)
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
	if (!yx_first_visit(c, seq))
		return;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = ynode(c, *it);

		if (yx_first_visit(c, n))
			load_clause(c, n, parent, depth);
	}
}
