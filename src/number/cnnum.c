/*
 * Chinese numerals: ordinals 1–99999999 (below 亿) in both directions.
 *
 * Canonical ordinal form (PRC): 十一 below twenty, 一百一十, 一百零一,
 * 一千零二十; trailing zeros dropped; 两 never used.  Taiwan statutes omit
 * 一 before 十 above one hundred (一百十八).
 */
#include <stdatomic.h>
#include <string.h>

#include "rulebook.h"
#include "number/cnnum.h"
#include "text/utf8.h"

static const char *const digit_s[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char *const unit_s[] = {"", "十", "百", "千"};

/* Every digit and unit is one three-byte character (the empty unit
 * aside). */
static void
put(char *buf, size_t size, size_t *len, const char *s)
{
	if (!*s)
		return;
	if (*len + 3 < size) {
		memcpy(buf + *len, s, 3);
		buf[*len + 3] = '\0';
	}
	*len += 3;
}

/* Format 0 < n < 10000; top says whether this is the leading group. */
static void
format_group(int n, unsigned flags, int top, char *buf, size_t size, size_t *len)
{
	int d[4] = {n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10};
	int i, started = !top, zero = 0;
	const char *zero_s = flags & RB_CN_LOWER_ZERO ? "〇" : "零";

	if (top && n >= 10 && n < 20) {
		put(buf, size, len, "十");
		if (d[3])
			put(buf, size, len, digit_s[d[3]]);
		return;
	}
	for (i = 0; i < 4; i++) {
		if (d[i] == 0) {
			if (started)
				zero = 1;
			continue;
		}
		if (zero) {
			put(buf, size, len, zero_s);
			zero = 0;
		}
		/* 一十 in the tens place, except where Taiwan omits it */
		if (!(i == 2 && d[i] == 1 && (flags & RB_CN_TW) && started))
			put(buf, size, len, digit_s[d[i]]);
		put(buf, size, len, unit_s[3 - i]);
		started = 1;
	}
}

static size_t
format_cn(int n, unsigned flags, char *buf, size_t size)
{
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	if (n <= 0 || n > 99999999)
		return 0;
	if (n >= 10000) {
		format_group(n / 10000, flags, 1, buf, size, &len);
		put(buf, size, &len, flags & RB_CN_TRADITIONAL ? "萬" : "万");
		n %= 10000;
		if (n == 0)
			return len < size ? len : 0;
		/* the lower group writes its own leading 零 (一万零一) */
		format_group(n, flags, 0, buf, size, &len);
	} else
		format_group(n, flags, 1, buf, size, &len);
	return len < size ? len : 0;
}

/* The canonical form (flags 0) of the numbers below MEMO, each made
 * once per process when first asked for: an ordinal of every clause is
 * parsed and checked (rb_cn_parse compares it with its canonical form)
 * and labels are made from numbers, two or three times each.  An entry is
 * claimed (1) by the thread that fills it and published (2) after; a
 * thread finding it claimed makes its own.  Ten thousand entries, 240 kB
 * at most: every article of all but the longest codes. */
#define MEMO 10000

static struct {
	atomic_uchar state;
	unsigned char len;
	char s[22];	/* 九千九百九十九: 7 characters */
} canon_memo[MEMO];

size_t
rb_cn_format(int n, unsigned flags, char *buf, size_t size)
{
	unsigned char expect = 0;
	size_t len;

	if (flags || n <= 0 || n >= MEMO)
		return format_cn(n, flags, buf, size);
	if (atomic_load_explicit(&canon_memo[n].state, memory_order_acquire) == 2) {
		len = canon_memo[n].len;
		if (len >= size) {
			if (size)
				buf[0] = '\0';
			return 0;
		}
		memcpy(buf, canon_memo[n].s, len + 1);
		return len;
	}
	len = format_cn(n, 0, buf, size);
	if (len && len < sizeof(canon_memo[n].s) &&
	    atomic_compare_exchange_strong(&canon_memo[n].state, &expect, 1)) {
		memcpy(canon_memo[n].s, buf, len + 1);
		canon_memo[n].len = (unsigned char)len;
		atomic_store_explicit(&canon_memo[n].state, 2, memory_order_release);
	}
	return len;
}

/* Classify one code point: digit value 0–9, unit power (10, 100, 1000,
 * 10000) as negative numbers, or -99 for anything else. */
static int
classify(uint32_t cp, unsigned *flags)
{
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
		return 0;
	case 0x4E00: return 1;
	case 0x4E8C: return 2;
	case 0x4E24: /* 两 */
	case 0x5169: /* 兩 */
		*flags |= RB_NUM_LIANG;
		return 2;
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	case 0x5341: return -10;	/* 十 */
	case 0x767E: return -100;	/* 百 */
	case 0x5343: return -1000;	/* 千 */
	case 0x4E07: /* 万 */
	case 0x842C: /* 萬 */
		return -10000;
	}
	return -99;
}

