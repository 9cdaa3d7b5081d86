/*
 * YAML rulebooks (SPEC §3.1) on libyaml's document API.  Every error
 * carries file:line:col from libyaml's marks; misspelt keys get the
 * nearest known key suggested.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_ctx.h"
#include "text/markdown.h"

const char *const yx_doc_keys[] = {
	"title", "subtitle", "issuer", "effective", "adopted", "version", "lang",
	"profile", "start", "preamble", "history", "closing", "clauses", "meta", NULL
};

const char *const yx_clause_keys[] = {
	"kind", "number", "insert", "style", "title", "text", "id", "clauses",
	"rows", "deleted", "unit", NULL
};

/* A string value, or NULL with an input-type error. */
const char *
yx_scalar(struct yctx *c, yaml_node_t *n, const char *key)
{
	if (n->type != YAML_SCALAR_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, n, "'%s' must be a string, not %s", key, type_name(n));
		return NULL;
	}
	return rb_arena_strndup(c->doc->arena, (const char *)n->data.scalar.value,
				n->data.scalar.length);
}

/* Guard against alias bombs: a collection may be visited once. */
int
yx_first_visit(struct yctx *c, yaml_node_t *n)
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

int
yx_in_list(const char *key, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

int
yx_parse_bool(const char *s, int *out)
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
const char *
yx_parse_date(struct yctx *c, const char *s)
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
int
yx_duplicate_key(struct yctx *c, yaml_node_pair_t *first, yaml_node_pair_t *pair)
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
const char *
yx_suggest(const char *key, const char *const *keys)
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

void
yx_unknown_key(struct yctx *c, yaml_node_t *k, const char *key, const char *const *keys,
	    const char *where)
{
	const char *s = yx_suggest(key, keys);

	if (s)
		REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k, "unknown key '%s' in %s; did you mean '%s'?",
		       key, where, s);
	else
		REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k, "unknown key '%s' in %s", key, where);
}

