/*
 * The body of a Markdown document, parsed by cmark in pieces side by side
 * (mdparse.c), and a first look at each piece as it is parsed: are there
 * articles, 一、 items, headings numbered 3.1, an <!-- INFO END -->
 * marker, a table of contents?  The only part of the loader that knows
 * the body comes in pieces.
 *
 * The blocks are read as the pieces come (rb_md_next), so what depends on
 * the whole body is asked for when needed: a flag once set is final, and
 * while it is not set, the pieces after are waited for until one sets it
 * or all are in.
 */
#include <stdlib.h>
#include <string.h>

#include "load/md.h"
#include "mem/mem.h"
#include "number/cnnum.h"
#include "text/text.h"

struct dhead {
	unsigned line;
	enum clause_kind kind;
	int number, insert;
	int content_before;	/* something other than a heading came before
				 * (-1: not in this piece: as the pieces before end) */
};

/* What the first look found in one piece of the body. */
struct look {
	int has_articles, has_dun, has_info_end, has_outline_head;
	struct dhead *h;	/* division headings */
	size_t nh;
	int end;		/* content_before after the piece (-1: as before it) */
};

/* The first look at one piece (rb_md_look: on the thread that parsed it,
 * side by side with the others; it reads the source and the line index
 * only).  A piece's flags start unset: a paragraph is read for a label
 * until its piece has seen one, and the flags of the pieces are joined. */
static void
look_piece(void *ctx, size_t k, cmark_node *root)
{
	struct md_body *body = ctx;
	struct look *lk = &body->looks[k];
	cmark_node *b;
	size_t cap = 0;
	int content = -1;
	rb_buf t;
	struct clause_label lab;

	rb_buf_init(&t);
	for (b = cmark_node_first_child(root); b; b = cmark_node_next(b)) {
		int type = cmark_node_get_type(b);
		size_t st;

		if (type == CMARK_NODE_HTML_BLOCK) {
			const char *lit = cmark_node_get_literal(b);

			if (lit && strstr(lit, "<!-- INFO END -->"))
				lk->has_info_end = 1;
			continue;
		}
		if (type != CMARK_NODE_HEADING && type != CMARK_NODE_PARAGRAPH) {
			content = 1;
			continue;
		}
		if (type == CMARK_NODE_PARAGRAPH) {
			/* a paragraph's label tells only whether there are
			 * articles (第…条, Article …) and 一、 items: one that
			 * cannot start with either is not read (its first
			 * character decides: rb_label_parse reads from there) */
			size_t s0 = md_skip_blanks(body->in,
						   md_offset_of(body->in, rb_md_line(b, 0),
								cmark_node_get_start_column(b)));
			size_t e = s0 < body->in->len ? md_line_end(body->in, s0) : s0;
			uint32_t cp = 0;

			if (s0 < e)
				rb_utf8_decode(body->in->src + s0, e - s0, &cp);
			if (!(!lk->has_articles && (cp == 0x7B2C || cp == 'A')) &&
			    !(!lk->has_dun && rb_cn_is_numeral(cp))) {
				content = 1;
				continue;
			}
		}
		rb_buf_reset(&t);
		rb_buf_put(&t, "", 0);
		if (type == CMARK_NODE_HEADING)
			md_heading_text(body->in, b, &t, &st);
		else
			md_source_text(body->in, md_offset_of(body->in, rb_md_line(b, 0),
							      cmark_node_get_start_column(b)),
				       rb_md_line(b, 0), rb_md_line(b, 0), &t);
		if (!rb_classify_label(t.data, t.len, RB_STYLE_NONE, &lab)) {
			content = 1;
			continue;
		}
		if (lab.kind == L_ARTICLE)
			lk->has_articles = 1;
		if (lab.kind == L_ITEM && lab.l.style == RB_STYLE_CN_DUN)
			lk->has_dun = 1;
		if (lab.kind == L_OUTLINE && type == CMARK_NODE_HEADING)
			lk->has_outline_head = 1;
		if (type != CMARK_NODE_HEADING || lab.kind == L_ARTICLE || lab.kind == L_ITEM ||
		    lab.kind == L_OUTLINE) {
			content = 1;
			continue;
		}
		if (lk->nh == cap) {
			cap = cap ? cap * 2 : 32;
			lk->h = rb_xrealloc(lk->h, cap * sizeof(*lk->h));
		}
		lk->h[lk->nh].line = (unsigned)rb_md_line(b, 0);
		lk->h[lk->nh].kind = lab.kind;
		lk->h[lk->nh].number = lab.l.number;
		lk->h[lk->nh].insert = lab.l.insert;
		lk->h[lk->nh].content_before = content;
		content = 0;
		lk->nh++;
	}
	lk->end = content;
	rb_buf_free(&t);
}

static void
look_begin(void *ctx, size_t npieces)
{
	struct md_body *body = ctx;

	body->looks = rb_xcalloc(npieces, sizeof(*body->looks));
	body->nlooks = npieces;
}

/* The looks of the pieces joined since the last merge, in order: the
 * flags and the division headings; then every run of headings that is
 * decided is taken for a table of contents or not. */