int
rb_cn_is_numeral(uint32_t cp)
{
	unsigned flags = 0;

	return classify(cp, &flags) != -99;
}

static size_t
parse_digits(const char *s, size_t n, int *value, unsigned *flags)
{
	size_t i = 0, k;
	uint32_t cp;
	long v = 0;

	while (i < n) {
		k = rb_utf8_next(s + i, n - i, &cp);
		if (k == 1 && cp >= '0' && cp <= '9') {
			v = v * 10 + (cp - '0');
			*flags |= RB_NUM_ARABIC;
		} else if (k == 3 && cp >= 0xFF10 && cp <= 0xFF19) {
			v = v * 10 + (cp - 0xFF10);
			*flags |= RB_NUM_ARABIC | RB_NUM_FULLWIDTH;
		} else
			break;
		if (v > 99999999)
			return 0;
		i += k;
	}
	*value = (int)v;
	return i;
}

size_t
rb_cn_parse(const char *s, size_t n, int *value, unsigned *flags)
{
	size_t i = 0, k, ndigits = 0, nunits = 0;
	long total = 0, section = 0, positional = 0;
	int digit = -1, c, last_unit = 100000;
	uint32_t cp;
	char canon[64];
	size_t clen;

	*flags = 0;
	*value = 0;
	if (n && ((s[0] >= '0' && s[0] <= '9') || (unsigned char)s[0] == 0xEF))
		if ((k = parse_digits(s, n, value, flags)) > 0)
			return k;
	*flags = 0;
	while (i < n) {
		k = rb_utf8_next(s + i, n - i, &cp);
		if (k == 0 || (c = classify(cp, flags)) == -99)
			break;
		if (c >= 0) {
			if (digit > 0 && nunits == 0)
				;	/* 一〇一: positional digits */
			else if (digit > 0)
				break;	/* two digits in a row after a unit */
			digit = c;
			ndigits++;
			positional = positional * 10 + c;
		} else {
			int unit = -c;

			if (unit == 10000) {
				total += (section + (digit > 0 ? digit : 0)) * 10000;
				section = 0;
				last_unit = 100000;
			} else {
				if (unit >= last_unit)
					break;	/* 十百: units must descend */
				if (digit <= 0 && unit != 10)
					break;	/* 百 without a digit */
				/* 十 alone, or 零十 (Taiwan: 一千零十), is one ten */
				section += (digit <= 0 ? 1 : digit) * unit;
				last_unit = unit;
			}
			nunits++;
			digit = -1;
		}
		i += k;
		if (total + section > 99999999 || positional > 99999999)
			return 0;
	}
	if (i == 0)
		return 0;
	if (nunits == 0 && ndigits > 1) {
		*value = (int)positional;
		*flags |= RB_NUM_POSITIONAL;
	} else
		*value = (int)(total + section + (digit > 0 ? digit : 0));
	if (*value == 0)
		return 0;
	/* Compare with the canonical PRC form (there is one below 亿). */
	clen = rb_cn_format(*value, 0, canon, sizeof(canon));
	if (clen != 0 && (clen != i || memcmp(canon, s, i) != 0)) {
		char lz[64];

		rb_cn_format(*value, RB_CN_LOWER_ZERO, lz, sizeof(lz));
		if (!(strlen(lz) == i && memcmp(lz, s, i) == 0))
			*flags |= RB_NUM_NONCANONICAL;
	}
	return i;
}