/* Generic value for free metadata keys. */
rb_value *
yx_to_value(struct yctx *c, yaml_node_t *n, const char *key, int depth)
{
	rb_value *v;

	if (depth > c->max_depth) {
		if (!c->depth_reported++)
			REPORT(c, RB_D_INPUT_DEPTH, n, "metadata nested deeper than %d levels", c->max_depth);
		return NULL;
	}
	if (!yx_first_visit(c, n))
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
			rb_value *ch = yx_to_value(c, ynode(c, *it), NULL, depth + 1);

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
			const char *ks = yx_scalar(c, k, "key");
			rb_value *ch;

			if (!ks || yx_duplicate_key(c, n->data.mapping.pairs.start, p))
				continue;
			ch = yx_to_value(c, ynode(c, p->value), ks, depth + 1);
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
void
yx_absorb_meta(struct yctx *c, yaml_node_t *v)
{
	rb_value *val, *m, *next;

	if (v->type != YAML_MAPPING_NODE) {
		REPORT(c, RB_D_INPUT_TYPE, v, "'meta' must be a mapping, not %s", type_name(v));
		return;
	}
	if ((val = yx_to_value(c, v, NULL, 1)) == NULL)
		return;
	for (m = val->first; m; m = next) {
		next = m->next;
		m->next = NULL;
		rb_value_append(&c->doc->meta, m);
	}
}

void
yx_set_meta(struct yctx *c, const char *key, const char *val)
{
	rb_value *v = rb_value_new(c->doc, RB_VAL_STRING, key);

	v->str = val;
	rb_value_append(&c->doc->meta, v);
}

const char *
yx_trim_end(struct yctx *c, const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return rb_arena_strndup(c->doc->arena, s, n);
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
	if (!*sp || k > 20 || !(iso = yx_parse_date(c, rb_arena_strndup(c->doc->arena, s, k))))
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

void
yx_load_history(struct yctx *c, yaml_node_t *n)
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
			if ((v = yx_to_value(c, e, NULL, 1)) != NULL)
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

/* A document that names no profile but says `lang: en` is an English
 * handbook, not a Chinese law in English; else the default.  (A YAML
 * document's language is not guessed from its text, as a Markdown one's
 * is: placeholder YAML in ASCII stays Chinese.) */
static const rb_profile *
unstated_profile(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *lang = find_key(c, root, "lang");

	if (lang && lang->type == YAML_SCALAR_NODE &&
	    strncmp((const char *)lang->data.scalar.value, "en", 2) == 0)
		return rb_profile_lookup("en-handbook");
	return c->doc->profile;
}

void
yx_load_profile(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
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
	if (!v || !(s = yx_scalar(c, v, "profile")))
		return;
	if (rb_profile_lookup(s)) {
		c->doc->profile = rb_profile_lookup(s);
		c->doc->profile_stated = 1;
	} else {
		const char *sug = yx_suggest(s, (const char *const *)rb_profile_names());

		if (sug)
			REPORT(c, RB_D_INPUT_VALUE, v, "unknown profile '%s'; did you mean '%s'?", s, sug);
		else
			REPORT(c, RB_D_INPUT_VALUE, v,
			       "unknown profile '%s' (cn-law, cn-gongwen, tw-law, en-handbook)", s);
	}
}

/* A document's closing (落款) is what a Markdown document has after ***:
 * paragraphs of the document after its clauses, the signature, then the
 * date as the document writes dates. */
static void
add_closing(struct yctx *c, yaml_node_t *v)
{
	rb_value *m = yx_closing_value(c, v), *x;

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

	yx_load_profile(c, root, opts);
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *v = ynode(c, p->value);
		const char *key = yx_scalar(c, k, "key"), *s;
		rb_value *val;

		if (!key || yx_duplicate_key(c, root->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "clauses") && c->front)
			REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k,
			       "'clauses' cannot be given in front matter: write the clauses as Markdown below it");
		else if (!strcmp(key, "clauses"))
			clauses = v;
		else if (!strcmp(key, "history"))
			yx_load_history(c, v);
		else if (!strcmp(key, "closing") && !c->front)
			closing = v;
		else if (!strcmp(key, "closing") && c->doc->root->kind == RB_BOOK) {
			rb_value *m = yx_closing_value(c, v);	/* a book in one Markdown file */

			if (m)
				rb_value_append(&c->doc->meta, m);
		} else if (!strcmp(key, "closing"))
			REPORT(c, RB_D_INPUT_UNKNOWN_KEY, k,
			       "'closing' cannot be given in front matter: write the closing after *** below the clauses");
		else if (!strcmp(key, "handbook") && c->front && c->doc->root->kind == RB_BOOK) {
			if ((s = yx_scalar(c, v, key)) != NULL)
				c->doc->root->title = s;	/* a book in one Markdown file */
		}
		else if (!strcmp(key, "profile"))
			;	/* read first, above */
		else if (!strcmp(key, "meta")) {
			yx_absorb_meta(c, v);
		} else if (!strcmp(key, "title") || !strcmp(key, "preamble") ||
			   !strcmp(key, "subtitle") ||
			   !strcmp(key, "issuer") || !strcmp(key, "adopted") ||
			   !strcmp(key, "version") || !strcmp(key, "lang") ||
			   !strcmp(key, "effective") || !strcmp(key, "start")) {
			if (!(s = yx_scalar(c, v, key)))
				continue;
			if (!strcmp(key, "title"))
				c->doc->root->title = s;
			else if (!strcmp(key, "preamble"))
				c->doc->preamble = yx_trim_end(c, s);
			else if (!strcmp(key, "start")) {
				if (!rb_parse_int(s, 1, 99999, &c->doc->start))
					REPORT(c, RB_D_INPUT_TYPE, v, "'start' must be a positive integer, not '%s'", s);
				else
					yx_set_meta(c, key, s);
			} else {
				const char *iso = s;

				if ((!strcmp(key, "effective") || !strcmp(key, "adopted")) &&
				    !(iso = yx_parse_date(c, s)))
					REPORT(c, RB_D_INPUT_VALUE, v,
					       "'%s' must be a date as YYYY-MM-DD or 2026年3月1日, not '%s'", key, s);
				else
					yx_set_meta(c, key, iso);
			}
		} else {
			/* Kept as metadata so nothing is lost, but flagged: it
			 * is usually a typo; free keys belong under meta:. */
			yx_unknown_key(c, k, key, yx_doc_keys, "the document");
			if ((val = yx_to_value(c, v, key, 1)) != NULL)
				rb_value_append(&c->doc->meta, val);
		}
	}
	if (clauses)
		yx_load_clauses(c, clauses, c->doc->root, 1);
	if (closing)
		add_closing(c, closing);
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
		if (yx_in_list(key, yx_doc_keys) || yx_in_list(key, yx_clause_keys) || yx_in_list(key, yx_manifest_keys))
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
		yx_load_manifest(&c, root, opts);
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
