/*
 * Labels written almost right — 笫十条, 第十 条, 第－条, l), （二 without
 * its ）, 8自费药, 二，, （二), 2.、 — recognised and rewritten so that they
 * parse, with the diagnostic (numbering-numeral, numbering-separator) to
 * give.  What the sequence expects next is asked of the caller.
 */
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "number/style.h"
#include "text/text.h"
#include "text/width.h"
#include "i18n.h"
#include "number/clause_label.h"
#include "number/repair.h"

/* Recognise a label that is almost right — 笫十条, 第十 条, 第－条, l),
 * （二 without its ）, 8自费药, 二，, （二), 2.、 — and rewrite it in *out
 * so that it parses.  Returns 1 with the diagnostic to give. */
/* 第三十已条 , 第肆条 : between 第 and 条 a numeral with one or two
 * characters that are not ours, followed by a separator, where an article
 * is due.  Read as the article the sequence expects. */
static int
malformed_article(const rb_repair_ctx *r, const char *t, size_t n, rb_buf *out, rb_label_fix *f)
{
	static const char capital[] = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟";
	size_t i = 3, m, end;
	int v, numerals = 0, others = 0, want = r->article_expected;
	unsigned fl;
	uint32_t cp;
	char label[64], ch[8];

	if (!r->has_article || want <= 0)
		return 0;
	while (i < n && numerals + others < 8) {
		if ((m = rb_prefix(t + i, n - i, "条")) > 0 || (m = rb_prefix(t + i, n - i, "條")) > 0)
			break;
		if (!(m = rb_utf8_decode(t + i, n - i, &cp)) || cp < 0x3400)
			return 0;
		memcpy(ch, t + i, m);
		ch[m] = '\0';
		if (rb_cn_parse(t + i, m, &v, &fl) == m || strstr(capital, ch))
			numerals++;
		else
			others++;
		i += m;
	}
	if (i >= n || !m || !numerals || others > 2)
		return 0;
	end = i + m;
	if (!rb_space_len(t + end, n - end))
		return 0;
	m = rb_label_format(RB_STYLE_CN_ORDINAL, want, 0,
			    &(rb_label_opts){.unit = r->traditional ? "條" : "条"}, label, sizeof(label));
	if (!m)
		return 0;
	rb_buf_reset(out);
	rb_buf_put(out, label, m);
	rb_buf_puts(out, t + end);
	f->code = RB_D_NUMBERING_NUMERAL;
	snprintf(f->msg, sizeof(f->msg), rb_tr("malformed number in %.*s: did you mean %s?"), (int)end, t, label);
	return 1;
}

