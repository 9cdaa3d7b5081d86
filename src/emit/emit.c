/* The emitter registry and the walker every emitter runs on. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/buf.h"
#include "text/markdown.h"
#include "emit.h"

static const rb_emitter *const registry[] = {
	&rb_emitter_text,
	&rb_emitter_json,
	&rb_emitter_markdown,
	&rb_emitter_docbook,
	&rb_emitter_html,
	&rb_emitter_docx,
	NULL
};

const rb_emitter *const *
rb_emitters(void)
{
	return registry;
}

const rb_emitter *
rb_emitter_lookup(const char *name)
{
	size_t i;

	for (i = 0; registry[i]; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

int
rb_emit(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	rb_buf *out, rb_diags *d)
{
	return rb_emit_stream(e, doc, opts, out, NULL, NULL, d);
}

/* What stays in the buffer when it is handed on: emitters look back at
 * the last few bytes (blank lines, trailing spaces), never further.  The
 * buffer is handed on at 128 kB: small enough to stay in the cache and to
 * need few fresh pages (dear in a virtual machine), large enough for few
 * writes. */
#define KEEP 4096
#define HAND_ON (128U << 10)
/* The ancestors a part may have (entered again, quietly, by rb_emit_part) */
#define PART_DEPTH 256

int
rb_emit_stream(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	       rb_buf *out, rb_sink_fn sink, void *ctx, rb_diags *d)
{
	return rb_emit_stream_split(e, doc, opts, out, sink, ctx, NULL, 0, NULL, NULL, d);
}

/* The context of a rendering; a streamed one (sink) has its buffer's
 * size at once, not by doubling. */
static void
ctx_init(rb_emit_ctx *c, const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	 rb_buf *out, rb_sink_fn sink, rb_diags *d)
{
	memset(c, 0, sizeof(*c));
	c->doc = doc;
	c->opts = opts;
	c->out = out;
	c->d = d;
	c->state = e->state_size ? rb_xcalloc(1, e->state_size) : NULL;
	if (sink && out->cap < HAND_ON + KEEP) {
		out->data = rb_xrealloc(out->data, HAND_ON + KEEP);
		out->cap = HAND_ON + KEEP;
		out->data[out->len] = '\0';
	}
}

/* Hand out's bytes but the last keep on to sink; 0, or -1 when the sink
 * failed (then the sink is dropped: the caller reports it). */
static int
hand_on(rb_buf *out, size_t keep, rb_sink_fn *sink, void *ctx)
{
	int r = 0;

	if (out->len <= keep)
		return 0;
	if ((*sink)(ctx, out->data, out->len - keep) < 0) {
		r = -1;
		*sink = NULL;
	}
	memmove(out->data, out->data + out->len - keep, keep);
	out->len = keep;
	out->data[out->len] = '\0';
	return r;
}

