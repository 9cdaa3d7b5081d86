/* rulebook.yaml, the project file: found upward from each input (or
 * named by --config), it gives the default profile, the codes turned off
 * or made errors, and overrides of both for paths:
 *
 *   profile: cn-law
 *   disable: [numbering-style]
 *   error: [numbering-gap]
 *   overrides:
 *     - paths: [legacy/, "*.txt"]
 *       disable: [numbering-separator]
 *
 * Each file is read once; the settings of an input are the file's, then
 * the overrides whose paths match it (relative to the file's folder),
 * then -W. */
#define _DEFAULT_SOURCE		/* realpath */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"
#include "cli.h"
#include "i18n.h"

#define CONFIG_NAME "rulebook.yaml"

struct settings {
	unsigned char level[RB_D__COUNT];
	const rb_profile *profile;
};

struct override {
	char **paths;
	size_t npaths;
	struct settings s;
};

struct config {
	char *dir;		/* real path of its folder */
	int broken;		/* reported; inputs under it are not checked */
	struct settings s;
	struct override *ov;
	size_t nov;
};

/* config path → struct config; folder → its config path (or "") */
static rb_strmap configs, folders;
static int maps_ready;
static char **owned;
static size_t nowned;

static const char *
own(char *s)
{
	owned = rb_xrealloc(owned, (nowned + 1) * sizeof(char *));
	return owned[nowned++] = s;
}

static const char *
scalar_of(yaml_document_t *doc, yaml_node_t *n)
{
	(void)doc;
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static void
bad(rb_diags *d, const char *file, yaml_node_t *n, rb_code code, const char *msg, const char *what)
{
	rb_diag_report(d, code, file, n ? (unsigned)n->start_mark.line + 1 : 0,
		       n ? (unsigned)n->start_mark.column + 1 : 0, msg, what);
}

/* A list of codes (or one code) into level[]. */
static int
read_codes(yaml_document_t *doc, yaml_node_t *n, rb_cli_level lv, unsigned char *level,
	   const char *file, rb_diags *d)
{
	yaml_node_item_t *it;
	int ok = 1;

	if (n->type == YAML_SCALAR_NODE) {
		const char *name = scalar_of(doc, n);
		int code = rb_code_lookup(name);

		if (code < 0 || code == RB_D_NOTE) {
			bad(d, file, n, RB_D_INPUT_VALUE, RB_N_("unknown diagnostic code '%s'"), name);
			return 0;
		}
		if (lv == RB_LEVEL_OFF && rb_code_severity((rb_code)code) == RB_ERROR) {
			bad(d, file, n, RB_D_INPUT_VALUE, RB_N_("'%s' is an error and cannot be disabled"), name);
			return 0;
		}
		level[code] = (unsigned char)lv;
		return 1;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		bad(d, file, n, RB_D_INPUT_TYPE, RB_N_("a list of diagnostic codes is expected"), "");
		return 0;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *c = yaml_document_get_node(doc, *it);

		if (!c || c->type != YAML_SCALAR_NODE) {
			bad(d, file, c, RB_D_INPUT_TYPE, RB_N_("a diagnostic code is expected"), "");
			ok = 0;
		} else
			ok &= read_codes(doc, c, lv, level, file, d);
	}
	return ok;
}

/* profile, disable, error; paths too when paths is not NULL */
static int
read_settings(yaml_document_t *doc, yaml_node_t *map, struct settings *s, struct override *ov,
	      struct config *c, const char *file, rb_diags *d)
{
	yaml_node_pair_t *p;
	int ok = 1;

	if (map->type != YAML_MAPPING_NODE) {
		bad(d, file, map, RB_D_INPUT_TYPE, RB_N_("a mapping of settings is expected"), "");
		return 0;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *key = scalar_of(doc, k);

		if (!key || !v) {
			bad(d, file, k, RB_D_INPUT_TYPE, RB_N_("a key is expected"), "");
			ok = 0;
		} else if (!strcmp(key, "profile")) {
			const char *name = scalar_of(doc, v);

			if (!name || !(s->profile = rb_profile_lookup(name))) {
				bad(d, file, v, RB_D_INPUT_VALUE, RB_N_("unknown profile '%s'"), name ? name : "");
				ok = 0;
			}
		} else if (!strcmp(key, "disable"))
			ok &= read_codes(doc, v, RB_LEVEL_OFF, s->level, file, d);
		else if (!strcmp(key, "error"))
			ok &= read_codes(doc, v, RB_LEVEL_ERROR, s->level, file, d);
		else if (ov && !strcmp(key, "paths")) {
			yaml_node_item_t *it;

			if (v->type == YAML_SCALAR_NODE) {
				ov->paths = rb_xrealloc(ov->paths, (ov->npaths + 1) * sizeof(char *));
				ov->paths[ov->npaths++] = rb_xstrdup(scalar_of(doc, v));
				continue;
			}
			if (v->type != YAML_SEQUENCE_NODE) {
				bad(d, file, v, RB_D_INPUT_TYPE, RB_N_("'paths' is a list of patterns"), "");
				ok = 0;
				continue;
			}
			for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
				const char *pat = scalar_of(doc, yaml_document_get_node(doc, *it));

				if (!pat) {
					bad(d, file, v, RB_D_INPUT_TYPE, RB_N_("a path pattern is expected"), "");
					ok = 0;
					continue;
				}
				ov->paths = rb_xrealloc(ov->paths, (ov->npaths + 1) * sizeof(char *));
				ov->paths[ov->npaths++] = rb_xstrdup(pat);
			}
		} else if (!ov && !strcmp(key, "overrides")) {
			yaml_node_item_t *it;

			if (v->type != YAML_SEQUENCE_NODE) {
				bad(d, file, v, RB_D_INPUT_TYPE, RB_N_("'overrides' is a list of mappings"), "");
				ok = 0;
				continue;
			}
			for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
				struct override *o;

				c->ov = rb_xrealloc(c->ov, (c->nov + 1) * sizeof(*c->ov));
				o = &c->ov[c->nov++];
				memset(o, 0, sizeof(*o));
				ok &= read_settings(doc, yaml_document_get_node(doc, *it), &o->s, o, c, file, d);
			}
		} else {
			bad(d, file, k, RB_D_INPUT_VALUE,
			    RB_N_("unknown key '%s' in the project file (profile, disable, error, overrides)"), key);
			ok = 0;
		}
	}
	return ok;
}

