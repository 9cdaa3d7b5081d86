/* Private to the YAML loader: yaml.c (documents, front matter, the
 * parse and its errors), yaml_clauses.c (clauses), yaml_book.c (handbook
 * manifests).  Every error carries file:line:col from libyaml's marks. */
#ifndef RB_YAML_CTX_H
#define RB_YAML_CTX_H

#include <yaml.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "util.h"
#include "load.h"

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

static inline yaml_node_t *
ynode(struct yctx *c, int i)
{
	return yaml_document_get_node(&c->y, i);
}

static inline unsigned
yline(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static inline unsigned
ycol(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.column + 1;
}

#define REPORT(c, code, n, ...) \
	rb_diag_report((c)->d, (code), (c)->file, yline(n), ycol(n), __VA_ARGS__)

static inline const char *
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

/* The keys a document, a clause and a manifest take. */
extern const char *const yx_doc_keys[], *const yx_clause_keys[], *const yx_manifest_keys[];

/* yaml.c: values, keys, metadata */
/* A string value, or NULL with an input-type error. */
const char *yx_scalar(struct yctx *c, yaml_node_t *n, const char *key);
/* Guard against alias bombs: a collection may be visited once. */
int yx_first_visit(struct yctx *c, yaml_node_t *n);
int yx_in_list(const char *key, const char *const *list);
int yx_parse_bool(const char *s, int *out);
/* YYYY-MM-DD or 2026年3月1日: the ISO form (in the arena), or NULL. */
const char *yx_parse_date(struct yctx *c, const char *s);
/* Reports a key given twice (libyaml does not). */
int yx_duplicate_key(struct yctx *c, yaml_node_pair_t *first, yaml_node_pair_t *pair);
/* The nearest of keys[] to a misspelt key, or NULL. */
const char *yx_suggest(const char *key, const char *const *keys);
void yx_unknown_key(struct yctx *c, yaml_node_t *k, const char *key, const char *const *keys,
		    const char *where);
/* Generic value for free metadata keys. */
rb_value *yx_to_value(struct yctx *c, yaml_node_t *n, const char *key, int depth);
void yx_absorb_meta(struct yctx *c, yaml_node_t *v);
void yx_set_meta(struct yctx *c, const char *key, const char *val);
const char *yx_trim_end(struct yctx *c, const char *s);
void yx_load_history(struct yctx *c, yaml_node_t *n);
void yx_load_profile(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts);

/* yaml_clauses.c: the clauses of seq, under parent */
void yx_load_clauses(struct yctx *c, yaml_node_t *seq, rb_node *parent, int depth);

/* yaml_book.c: a closing (落款) as a {signature, date} mapping, or NULL;
 * a handbook manifest (SPEC §3.4) */
rb_value *yx_closing_value(struct yctx *c, yaml_node_t *v);
void yx_load_manifest(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts);

#endif
