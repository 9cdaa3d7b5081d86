/*
 * Numbering styles: recognise a label at the start of text, and format a
 * number in a style.  Every style of SPEC §4, both directions.
 */
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "number/style.h"
#include "text/text.h"
#include "text/utf8.h"
#include "util.h"

static const char *const style_names[RB_STYLE__COUNT] = {
	"none", "cn-ordinal", "cn-dun", "cn-paren", "arabic-dun", "arabic-dot",
	"arabic-paren", "arabic-half-paren", "circled", "roman-upper",
	"roman-lower", "alpha-upper", "alpha-lower", "decimal-outline",
};

const char *
rb_style_name(rb_style s)
{
	return s < RB_STYLE__COUNT ? style_names[s] : "none";
}

int
rb_style_lookup(const char *name)
{
	int i;

	for (i = 0; i < RB_STYLE__COUNT; i++)
		if (strcmp(style_names[i], name) == 0)
			return i;
	return -1;
}

/* Units after 第N, longest first so 分编 wins over 编. */
static const char *const units[] = {
	"部分", "分编", "分編", "条", "條", "章", "节", "節", "编", "編",
	"篇", "款", "项", "項", "目", "卷", NULL
};

/* Circled numbers: ①..⑳ U+2460.., ㉑..㉟ U+3251.., ㊱..㊿ U+32B1.. */
static int
circled_value(uint32_t cp)
{
	if (cp >= 0x2460 && cp <= 0x2473)
		return (int)(cp - 0x2460 + 1);
	if (cp >= 0x3251 && cp <= 0x325F)
		return (int)(cp - 0x3251 + 21);
	if (cp >= 0x32B1 && cp <= 0x32BF)
		return (int)(cp - 0x32B1 + 36);
	return 0;
}

static uint32_t
circled_cp(int n)
{
	if (n >= 1 && n <= 20)
		return 0x2460 + (uint32_t)(n - 1);
	if (n >= 21 && n <= 35)
		return 0x3251 + (uint32_t)(n - 21);
	if (n >= 36 && n <= 50)
		return 0x32B1 + (uint32_t)(n - 36);
	return 0;
}

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x2002 ||
	    cp == 0x2003 || cp == 0xA0;
}

size_t
rb_space_len(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n && (k = rb_utf8_next(s + i, n - i, &cp)) > 0 && is_space_cp(cp))
		i += k;
	return i;
}

static int
roman_value(char c)
{
	switch (c | 0x20) {
	case 'i': return 1;
	case 'v': return 5;
	case 'x': return 10;
	case 'l': return 50;
	case 'c': return 100;
	case 'd': return 500;
	case 'm': return 1000;
	}
	return 0;
}

static size_t format_roman(int n, int upper, char *buf, size_t size);
static size_t parse_roman(const char *s, size_t n, int upper, int *value, rb_style prefer);

/* Parse a canonical roman numeral of one case; returns bytes consumed.
 * A lone C, D, L or M is a letter unless roman is preferred. */
static size_t
parse_roman(const char *s, size_t n, int upper, int *value, rb_style prefer)
{
	size_t i = 0;
	int v = 0;
	char canon[32];

	while (i < n && roman_value(s[i]) && ((s[i] >= 'A' && s[i] <= 'Z') == upper))
		i++;
	if (i == 0 || i > 24)
		return 0;
	if (i == 1 && strchr("ivxIVX", s[0]) == NULL && prefer != RB_STYLE_ROMAN_LOWER &&
	    prefer != RB_STYLE_ROMAN_UPPER)
		return 0;
	for (size_t j = 0; j < i; j++) {
		int a = roman_value(s[j]);
		int b = j + 1 < i ? roman_value(s[j + 1]) : 0;

		v += a < b ? -a : a;
	}
	if (v <= 0 || format_roman(v, upper, canon, sizeof(canon)) != i ||
	    memcmp(canon, s, i) != 0)
		return 0;
	*value = v;
	return i;
}

/* An upper-case roman numeral at s (Part IV): its length, 0 when none
 * (a lone C, D, L or M is a letter: Part C). */
size_t
rb_roman_upper(const char *s, size_t n, int *value)
{
	return parse_roman(s, n, 1, value, RB_STYLE_NONE);
}