static struct config *
read_config(const char *path, rb_diags *d)
{
	struct config *c = rb_xcalloc(1, sizeof(*c));
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	size_t len;
	char *text, *real, *slash;

	if (!(text = rb_read_file(path, &len, d))) {
		c->broken = 1;
		return c;
	}
	real = realpath(path, NULL);
	if (real && (slash = strrchr(real, '/')) != NULL)
		*(slash == real ? slash + 1 : slash) = '\0';
	c->dir = real ? real : rb_xstrdup(".");
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rb_diag_report(d, RB_D_INPUT_SYNTAX, path, (unsigned)parser.problem_mark.line + 1,
			       (unsigned)parser.problem_mark.column + 1, "%s",
			       parser.problem ? parser.problem : "malformed YAML");
		c->broken = 1;
	} else {
		root = yaml_document_get_root_node(&doc);
		if (root && !read_settings(&doc, root, &c->s, NULL, c, path, d))
			c->broken = 1;
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	free(text);
	return c;
}

static struct config *
config_at(const char *path, rb_diags *d)
{
	struct config *c;

	if (!maps_ready) {
		rb_strmap_init(&configs);
		rb_strmap_init(&folders);
		maps_ready = 1;
	}
	if ((c = rb_strmap_get(&configs, path)) != NULL)
		return c;
	c = read_config(path, d);
	rb_strmap_put(&configs, own(rb_xstrdup(path)), c);
	return c;
}