/* Is a an ancestor of n? */
static int
is_ancestor(const rb_node *a, const rb_node *n)
{
	for (n = n->parent; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* After a part filled in from at up to next (NULL: the end), the state
 * and the walker as if it had been rendered here: the ancestors of at
 * that next is not in are left quietly, those of next entered quietly
 * (outermost first), and the walk goes on at next (a part starts after
 * a sibling: split_ok) or at the root's end. */
static void
skip_part(const rb_emitter *e, rb_emit_ctx *c, rb_walker *w, const rb_node *at,
	  const rb_node *next)
{
	const rb_node *root = c->doc->root, *common = root, *p, *path[PART_DEPTH];
	size_t n = 0;

	e->quiet(c, 1);
	for (p = at->parent; p && p != root; p = p->parent) {
		if (next && is_ancestor(p, next)) {
			common = p;
			break;
		}
		if (e->leave)
			e->leave(c, p);
	}
	if (next)
		for (p = next->parent; p && p != common && n < PART_DEPTH; p = p->parent)
			path[n++] = p;
	while (n-- > 0)
		if (e->enter)
			e->enter(c, path[n]);
	e->quiet(c, 0);
	w->cur = next ? next->prev : root->last;
	w->ev = RB_EV_LEAVE;
}

int
rb_emit_stream_split(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
		     rb_buf *out, rb_sink_fn sink, void *ctx, const rb_node *const *at,
		     size_t nat, rb_fill_fn fill, void *fill_ctx, rb_diags *d)
{
	rb_emit_ctx c;
	rb_walker w;
	rb_event ev;
	size_t k = 0;

	ctx_init(&c, e, doc, opts, out, sink, d);
	if (e->ready && e->ready(&c) < 0) {
		free(c.state);
		return -1;
	}
	if (e->begin)
		e->begin(&c);
	if (!fill)
		nat = 0;
	rb_walker_init(&w, doc->root);
	while ((ev = rb_walker_next(&w)) != RB_EV_NONE) {
		if (ev == RB_EV_ENTER && k < nat && w.cur == at[k]) {
			/* the emitter does not look back across a part */
			e->quiet(&c, 0);
			if (sink && hand_on(out, 0, &sink, ctx) < 0)
				c.failed = 1;
			k++;
			if (fill(fill_ctx, k - 1, sink, ctx, out)) {
				skip_part(e, &c, &w, at[k - 1], k < nat ? at[k] : NULL);
				continue;
			}
		}
		if (ev == RB_EV_ENTER) {
			if (e->enter && !e->enter(&c, w.cur))
				rb_walker_skip(&w);
		} else if (e->leave)
			e->leave(&c, w.cur);
		if (sink && out->len >= HAND_ON && hand_on(out, KEEP, &sink, ctx) < 0)
			c.failed = 1;
	}
	if (e->end)
		e->end(&c);
	free(c.state);
	return c.failed ? -1 : 0;
}

int
rb_emit_part(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
	     const rb_node *at, const rb_node *until, rb_buf *out, rb_sink_fn sink, void *ctx,
	     rb_diags *d)
{
	rb_emit_ctx c;
	rb_walker w;
	rb_event ev;
	const rb_node *path[PART_DEPTH], *p;
	size_t n = 0;

	for (p = at->parent; p && n < PART_DEPTH; p = p->parent)
		path[n++] = p;
	if (p)
		return -1;	/* deeper than rb_emit_split_point goes */
	ctx_init(&c, e, doc, opts, out, sink, d);
	if (e->ready && e->ready(&c) < 0) {
		free(c.state);
		return -1;
	}
	e->part_begin(&c, at);
	/* the ancestors entered quietly, root first: the emitter's state is
	 * as it was at at in the whole */
	e->quiet(&c, 1);
	while (n-- > 0)
		if (e->enter)
			e->enter(&c, path[n]);
	e->quiet(&c, 0);
	/* then every node from at on, up to until or the root's end (the
	 * ancestors left open are the rest's to close) */
	w.root = doc->root;
	w.cur = (rb_node *)at;
	w.ev = RB_EV_ENTER;
	for (ev = RB_EV_ENTER; ev != RB_EV_NONE; ev = rb_walker_next(&w)) {
		if ((ev == RB_EV_LEAVE && w.cur == doc->root) || (ev == RB_EV_ENTER && w.cur == until))
			break;
		if (ev == RB_EV_ENTER) {
			if (e->enter && !e->enter(&c, w.cur))
				rb_walker_skip(&w);
		} else if (e->leave)
			e->leave(&c, w.cur);
		if (sink && out->len >= HAND_ON && hand_on(out, 0, &sink, ctx) < 0)
			c.failed = 1;
	}
	e->part_end(&c);
	if (sink && hand_on(out, 0, &sink, ctx) < 0)
		c.failed = 1;
	free(c.state);
	return c.failed ? -1 : 0;
}

/* The line of the last node under n (n's own when it has none). */
static unsigned
last_line(const rb_node *n)
{
	while (n->last)
		n = n->last;
	return n->line;
}

const rb_node *
rb_emit_split_point(const rb_emitter *e, const rb_document *doc, double frac)
{
	const rb_node *p = doc->root, *c, *in, *found = NULL;
	unsigned first, last, span, target, best = UINT_MAX, depth = 0;

	if (!e->split_ok || !e->part_begin || !e->part_end || !e->quiet || doc->ndocs || !p ||
	    p->kind != RB_DOCUMENT || !p->first || frac <= 0 || frac >= 1)
		return NULL;
	/* the source's lines stand for the output's bytes */
	first = p->first->line;
	last = last_line(p);
	span = last > first ? last - first : 0;
	target = first + (unsigned)(span * frac);
	/* the start of a clause nearest the target, down the clauses the
	 * target falls in */
	for (; p && depth + 1 < PART_DEPTH; p = in, depth++) {
		for (in = NULL, c = p->first; c && c->line < target; c = c->next)
			in = c;
		if (in && e->split_ok(in) && target - in->line < best) {
			best = target - in->line;
			found = in;
		}
		if (c && e->split_ok(c) && c->line - target < best) {
			best = c->line - target;
			found = c;
		}
	}
	return found;
}

void
rb_text_linked(const rb_node *n, rb_buf *out)
{
	const char *t = n->text ? n->text : "";
	size_t i, at = 0;

	for (i = 0; i < n->nrefs; i++) {
		const rb_ref *r = &n->refs[i];

		if (!rb_ref_linked(r))
			continue;
		rb_buf_add(out, t + at, r->off - at);
		rb_buf_addc(out, '[');
		rb_buf_add(out, t + r->off, r->len);
		rb_buf_printf(out, "](#%s \"ref\")", r->target->id);
		at = r->off + r->len;
	}
	rb_buf_adds(out, t + at);
}

void
rb_ref_pieces(const rb_node *n, const char *md, int with_refs,
	      void (*text)(void *ctx, const char *s, size_t len),
	      void (*link)(void *ctx, const rb_node *target, const char *s, size_t len), void *ctx)
{
	size_t i, at = 0;

	for (i = 0; with_refs && n && i < n->nrefs; i++) {
		const rb_ref *r = &n->refs[i];

		if (!rb_ref_linked(r))
			continue;
		text(ctx, md + at, r->off - at);
		link(ctx, r->target, md + r->off, r->len);
		at = r->off + r->len;
	}
	text(ctx, md + at, strlen(md + at));
}

struct cmark_node *
rb_md_parse_clause(const rb_node *n, const char *md, int with_refs, int options)
{
	struct cmark_node *doc;
	rb_buf b;

	rb_buf_init(&b);
	if (with_refs && n)
		rb_text_linked(n, &b);
	else
		rb_buf_adds(&b, md);
	doc = rb_md_parse_text(b.data ? b.data : "", b.len, n ? n->doc->link_defs : NULL, options);
	rb_buf_free(&b);
	return doc;
}

const rb_value *
rb_history_next(const rb_document *doc, const rb_value *prev, const char **date,
		const char **event)
{
	const rb_value *v, *e, *f;

	if (prev)
		e = prev->next;
	else {
		for (v = doc->meta.first, e = NULL; v && !e; v = v->next)
			if (v->key && !strcmp(v->key, "history") && v->type == RB_VAL_LIST)
				e = v->first;
	}
	if (!e)
		return NULL;
	*date = NULL;
	*event = e->type == RB_VAL_STRING ? e->str : NULL;
	for (f = e->type == RB_VAL_MAP ? e->first : NULL; f; f = f->next)
		if (f->key && !strcmp(f->key, "date") && f->type == RB_VAL_STRING)
			*date = f->str;
		else if (f->key && !strcmp(f->key, "event") && f->type == RB_VAL_STRING)
			*event = f->str;
	return e;
}

void
rb_put_date(rb_buf *out, const rb_document *doc, const char *iso)
{
	int y, m, d;

	if (!strncmp(rb_document_lang(doc), "zh", 2) && sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
		rb_buf_printf(out, "%d年%d月%d日", y, m, d);
	else
		rb_buf_adds(out, iso);
}

int
rb_ref_linked(const rb_ref *r)
{
	return r->target && !r->external && r->target->id && *r->target->id;
}

const char *
rb_version_of(const rb_document *doc)
{
	const char *v = rb_meta_get(doc, "version");

	return v && *v ? v : rb_meta_get(doc, "edition");
}

int
rb_url_is_safe(const char *url)
{
	static const char *const hostile[] = { "javascript", "vbscript", "data", "file" };
	char scheme[16];
	size_t k = 0, i;
	const unsigned char *p = (const unsigned char *)url;

	while (*p && *p <= 0x20)	/* a browser drops these in front */
		p++;
	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')	/* and these anywhere */
			continue;
		if (*p == ':')
			break;
		if (k + 1 >= sizeof scheme)
			return 1;	/* longer than any scheme we refuse */
		scheme[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	if (!*p)
		return 1;	/* no scheme: relative */
	scheme[k] = '\0';
	for (i = 0; i < sizeof hostile / sizeof *hostile; i++)
		if (strcmp(scheme, hostile[i]) == 0)
			return 0;
	return 1;
}

const char *
rb_word(const rb_document *doc, const char *key)
{
	const char *lang = rb_document_lang(doc);
	int tw = !strncmp(lang, "zh-Hant", 7) || !strcmp(lang, "zh-TW") || !strcmp(lang, "zh-HK");
	int zh = !strncmp(lang, "zh", 2);
	static const struct {
		const char *key, *en, *hans, *hant;
	} words[] = {
		{"contents", "Contents", "目录", "目錄"},
		{"issuer", "Issued by", "发布单位", "發布單位"},
		{"adopted", "Adopted", "通过日期", "通過日期"},
		{"effective", "Effective", "施行日期", "施行日期"},
		{"version", "Version", "版本", "版本"},
		{"foreword", "Foreword", "前言", "前言"},
		{"deleted", "(deleted)", "（删去）", "（刪去）"},
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].key, key))
			return zh ? (tw ? words[i].hant : words[i].hans) : words[i].en;
	return key;
}

const char *
rb_meta_sub(const rb_document *doc, const char *map, const char *key)
{
	const rb_value *v, *x;

	for (v = doc->meta.first; v; v = v->next)
		if (v->key && v->type == RB_VAL_MAP && !strcmp(v->key, map))
			for (x = v->first; x; x = x->next)
				if (x->key && x->type == RB_VAL_STRING && !strcmp(x->key, key))
					return x->str;
	return NULL;
}

const char *
rb_cover_get(const rb_document *doc, const char *key)
{
	const char *s = rb_meta_sub(doc, "cover", key);

	if (s || (strcmp(key, "subtitle") && strcmp(key, "issuer")))
		return s;
	return rb_meta_get(doc, key);
}

int
rb_is_closing(const rb_node *n)
{
	const rb_node *p;

	if (n->kind != RB_PARAGRAPH || !n->parent || n->parent->kind != RB_DOCUMENT)
		return 0;
	for (p = n->prev; p; p = p->prev)
		if (p->kind != RB_PARAGRAPH)
			return 1;
	return 0;
}

int
rb_is_date_text(const char *s)
{
	static const char *const cn[] = {
		"〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "年", "月", "日",
		"○", "Ｏ", "o", "O", NULL	/* 〇 as typed (CONVENTIONS: lookalikes) */
	};
	size_t n = strlen(s), i, digits = 0, dashes = 0;
	int ymd = 0;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (!n)
		return 0;
	while (n) {
		if (*s >= '0' && *s <= '9') {
			digits++;
			s++;
			n--;
			continue;
		}
		if (*s == '-' || *s == '.' || *s == '/') {
			dashes++;
			s++;
			n--;
			continue;
		}
		/* full-width digits ０–９: EF BC 90–99 */
		if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
		    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
			digits++;
			s += 3;
			n -= 3;
			continue;
		}
		for (i = 0; cn[i]; i++)
			if (n >= strlen(cn[i]) && !memcmp(s, cn[i], strlen(cn[i])))
				break;
		if (!cn[i])
			return 0;
		if (!strcmp(cn[i], "年") || !strcmp(cn[i], "月") || !strcmp(cn[i], "日"))
			ymd++;
		s += strlen(cn[i]);
		n -= strlen(cn[i]);
	}
	return ymd == 3 || (ymd == 0 && dashes == 2 && digits >= 6);
}

int
rb_closing_is_date(const rb_node *n)
{
	rb_buf t;
	int r;

	rb_buf_init(&t);
	rb_md_plain(n->text ? n->text : "", n->doc->link_defs, &t, NULL, NULL);
	rb_buf_add(&t, "", 0);
	r = rb_is_date_text(t.data);
	rb_buf_free(&t);
	return r;
}

const rb_node *
rb_closing_date_of(const rb_node *n)
{
	const rb_node *x;
	int k;

	/* a closing line's next siblings that are paragraphs are closing
	 * lines too; a date is a few lines below its signatures, so a
	 * closing of many lines is not read many times over */
	for (x = n, k = 0; x && x->kind == RB_PARAGRAPH && k < 8; x = x->next, k++)
		if (rb_closing_is_date(x))
			return x;
	return NULL;
}

int
rb_logo_read(const rb_document *doc, rb_buf *bytes, int *png)
{
	const char *logo = rb_meta_sub(doc, "cover", "logo"), *slash = strrchr(doc->source, '/');
	char *path, chunk[4096];
	size_t got;
	FILE *f;

	if (!logo)
		return 0;
	/* the name as the loader checked it: inside the manifest's folder */
	path = slash ? rb_xmalloc((size_t)(slash - doc->source) + strlen(logo) + 2) : NULL;
	if (path)
		sprintf(path, "%.*s/%s", (int)(slash - doc->source), doc->source, logo);
	f = fopen(path ? path : logo, "rb");
	free(path);
	if (!f)
		return 0;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rb_buf_add(bytes, chunk, got);
	fclose(f);
	*png = bytes->len > 0 && (unsigned char)bytes->data[0] == 0x89;
	return 1;
}

int
rb_logo_uri(const rb_document *doc, rb_buf *out)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *in;
	size_t i, left;
	rb_buf bytes;
	int png;

	rb_buf_init(&bytes);
	if (!rb_logo_read(doc, &bytes, &png)) {
		rb_buf_free(&bytes);
		return 0;
	}
	rb_buf_adds(out, png ? "data:image/png;base64," : "data:image/jpeg;base64,");
	in = (const unsigned char *)bytes.data;
	for (i = 0; i < bytes.len; i += 3) {
		left = bytes.len - i;
		rb_buf_addc(out, b64[in[i] >> 2]);
		rb_buf_addc(out, b64[((in[i] & 3) << 4) | (left > 1 ? in[i + 1] >> 4 : 0)]);
		rb_buf_addc(out, left > 1 ? b64[((in[i + 1] & 15) << 2) | (left > 2 ? in[i + 2] >> 6 : 0)] : '=');
		rb_buf_addc(out, left > 2 ? b64[in[i + 2] & 63] : '=');
	}
	rb_buf_free(&bytes);
	return 1;
}

