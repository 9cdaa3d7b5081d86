/* libFuzzer target: the numeral and label parsers.  Besides not crashing:
 * a canonical numeral reads back to what was written. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data;
	int v, v2;
	unsigned fl, fl2;
	size_t m, k;
	rb_label lab;
	char buf[128];
	int st;

	m = rb_cn_parse(s, len, &v, &fl);
	if (m > len)
		abort();
	if (m && v > 0 && v < 100000000 && !(fl & (RB_NUM_ARABIC | RB_NUM_FULLWIDTH))) {
		k = rb_cn_format(v, 0, buf, sizeof(buf));
		if (!k || rb_cn_parse(buf, k, &v2, &fl2) != k || v2 != v)
			abort();	/* what we write, we read */
	}
	for (st = 0; st < RB_STYLE__COUNT; st++)
		if (rb_label_parse(s, len, (rb_style)st, &lab) && lab.len + lab.sep_len > len)
			abort();
	/* labels we format parse back */
	if (len >= 2) {
		int n = 1 + (data[0] | (data[1] << 8)) % 2000;

		for (st = 1; st < RB_STYLE__COUNT; st++) {
			rb_label_opts o = {.unit = st == RB_STYLE_CN_ORDINAL ? "条" : NULL};

			/* letters read back up to z, circled numbers up to ㊿
			 * (beyond, the formatter falls back to another form) */
			if (((st == RB_STYLE_ALPHA_LOWER || st == RB_STYLE_ALPHA_UPPER) && n > 26) ||
			    (st == RB_STYLE_CIRCLED && n > 50) || st == RB_STYLE_DECIMAL_OUTLINE)
				continue;
			k = rb_label_format((rb_style)st, n, 0, &o, buf, sizeof(buf));
			if (k && (!rb_label_parse(buf, k, (rb_style)st, &lab) || lab.number != n))
				abort();
		}
	}
	return 0;
}