/* The nearest rulebook.yaml at or above dir (a real path), or NULL. */
static const char *
find_upward(const char *dir)
{
	const char *found;
	char *p, *slash;
	rb_buf f;
	struct stat st;

	if ((found = rb_strmap_get(&folders, dir)) != NULL)
		return *found ? found : NULL;
	p = rb_xstrdup(dir);
	rb_buf_init(&f);
	for (;;) {
		rb_buf_reset(&f);
		rb_buf_printf(&f, "%s%s" CONFIG_NAME, p, p[strlen(p) - 1] == '/' ? "" : "/");
		if (stat(f.data, &st) == 0 && S_ISREG(st.st_mode)) {
			found = own(rb_buf_detach(&f));
			break;
		}
		if (!(slash = strrchr(p, '/')) || !p[1]) {
			found = "";
			break;
		}
		*(slash == p ? slash + 1 : slash) = '\0';
	}
	rb_buf_free(&f);
	free(p);
	rb_strmap_put(&folders, own(rb_xstrdup(dir)), (void *)found);
	return *found ? found : NULL;
}

static int
path_matches(const char *pat, const char *rel)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '/')	/* a folder: what is below it */
		return !strncmp(rel, pat, n);
	if (!strncmp(rel, pat, n) && rel[n] == '/')
		return 1;
	return fnmatch(pat, rel, 0) == 0;
}

static void
merge(struct settings *to, const struct settings *from)
{
	int i;

	for (i = 0; i < RB_D__COUNT; i++)
		if (from->level[i] != RB_LEVEL_DEFAULT)
			to->level[i] = from->level[i];
	if (from->profile)
		to->profile = from->profile;
}

int
rb_cli_rules_for(const rb_cli_opts *o, const char *input, rb_cli_rules *r, rb_diags *d)
{
	const char *path = o->config;
	struct config *c = NULL;
	struct settings s;
	char *real = NULL;
	size_t i, j;
	int k;

	memset(&s, 0, sizeof(s));
	if (strcmp(input, "-")) {
		char *slash;

		real = realpath(input, NULL);
		if (real && !path) {
			char *dir = rb_xstrdup(real);

			if ((slash = strrchr(dir, '/')) != NULL)
				*(slash == dir ? slash + 1 : slash) = '\0';
			if (!maps_ready) {
				rb_strmap_init(&configs);
				rb_strmap_init(&folders);
				maps_ready = 1;
			}
			path = find_upward(dir);
			free(dir);
		}
	}
	if (path) {
		c = config_at(path, d);
		if (c->broken) {
			free(real);
			return -1;
		}
		merge(&s, &c->s);
		for (i = 0; real && i < c->nov; i++) {
			size_t dl = strlen(c->dir);
			const char *rel = real;

			if (!strncmp(real, c->dir, dl) && (real[dl] == '/' || c->dir[dl - 1] == '/'))
				rel = real + dl + (real[dl] == '/');
			for (j = 0; j < c->ov[i].npaths; j++)
				if (path_matches(c->ov[i].paths[j], rel)) {
					merge(&s, &c->ov[i].s);
					break;
				}
		}
	}
	free(real);
	for (k = 0; k < RB_D__COUNT; k++)
		r->level[k] = o->level[k] != RB_LEVEL_DEFAULT ? o->level[k] : s.level[k];
	r->profile = s.profile;
	return 0;
}

void
rb_cli_config_free(void)
{
	size_t i, j, k;

	if (!maps_ready)
		return;
	for (i = 0; i < configs.n; i++) {
		struct config *c = configs.kv[i].val;

		for (j = 0; j < c->nov; j++) {
			for (k = 0; k < c->ov[j].npaths; k++)
				free(c->ov[j].paths[k]);
			free(c->ov[j].paths);
		}
		free(c->ov);
		free(c->dir);
		free(c);
	}
	rb_strmap_free(&configs);
	rb_strmap_free(&folders);
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	owned = NULL;
	nowned = 0;
	maps_ready = 0;
}
