/* Private to the emitters. */
#ifndef RB_EMIT_H
#define RB_EMIT_H

#include "rulebook.h"
#include "text/utf8.h"

extern const rb_emitter rb_emitter_text;
extern const rb_emitter rb_emitter_json;
extern const rb_emitter rb_emitter_markdown;
extern const rb_emitter rb_emitter_docbook;
extern const rb_emitter rb_emitter_html;
extern const rb_emitter rb_emitter_docx;

/* A large document's rendering in parts, side by side (schedule.c).
 * Part i is the nodes from at[i] (points from rb_emit_split_point, in
 * the document's order) up to at[i + 1], the last one's up to the end;
 * rb_emit_part renders a part (until: the next point, or NULL) and hands
 * all of its output to sink, while rb_emit_stream_split renders the
 * rest.  When that comes to at[i], it hands on what it has and calls fill
 * with i, which puts the part's output in (to sink, or appended to out
 * when sink is NULL) and returns 1, or returns 0 to have the part
 * rendered there after all.  The output is the same as rb_emit_stream's.
 * rb_emit_part returns -1 for a node deeper than rb_emit_split_point
 * chooses (256 ancestors). */
typedef int (*rb_fill_fn)(void *ctx, size_t i, rb_sink_fn sink, void *sink_ctx, rb_buf *out);
/* Where to split doc (a single document, not a book) about frac of the
 * way through its clauses; NULL when e cannot split or no point fits. */
const rb_node *rb_emit_split_point(const rb_emitter *e, const rb_document *doc, double frac);
int rb_emit_part(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
		 const rb_node *at, const rb_node *until, rb_buf *out, rb_sink_fn sink,
		 void *ctx, rb_diags *d);
int rb_emit_stream_split(const rb_emitter *e, const rb_document *doc, const rb_emit_opts *opts,
			 rb_buf *out, rb_sink_fn sink, void *ctx, const rb_node *const *at,
			 size_t nat, rb_fill_fn fill, void *fill_ctx, rb_diags *d);

/* n's text (Markdown) with every resolved internal reference written as a
 * link, [本法第十条](#article-10 "ref"): emitters that link render it. */
void rb_text_linked(const rb_node *n, rb_buf *out);
/* Plain clause text md in pieces, as an emitter writes it without a
 * parse: text for the words between n's linked references (when
 * with_refs; n may be NULL), link for each reference's words. */
void rb_ref_pieces(const rb_node *n, const char *md, int with_refs,
		   void (*text)(void *ctx, const char *s, size_t len),
		   void (*link)(void *ctx, const rb_node *target, const char *s, size_t len), void *ctx);
/* cmark's tree of clause Markdown md, n's text with its references made
 * links when with_refs (n may be NULL: md as it is). */
struct cmark_node *rb_md_parse_clause(const rb_node *n, const char *md, int with_refs, int options);

/* The version a title page shows: `version`, else a handbook's `edition`. */
const char *rb_version_of(const rb_document *doc);

/* May a link in our output point at url?  Not to javascript:, vbscript:,
 * data: or file: — read as a browser reads the scheme (tabs and newlines
 * anywhere, blanks and controls in front, any case), so no spelling of
 * them gets through a stylesheet that turns our links into HTML ones;
 * any other scheme, or none, may (CommonMark keeps irc:, made-up ones). */
int rb_url_is_safe(const char *url);

/* The words a document shows around its metadata, one set for every
 * format: "contents", "issuer", "adopted", "effective", "version",
 * "deleted" in the document's language (施行日期, 施行日期, Effective). */
const char *rb_word(const rb_document *doc, const char *key);

/* A book's cover (manifest cover:): its key, else for subtitle and
 * issuer the book's own; NULL when neither. */
const char *rb_cover_get(const rb_document *doc, const char *key);
/* A key of a mapping in the metadata (closing: signature, date). */
const char *rb_meta_sub(const rb_document *doc, const char *map, const char *key);
/* Is n a line of its document's closing (落款): a paragraph of the
 * document itself after its clauses, as *** or closing: make it? */
int rb_is_closing(const rb_node *n);
/* Is s a date as a 落款 writes it (2026年3月1日, 二〇二六年三月一日,
 * 2026-03-01)?  Is the closing line n one?  The date the closing line n
 * stands above (n itself when a date; the next of n and the 7 lines
 * after it that is one), or NULL. */
int rb_is_date_text(const char *s);
int rb_closing_is_date(const rb_node *n);
const rb_node *rb_closing_date_of(const rb_node *n);
/* The cover's logo, a PNG or JPEG beside the manifest (the loader has
 * confined and checked its name): its bytes appended to bytes and *png
 * set (else a JPEG); 0 when there is none or it cannot be read. */
int rb_logo_read(const rb_document *doc, rb_buf *bytes, int *png);
/* The same as a data: URI, appended to out. */
int rb_logo_uri(const rb_document *doc, rb_buf *out);

/* Does the reference become a link (resolved, internal, target with an id)? */
int rb_ref_linked(const rb_ref *r);

/* How many bytes of s[0..n) libxml2's xmlEncodeSpecialChars leaves as
 * they are (< > & " and CR it changes): n when the text needs no escaping. */
static inline size_t
rb_xml_plain_len(const char *s, size_t n)
{
	static const unsigned char stop[256] = {
		['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1, ['\r'] = 1,
	};
	size_t i = 0;

	for (;;) {	/* Chinese text eight bytes at a time, the rest a byte at a time */
		i = rb_skip_high(s, i, n);
		while (i < n && (unsigned char)s[i] < 0x80 && !stop[(unsigned char)s[i]])
			i++;
		if (i >= n || stop[(unsigned char)s[i]])
			return i;
		i++;
	}
}

/* An ISO date as shown in doc: 2000年3月15日 in Chinese documents, else as
 * written. */
void rb_put_date(rb_buf *out, const rb_document *doc, const char *iso);

/* The document's history, one event at a time: pass NULL first, then the
 * value returned; NULL at the end.  *date (ISO, or NULL) and *event (or
 * NULL) describe the event. */
const rb_value *rb_history_next(const rb_document *doc, const rb_value *prev,
				const char **date, const char **event);

/* Line breaking for plain text (CONVENTIONS: 禁则).  Appends text to out,
 * the first line starting after first_prefix (already in out, of display
 * width first_width), continuation lines indented by cont spaces. */
void rb_wrap(rb_buf *out, size_t first_width, size_t cont, const char *text,
	     size_t width, int wide_ambiguous);

/* Between a clause's label and its text in text and Word output
 * (emit.c). */
const char *rb_emit_label_sep(const rb_node *n, int zh);
/* Does s end with a sentence's punctuation? */
int rb_emit_ends_with_punct(const char *s);

#endif