static int
is_open(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int
is_close(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

static size_t
decode(const char *s, size_t n, size_t i, uint32_t *cp)
{
	return i < n ? rb_utf8_next(s + i, n - i, cp) : 0;
}

/* 第N条 / 第N条之M */
static int
parse_ordinal(const char *s, size_t n, rb_label *out)
{
	size_t i = rb_prefix(s, n, "第"), k, u;
	int v;
	unsigned flags;

	if (!i)
		return 0;
	k = rb_cn_parse(s + i, n - i, &v, &flags);
	if (!k)
		return 0;
	i += k;
	for (u = 0; units[u]; u++)
		if (rb_prefix(s + i, n - i, units[u]))
			break;
	if (!units[u])
		return 0;
	out->style = RB_STYLE_CN_ORDINAL;
	out->number = v;
	out->flags = flags;
	k = strlen(units[u]);	/* every unit fits out->unit */
	memcpy(out->unit, units[u], k + 1);
	i += k;
	if ((k = rb_prefix(s + i, n - i, "之")) > 0) {
		int ins;
		unsigned f2;
		size_t m = rb_cn_parse(s + i + k, n - i - k, &ins, &f2);

		if (m) {
			out->insert = ins;
			i += k + m;
		}
	}
	out->len = i;
	return 1;
}

/* （一） (1) (a) (iv) and mixed brackets */
static int
parse_bracketed(const char *s, size_t n, rb_style prefer, rb_label *out)
{
	uint32_t cp;
	size_t i, k, m;
	int v;
	unsigned flags = 0;

	k = decode(s, n, 0, &cp);
	if (!k || !is_open(cp))
		return 0;
	i = k;
	if ((m = rb_cn_parse(s + i, n - i, &v, &flags)) > 0) {
		out->style = flags & RB_NUM_ARABIC ? RB_STYLE_ARABIC_PAREN : RB_STYLE_CN_PAREN;
	} else if (prefer != RB_STYLE_ALPHA_LOWER && prefer != RB_STYLE_ALPHA_UPPER &&
		   ((m = parse_roman(s + i, n - i, 0, &v, prefer)) > 0 ||
		    (m = parse_roman(s + i, n - i, 1, &v, prefer)) > 0)) {
		out->style = s[i] >= 'a' ? RB_STYLE_ROMAN_LOWER : RB_STYLE_ROMAN_UPPER;
	} else if (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
		out->style = s[i] >= 'a' ? RB_STYLE_ALPHA_LOWER : RB_STYLE_ALPHA_UPPER;
		v = (s[i] | 0x20) - 'a' + 1;
		m = 1;
	} else
		return 0;
	i += m;
	k = decode(s, n, i, &cp);
	if (!k || !is_close(cp))
		return 0;
	out->number = v;
	out->flags = flags;
	out->len = i + k;
	return 1;
}

/* 1.2.3 */
static int
parse_outline(const char *s, size_t n, rb_label *out)
{
	size_t i = 0;
	int depth = 0, dot = 0;

	while (depth < 8) {
		int v = 0;
		size_t start = i;

		while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
		if (i == start || v == 0)
			return 0;
		out->outline[depth++] = v;
		if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
			i++;
		else
			break;
	}
	if (depth < 2)
		return 0;
	/* An optional trailing dot: "1.2." */
	if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))
		i++, dot = 1;
	/* 1.5% and 1.5倍 are numbers: an outline label ends the line or is
	 * followed by a space (or, with a trailing dot or from three levels
	 * on, by the text: 4.1.普通会诊). */
	if (i < n && !(rb_space_len(s + i, n - i) > 0 || ((depth >= 3 || dot) && s[i] != '%' &&
								  !(s[i] >= '0' && s[i] <= '9'))))
		return 0;
	out->style = RB_STYLE_DECIMAL_OUTLINE;
	out->depth = depth;
	out->number = out->outline[depth - 1];
	out->len = i;
	return 1;
}