static void
merge_looks(struct md_body *body)
{
	size_t joined = rb_md_joined(body->tree), i, j, k;
	struct dhead *h;
	int all;

	for (; body->merged < joined; body->merged++) {
		struct look *lk = &body->looks[body->merged];

		body->has_articles |= lk->has_articles;
		body->has_dun |= lk->has_dun;
		body->has_info_end |= lk->has_info_end;
		body->has_outline_head |= lk->has_outline_head;
		if (body->nh + lk->nh > body->hcap) {
			body->hcap = (body->nh + lk->nh) * 2;
			body->h = rb_xrealloc(body->h, body->hcap * sizeof(*body->h));
		}
		for (i = 0; i < lk->nh; i++) {
			body->h[body->nh] = lk->h[i];
			if (body->h[body->nh].content_before < 0)
				body->h[body->nh].content_before = body->content;
			body->content = 0;
			body->nh++;
		}
		if (lk->end >= 0)
			body->content = lk->end;
		free(lk->h);
		lk->h = NULL;
	}
	all = body->merged == body->nlooks;
	h = body->h;
	/* A table of contents: a run of division headings with nothing
	 * between them, in which a sequence restarts (第一章 … 第五章 then
	 * 第一章 again) — the body begins where it restarts.  A run is
	 * decided once something else follows it and, if it needs one, a
	 * heading after it brings its first back — or once every piece is
	 * in. */
	while (body->run < body->nh) {
		size_t restart = 0;
		int twice = 0;

		i = body->run;
		for (j = i + 1; j < body->nh && !h[j].content_before; j++)
			;
		if (j == body->nh && !body->content && !all)
			break;	/* the run may go on in the next piece */
		for (k = i + 1; k < j && !restart; k++)
			if (h[k].kind == h[i].kind && h[k].number == h[i].number &&
			    h[k].insert == h[i].insert)
				restart = k;
		for (k = i + 1; k < j && !twice; k++)
			if (h[k].kind == h[k - 1].kind)
				twice = 1;
		if (!restart && twice) {
			/* the body starts later: the first entry comes back */
			size_t m;

			for (m = j; m < body->nh; m++)
				if (h[m].kind == h[i].kind && h[m].number == h[i].number)
					break;
			if (m < body->nh)
				restart = j;
			else if (!all)
				break;	/* a piece to come may bring it back */
		}
		for (k = i; k < restart; k++) {
			if (body->ntoc == body->toccap) {
				body->toccap = body->toccap ? body->toccap * 2 : 16;
				body->toc = rb_xrealloc(body->toc, body->toccap * sizeof(*body->toc));
			}
			body->toc[body->ntoc++] = h[k].line;
		}
		body->run = j;
	}
}

/* Join one more piece and merge its look: 0 when all are in. */
int
md_body_more(struct md_body *body)
{
	if (!rb_md_more(body->tree))
		return 0;
	merge_looks(body);
	return 1;
}

cmark_node *
md_body_next(struct md_body *body, cmark_node *b)
{
	cmark_node *nx = rb_md_next(body->tree, b);

	merge_looks(body);
	return nx;
}

/* A flag of the whole body (has_articles, has_outline_head): the pieces
 * are joined until one sets it or all are in. */
int
md_body_flag(struct md_body *body, const int *flag)
{
	while (!*flag && md_body_more(body))
		;
	return *flag;
}

/* Is there a <!-- INFO END --> block?  Not when its text is nowhere. */
int
md_body_has_info_end(struct md_body *body)
{
	static const char marker[] = "<!-- INFO END -->";

	if (!body->has_info_end && body->info_end_written < 0)
		body->info_end_written = rb_memfind(body->text, body->len, marker,
						    sizeof(marker) - 1) != NULL;
	while (!body->has_info_end && body->info_end_written && md_body_more(body))
		;
	return body->has_info_end;
}

/* Is the heading at line (of a piece joined) in the table of contents? */
int
md_body_toc_line(struct md_body *body, int line)
{
	size_t i;

	while (body->run < body->nh && (unsigned)line >= body->h[body->run].line &&
	       md_body_more(body))
		;
	for (i = 0; i < body->ntoc; i++)
		if (body->toc[i] == (unsigned)line)
			return 1;
	return 0;
}

void
md_body_parse(struct md_body *body, struct md_source *in, size_t start, size_t end,
	      int threads)
{
	memset(body, 0, sizeof(*body));
	body->in = in;
	body->text = in->src + start;
	body->len = end - start;
	body->content = 1;
	body->info_end_written = -1;
	body->look.begin = look_begin;
	body->look.piece = look_piece;
	body->look.ctx = body;
	rb_md_parse(&in->lines, body->text, body->len, threads, &body->look, &body->tree);
	merge_looks(body);
}

int
md_body_release(struct md_body *body, cmark_node *next)
{
	return rb_md_release(body->tree, next);
}

void
md_body_free(struct md_body *body)
{
	rb_md_tree_free(body->tree);
	free(body->looks);
	free(body->h);
	free(body->toc);
}
