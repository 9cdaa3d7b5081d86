/*
 * References as Taiwan writes them, beyond what the shared grammar
 * reads: a regulation that names its parent law 本法 (本辦法依稅捐稽徵法
 * （以下簡稱本法）第十一條之二規定訂定之) cites that law with 本法, not
 * itself; in English, Article 15-1 is an inserted article and
 * "Article 56 of the Employment Service Act" another law's.
 */
#include <string.h>

#include "rulebook.h"
#include "number/tw_label.h"
#include "text/text.h"
#include "check/check.h"

/* The word (本法, 本條例) the document's first article gives to another
 * law with 以下簡稱, or NULL. */
const char *
rb_xref_self_named_other(const rb_document *doc)
{
	static const char *const words[] = {"本法", "本條例", "本条例", NULL};
	const rb_node *n = doc->root;
	size_t k;

	/* the first article: down through the divisions that open the text */
	while (n && n->kind != RB_ARTICLE)
		n = n->first;
	if (!n || !n->text)
		return NULL;
	for (k = 0; words[k]; k++) {
		const char *p = strstr(n->text, words[k]);

		if (p && p - n->text >= 6 && (!memcmp(p - 6, "簡稱", 6) || !memcmp(p - 6, "简称", 6)))
			return words[k];
	}
	return NULL;
}

/* Is the 第 at s+i right after a law's name and the short name it is
 * given, 訴願法（以下簡稱本法）第五十二條: then it cites that law. */
int
rb_xref_after_short_name(const char *s, size_t i)
{
	size_t j;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i >= 3 && !memcmp(s + i - 3, "）", 3))
		i -= 3;
	else if (i >= 1 && s[i - 1] == ')')
		i -= 1;
	else
		return 0;
	/* back to the opening bracket, at most a short name's length */
	for (j = i; j > 0 && i - j < 60; j--)
		if ((j >= 3 && !memcmp(s + j - 3, "（", 3)) || s[j - 1] == '(')
			break;
	if (j == 0 || i - j >= 60)
		return 0;
	return rb_memfind(s + j, i - j, "簡稱", 6) != NULL || rb_memfind(s + j, i - j, "简称", 6) != NULL;
}

/* "-1" of Article 15-1: its length, the insert in *ins. */
size_t
rb_xref_en_insert(const char *s, size_t n, int *ins)
{
	size_t i = 1;

	*ins = 0;
	if (n < 2 || s[0] != '-' || s[1] < '0' || s[1] > '9')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && *ins < 10000)
		*ins = *ins * 10 + (s[i++] - '0');
	return i;
}

/* After "Article 11", does " of the Tax Collection Act" name another
 * law (an Act, Law, Code or Regulations, before the sentence goes on)? */
int
rb_xref_en_of_act(const char *s, size_t n)
{
	static const char *const kinds[] = {" Act", " Law", " Code", " Regulations", NULL};
	size_t i, e, k;

	if (!(i = rb_prefix(s, n, " of the ")) || !(s[i] >= 'A' && s[i] <= 'Z'))
		return 0;
	for (e = i; e < n && e < i + 80 && s[e] != ',' && s[e] != '.' && s[e] != ';' &&
	     s[e] != '(' && s[e] != '\n'; e++)
		;
	for (k = 0; kinds[k]; k++)
		if (rb_memfind(s + i - 1, e - i + 1, kinds[k], strlen(kinds[k])))
			return 1;
	return 0;
}

/* 第 15-1 條, 第 2 條: an article cited as the law database writes its
 * labels.  Returns the bytes read. */
size_t
rb_xref_tw_official(const char *s, size_t n, int *num, int *ins, enum ref_unit *u)
{
	rb_label lab;

	memset(&lab, 0, sizeof(lab));
	if (!rb_tw_ordinal_parse(s, n, &lab) || (strcmp(lab.unit, "條") && strcmp(lab.unit, "条")))
		return 0;
	*num = lab.number;
	*ins = lab.insert;
	*u = U_ARTICLE;
	return lab.len;
}