/* A separator character right after a number: decides the style. */
static int
parse_numeral_then_mark(const char *s, size_t n, rb_style prefer, rb_label *out)
{
	int v;
	unsigned flags;
	size_t k, m;
	uint32_t cp;

	k = rb_cn_parse(s, n, &v, &flags);
	if (k) {
		m = decode(s, n, k, &cp);
		if (!m)
			return 0;
		if (!(flags & RB_NUM_ARABIC)) {
			if (cp != 0x3001)	/* 、 */
				return 0;
			out->style = RB_STYLE_CN_DUN;
		} else if (cp == 0x3001)
			out->style = RB_STYLE_ARABIC_DUN;
		else if (cp == '.' || cp == 0xFF0E) {
			uint32_t next;

			/* 1.5 is a number, not a label */
			if (decode(s, n, k + m, &next) && next >= '0' && next <= '9')
				return 0;
			out->style = RB_STYLE_ARABIC_DOT;
		} else if (cp == ')' || cp == 0xFF09)
			out->style = RB_STYLE_ARABIC_HALF_PAREN;
		else
			return 0;
		out->number = v;
		out->flags = flags;
		out->len = k + m;
		return 1;
	}
	/* Roman or alpha followed by . or ) : "IV." "A." "a)" "iv." */
	if (n >= 2) {
		int upper = s[0] >= 'A' && s[0] <= 'Z';
		int alpha_pref = prefer == RB_STYLE_ALPHA_LOWER || prefer == RB_STYLE_ALPHA_UPPER;

		m = alpha_pref ? 0 : parse_roman(s, n, upper, &v, prefer);
		if (m) {
			out->style = upper ? RB_STYLE_ROMAN_UPPER : RB_STYLE_ROMAN_LOWER;
		} else if ((s[0] >= 'a' && s[0] <= 'z') || upper) {
			m = 1;
			v = (s[0] | 0x20) - 'a' + 1;
			out->style = upper ? RB_STYLE_ALPHA_UPPER : RB_STYLE_ALPHA_LOWER;
		} else
			return 0;
		k = decode(s, n, m, &cp);
		if (!k || !(cp == '.' || cp == ')' || cp == 0xFF0E || cp == 0xFF09))
			return 0;
		/* "A.B" or "e.g." is prose, not a label */
		if (m + k < n && s[m + k] != ' ' && s[m + k] != '\t' && (unsigned char)s[m + k] < 0x80)
			return 0;
		out->number = v;
		out->len = m + k;
		return 1;
	}
	return 0;
}

int
rb_label_parse(const char *s, size_t n, rb_style prefer, rb_label *out)
{
	uint32_t cp;
	size_t k;
	int ok = 0, v;

	memset(out, 0, sizeof(*out));
	k = decode(s, n, 0, &cp);
	if (!k)
		return 0;
	if (cp == 0x7B2C) /* 第 */
		ok = parse_ordinal(s, n, out);
	else if (cp >= 0x3220 && cp <= 0x3229) {	/* ㈠..㈩ */
		out->style = RB_STYLE_CN_PAREN;
		out->number = (int)(cp - 0x3220 + 1);
		out->len = k;
		ok = 1;
	} else if (cp >= 0x2474 && cp <= 0x2487) {	/* ⑴..⒇ */
		out->style = RB_STYLE_ARABIC_PAREN;
		out->number = (int)(cp - 0x2474 + 1);
		out->len = k;
		ok = 1;
	} else if (cp >= 0x2488 && cp <= 0x249B) {	/* ⒈..⒛ */
		out->style = RB_STYLE_ARABIC_DOT;
		out->number = (int)(cp - 0x2488 + 1);
		out->len = k;
		ok = 1;
	} else if ((v = circled_value(cp)) > 0) {
		out->style = RB_STYLE_CIRCLED;
		out->number = v;
		out->len = k;
		ok = 1;
	} else if (is_open(cp))
		ok = parse_bracketed(s, n, prefer, out);
	else if (cp >= '0' && cp <= '9' && parse_outline(s, n, out))
		ok = 1;
	else
		ok = parse_numeral_then_mark(s, n, prefer, out);
	if (!ok || out->number <= 0) {
		memset(out, 0, sizeof(*out));
		return 0;
	}
	out->sep_len = rb_space_len(s + out->len, n - out->len);
	return 1;
}