/* What goes between a clause's label and its text in the plain formats
 * (text, Word): a full-width space after 第一条 in Chinese, nothing after
 * 一、 （一） ① 1. (公文 convention), a space in other languages. */
const char *
rb_emit_label_sep(const rb_node *n, int zh)
{
	const char *l = n->label;
	size_t len = strlen(l);

	if (!zh)
		return " ";
	if (len >= 3 && (!strcmp(l + len - 3, "、") || !strcmp(l + len - 3, "）")))
		return "";
	if (n->style == RB_STYLE_CIRCLED || n->style == RB_STYLE_ARABIC_DOT ||
	    n->style == RB_STYLE_ARABIC_HALF_PAREN || n->style == RB_STYLE_ARABIC_DUN)
		return "";
	return "　";
}

/* Does s end with a sentence's punctuation (a run-in title that needs no
 * full stop after it)? */
int
rb_emit_ends_with_punct(const char *s)
{
	static const char *const p[] = {"。", "：", "；", "，", "！", "？", ".", ":", ";", "!", "?", NULL};
	size_t n = strlen(s), i;

	for (i = 0; p[i]; i++) {
		size_t m = strlen(p[i]);

		if (n >= m && memcmp(s + n - m, p[i], m) == 0)
			return 1;
	}
	return 0;
}
