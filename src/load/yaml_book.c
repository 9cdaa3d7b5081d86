/* A handbook manifest (SPEC §3.4): the book's own keys (history,
 * preamble, cover with its logo, closing) and its documents, each loaded
 * as it would be alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_ctx.h"

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

/* ---- handbook manifest (SPEC §3.4) ---- */

const char *const yx_manifest_keys[] = {
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
		const char *ks = yx_scalar(c, k, "key"), *s;
		rb_value *x;

		if (!ks || yx_duplicate_key(c, v->data.mapping.pairs.start, p))
			continue;
		if (!yx_in_list(ks, keys)) {
			yx_unknown_key(c, k, ks, keys, key);
			continue;
		}
		if (!strcmp(ks, "lines")) {
			if ((x = yx_to_value(c, e, ks, 1)) != NULL)
				rb_value_append(m, x);
			continue;
		}
		if (!(s = yx_scalar(c, e, ks)))
			continue;
		if (!strcmp(ks, "date") && !(s = yx_parse_date(c, s))) {
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
rb_value *
yx_closing_value(struct yctx *c, yaml_node_t *v)
{
	rb_value *m, *x;

	if (v->type != YAML_SCALAR_NODE)
		return small_map(c, v, "closing", closing_keys);
	m = rb_value_new(c->doc, RB_VAL_MAP, "closing");
	x = rb_value_new(c->doc, RB_VAL_STRING, "signature");
	x->str = yx_scalar(c, v, "closing");
	rb_value_append(m, x);
	return m;
}

void
yx_load_manifest(struct yctx *c, yaml_node_t *root, const rb_load_opts *opts)
{
	yaml_node_pair_t *p;
	yaml_node_t *docs = NULL;
	yaml_node_item_t *it;
	rb_load_opts sub;

	yx_load_profile(c, root, opts);
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(c, p->key), *v = ynode(c, p->value);
		const char *key = yx_scalar(c, k, "key"), *s;

		if (!key || yx_duplicate_key(c, root->data.mapping.pairs.start, p))
			continue;
		if (!strcmp(key, "documents")) {
			docs = v;
			continue;
		}
		if (!strcmp(key, "profile"))
			continue;
		if (!strcmp(key, "meta")) {
			yx_absorb_meta(c, v);
			continue;
		}
		if (!yx_in_list(key, yx_manifest_keys)) {
			yx_unknown_key(c, k, key, yx_manifest_keys, "the handbook manifest");
			continue;
		}
		if (!strcmp(key, "history")) {
			yx_load_history(c, v);
			continue;
		}
		if (!strcmp(key, "cover") || !strcmp(key, "closing")) {
			rb_value *m = !strcmp(key, "cover") ? small_map(c, v, key, cover_keys)
							    : yx_closing_value(c, v);

			if (m)
				rb_value_append(&c->doc->meta, m);
			continue;
		}
		if (!(s = yx_scalar(c, v, key)))
			continue;
		if (!strcmp(key, "handbook") || !strcmp(key, "title"))
			c->doc->root->title = s;
		else if (!strcmp(key, "preamble"))
			c->doc->preamble = yx_trim_end(c, s);
		else if (!strcmp(key, "effective") || !strcmp(key, "adopted")) {
			const char *iso = yx_parse_date(c, s);

			if (iso)
				yx_set_meta(c, key, iso);
			else
				REPORT(c, RB_D_INPUT_VALUE, v,
				       "'%s' must be a date as YYYY-MM-DD or 2026年3月1日, not '%s'", key, s);
		} else
			yx_set_meta(c, key, s);
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
		const char *path = yx_scalar(c, e, "documents entry");

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