static size_t
format_roman(int n, int upper, char *buf, size_t size)
{
	static const struct { int v; const char *s; } r[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
		{90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"},
		{5, "v"}, {4, "iv"}, {1, "i"},
	};
	size_t len = 0, i, j;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		while (n >= r[i].v) {
			for (j = 0; r[i].s[j]; j++) {
				if (len + 1 >= size)
					return 0;
				buf[len++] = upper ? (char)(r[i].s[j] - 32) : r[i].s[j];
			}
			n -= r[i].v;
		}
	buf[len] = '\0';
	return len;
}

/* a..z, aa..az, ba.. (bijective base 26) */
static size_t
format_alpha(int n, int upper, char *buf, size_t size)
{
	char tmp[16];
	size_t len = 0, i;

	while (n > 0 && len < sizeof(tmp)) {
		n--;
		tmp[len++] = (char)((upper ? 'A' : 'a') + n % 26);
		n /= 26;
	}
	if (len + 1 > size)
		return 0;
	for (i = 0; i < len; i++)
		buf[i] = tmp[len - 1 - i];
	buf[len] = '\0';
	return len;
}

/* A label being put together: on the stack, no printf (this runs for
 * every numbered clause). */
struct lbuf {
	char s[192];
	size_t n;
};

static void
lb_s(struct lbuf *b, const char *s)
{
	size_t k = strlen(s);

	if (b->n + k >= sizeof(b->s))
		k = sizeof(b->s) - 1 - b->n;
	memcpy(b->s + b->n, s, k);
	b->n += k;
	b->s[b->n] = '\0';
}

static void
lb_d(struct lbuf *b, int v)
{
	char t[25];

	t[rb_itoa(t, v)] = '\0';
	lb_s(b, t);
}

static void
lb_cn(struct lbuf *b, int v, unsigned flags)
{
	char num[64];

	rb_cn_format(v, flags, num, sizeof(num));
	lb_s(b, num);
}

size_t
rb_label_format(rb_style style, int number, int insert,
		const rb_label_opts *opts, char *buf, size_t size)
{
	char tmp[64];
	unsigned cn = opts ? opts->cn_flags & ~(unsigned)RB_CN_ASCII : 0;	/* the numerals' */
	const char *unit = opts && opts->unit ? opts->unit : "";
	int ascii = opts && (opts->cn_flags & RB_CN_ASCII);
	struct lbuf b;
	int i;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (number <= 0)
		return 0;
	b.n = 0;
	b.s[0] = '\0';
	switch (style) {
	case RB_STYLE_NONE:
		break;
	case RB_STYLE_CN_ORDINAL:
		lb_s(&b, "第");
		lb_cn(&b, number, cn);
		lb_s(&b, *unit ? unit : "条");
		if (insert > 0) {
			lb_s(&b, "之");
			lb_cn(&b, insert, cn);
		}
		break;
	case RB_STYLE_CN_DUN:
		lb_cn(&b, number, cn);
		lb_s(&b, "、");
		break;
	case RB_STYLE_CN_PAREN:
		lb_s(&b, "（");
		lb_cn(&b, number, cn);
		lb_s(&b, "）");
		break;
	case RB_STYLE_ARABIC_DUN:
		lb_d(&b, number);
		lb_s(&b, "、");
		break;
	case RB_STYLE_ARABIC_DOT:
		lb_d(&b, number);
		lb_s(&b, ".");
		break;
	case RB_STYLE_ARABIC_PAREN:
		lb_s(&b, ascii ? "(" : "（");
		lb_d(&b, number);
		lb_s(&b, ascii ? ")" : "）");
		break;
	case RB_STYLE_ARABIC_HALF_PAREN:
		lb_d(&b, number);
		lb_s(&b, ")");
		break;
	case RB_STYLE_CIRCLED:
		if (circled_cp(number)) {
			b.n = rb_utf8_encode(circled_cp(number), b.s);
			b.s[b.n] = '\0';
		} else {	/* beyond ㊿ there are no circled forms */
			lb_s(&b, "（");
			lb_d(&b, number);
			lb_s(&b, "）");
		}
		break;
	case RB_STYLE_ROMAN_UPPER:
	case RB_STYLE_ROMAN_LOWER:
		format_roman(number, style == RB_STYLE_ROMAN_UPPER, tmp, sizeof(tmp));
		if (*unit) {
			lb_s(&b, unit);
			lb_s(&b, " ");
			lb_s(&b, tmp);
		} else if (style == RB_STYLE_ROMAN_UPPER) {
			lb_s(&b, tmp);
			lb_s(&b, ".");
		} else {
			lb_s(&b, "(");
			lb_s(&b, tmp);
			lb_s(&b, ")");
		}
		break;
	case RB_STYLE_ALPHA_UPPER:
		format_alpha(number, 1, tmp, sizeof(tmp));
		lb_s(&b, tmp);
		lb_s(&b, ".");
		break;
	case RB_STYLE_ALPHA_LOWER:
		format_alpha(number, 0, tmp, sizeof(tmp));
		lb_s(&b, "(");
		lb_s(&b, tmp);
		lb_s(&b, ")");
		break;
	case RB_STYLE_DECIMAL_OUTLINE:
		if (*unit) {
			lb_s(&b, unit);
			lb_s(&b, " ");
			lb_d(&b, number);
			break;
		}
		for (i = 0; opts && i < opts->outline_n; i++) {
			lb_d(&b, opts->outline[i]);
			lb_s(&b, ".");
		}
		lb_d(&b, number);
		if (!opts || opts->outline_n == 0)
			lb_s(&b, ".");
		break;
	default:
		break;
	}
	if (b.n + 1 > size)
		return 0;
	memcpy(buf, b.s, b.n + 1);
	return b.n;
}