int
rb_label_repair(const rb_repair_ctx *r, const char *t, rb_buf *out, rb_label_fix *f)
{
	size_t n = strlen(t), k, m;
	int v;
	unsigned fl;
	uint32_t cp = 0;
	struct clause_label lab;

	rb_buf_reset(out);
	rb_buf_put(out, "", 0);
	/* 笫 for 第 */
	if ((k = rb_prefix(t, n, "笫")) > 0) {
		rb_buf_puts(out, "第");
		rb_buf_puts(out, t + k);
		if (rb_classify_label(out->data, out->len, RB_STYLE_NONE, &lab) && lab.kind == L_ARTICLE) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), rb_tr("'笫' is not '第': did you mean %.*s?"),
				 (int)lab.l.len, out->data);
			return 1;
		}
		return 0;
	}
	if ((k = rb_prefix(t, n, "第")) > 0) {
		/* －/一 lookalike or a space inside: 第－条, 第十 条 */
		size_t i = k, sp = 0;
		int changed = 0;

		rb_buf_puts(out, "第");
		while (i < n && i < k + 30) {
			if (rb_prefix(t + i, n - i, "－")) {
				rb_buf_puts(out, "一");
				i += 3;
				changed = 1;
			} else if ((m = rb_space_len(t + i, n - i)) > 0 && i > k && !sp) {
				sp = m;
				i += m;
				changed = 2;
			} else if ((m = rb_cn_parse(t + i, n - i, &v, &fl)) > 0) {
				rb_buf_put(out, t + i, m);
				i += m;
			} else
				break;
		}
		rb_buf_puts(out, t + i);
		if (changed && rb_classify_label(out->data, out->len, RB_STYLE_NONE, &lab) &&
		    lab.kind == L_ARTICLE && (!r->has_article || lab.l.number == r->article_expected)) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), changed == 1 ?
				 rb_tr("'－' is not '一': did you mean %.*s?") :
				 rb_tr("a space inside the label: did you mean %.*s?"), (int)lab.l.len, out->data);
			return 1;
		}
		return malformed_article(r, t, n, out, f);
	}
	/* l) l. for 1) 1. */
	if (n >= 2 && t[0] == 'l' && (t[1] == ')' || t[1] == '.' || rb_prefix(t + 1, n - 1, "）") ||
				      rb_prefix(t + 1, n - 1, "、"))) {
		rb_buf_putc(out, '1');
		rb_buf_puts(out, t + 1);
		if (rb_classify_label(out->data, out->len, RB_STYLE_NONE, &lab) && lab.kind == L_ITEM &&
		    !r->expects(r->ctx, lab.l.style)) {
			f->code = RB_D_NUMBERING_NUMERAL;
			snprintf(f->msg, sizeof(f->msg), rb_tr("'l' is a letter: did you mean %.*s?"),
				 (int)lab.l.len, out->data);
			return 1;
		}
		return 0;
	}
	/* （二 with no closing bracket */
	if ((k = rb_prefix(t, n, "（")) > 0 || (k = rb_prefix(t, n, "(")) > 0) {
		char want[32];
		int e = r->expects(r->ctx, RB_STYLE_CN_PAREN);

		/* the numeral the sequence expects (（二二级… is 二, then 二级) */
		m = rb_cn_format(e ? e : 1, 0, want, sizeof(want));
		if (m && rb_prefix(t + k, n - k, want) && !rb_prefix(t + k + m, n - k - m, "）") &&
		    t[k + m] != ')') {
			rb_buf_put(out, t, k + m);
			rb_buf_puts(out, k == 3 ? "）" : ")");
			rb_buf_puts(out, t + k + m);
			f->code = RB_D_NUMBERING_SEPARATOR;
			snprintf(f->msg, sizeof(f->msg), rb_tr("%.*s has no closing bracket: did you mean %.*s%s?"),
				 (int)(k + m), t, (int)(k + m), t, k == 3 ? "）" : ")");
			return 1;
		}
		return 0;
	}
	/* 8自费药, 二，: a number that continues a sequence, with the wrong
	 * separator or none */
	m = rb_cn_parse(t, n, &v, &fl);
	if (m && m < n) {
		const char *mark = "、";
		size_t skip = 0;

		if (fl & RB_NUM_ARABIC) {
			if (r->expects(r->ctx, RB_STYLE_ARABIC_DOT) == v)
				mark = ".";
			else if (r->expects(r->ctx, RB_STYLE_ARABIC_DUN) != v)
				return 0;
		} else if (r->expects(r->ctx, RB_STYLE_CN_DUN) != v)
			return 0;
		if (rb_prefix(t + m, n - m, "，"))
			skip = 3;
		else if (t[m] == ',')
			skip = 1;
		else if (!rb_utf8_decode(t + m, n - m, &cp) || !rb_cp_is_cjk(cp))
			return 0;
		rb_buf_put(out, t, m);
		rb_buf_puts(out, mark);
		if (strcmp(mark, ".") == 0)
			rb_buf_putc(out, ' ');
		rb_buf_puts(out, t + m + skip);
		f->code = RB_D_NUMBERING_SEPARATOR;
		if (skip)
			snprintf(f->msg, sizeof(f->msg), rb_tr("'%.*s' after %.*s should be '%s'"), (int)skip,
				 t + m, (int)m, t, mark);
		else
			snprintf(f->msg, sizeof(f->msg), rb_tr("no separator after %.*s: did you mean %.*s%s?"),
				 (int)m, t, (int)m, t, mark);
		return 1;
	}
	return 0;
}

/* A label that parsed but is written with mixed brackets or two
 * separators: （二) , 2.、 */
int
rb_label_separator_defect(const rb_repair_ctx *r, const char *t, const struct clause_label *lab,
			  rb_label_fix *f)
{
	size_t l = lab->l.len;
	const char *after = t + l + lab->l.sep_len;

	if (lab->l.flags & (RB_NUM_NONCANONICAL | RB_NUM_LIANG) &&
	    !(r->profile(r->ctx)->cn_flags & RB_CN_TW) &&
	    (lab->kind == L_ARTICLE || lab->l.style == RB_STYLE_CN_DUN ||
	     lab->l.style == RB_STYLE_CN_PAREN)) {
		char canon[160];

		if (!rb_label_format(lab->l.style, lab->l.number, lab->l.insert,
				     &(rb_label_opts){.unit = lab->l.unit[0] ? lab->l.unit : NULL},
				     canon, sizeof(canon)))
			return 0;	/* no canonical form to offer */
		f->code = RB_D_NUMBERING_NUMERAL;
		snprintf(f->msg, sizeof(f->msg), rb_tr("%.*s is not how the number is written: write %s"),
			 (int)l, t, canon);
		return 1;
	}
	if (lab->kind != L_ITEM)
		return 0;
	if ((rb_prefix(t, l, "（") && t[l - 1] == ')') ||
	    (t[0] == '(' && l >= 3 && rb_prefix(t + l - 3, 3, "）"))) {
		f->code = RB_D_NUMBERING_SEPARATOR;
		snprintf(f->msg, sizeof(f->msg), rb_tr("mixed brackets in %.*s"), (int)l, t);
		return 1;
	}
	f->skip = 0;
	if (lab->l.sep_len == 0 && (lab->l.style == RB_STYLE_ARABIC_DOT ||
				    lab->l.style == RB_STYLE_ARABIC_DUN ||
				    lab->l.style == RB_STYLE_CN_DUN) &&
	    (rb_prefix(after, strlen(after), "、") || rb_prefix(after, strlen(after), "，") ||
	     rb_prefix(after, strlen(after), "．") || after[0] == '.' || after[0] == ',')) {
		f->code = RB_D_NUMBERING_SEPARATOR;
		f->skip = after[0] & 0x80 ? 3 : 1;
		snprintf(f->msg, sizeof(f->msg), rb_tr("two separators after the number in %.*s"),
			 (int)(l + f->skip), t);
		return 1;
	}
	return 0;
}
