/*
 * Text that must stay text where canonical Markdown writes it: a line
 * that continued a paragraph (indented, or lazy in a quote or a list), or
 * the text after a list marker, would start a block of its own at the
 * left margin (***, # bar, - e, 2. , <div>).  A backslash keeps it text.
 */
#include <string.h>
#include <strings.h>

#include "rulebook.h"
#include "text/markdown.h"

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Is tag (then a blank, > or /, or the end) at s[i..n)? */
static int
has_tag(const char *s, size_t i, size_t n, const char *tag)
{
	size_t k = strlen(tag);

	return i + k <= n && !strncasecmp(s + i, tag, k) && (i + k == n || strchr(" \t>/", s[i + k]));
}

/* Does an HTML block that may interrupt a paragraph start s? */
static int
starts_html_block(const char *s, size_t n)
{
	static const char *const opening[] = { "script", "pre", "style", "textarea", NULL };
	static const char *const tags[] = {
		"address", "article", "aside", "base", "basefont", "blockquote", "body",
		"caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir",
		"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
		"frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
		"hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem",
		"nav", "noframes", "ol", "optgroup", "option", "p", "param", "section",
		"source", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title",
		"tr", "track", "ul", NULL
	};
	size_t t, i = n > 1 && s[1] == '/' ? 2 : 1;

	if (n < 2)
		return 0;
	if (s[1] == '?' || s[1] == '!')
		return 1;	/* <? <!-- <!DOCTYPE <![CDATA[ */
	for (t = 0; i == 1 && opening[t]; t++)
		if (has_tag(s, i, n, opening[t]))
			return 1;
	for (t = 0; tags[t]; t++)
		if (has_tag(s, i, n, tags[t]))
			return 1;
	return 0;
}

/* Would a line that continues a paragraph where it stands (indented, or
 * lazy in a quote or list) start a block of its own at the left margin,
 * where canonical Markdown writes it?  Returns how many of its first
 * bytes need a backslash, a number's digits counted though they stay as
 * they are (0: none). */
static size_t
starts_block(const char *s, size_t n)
{
	size_t i = 0, k = 0;
	char ch = n ? s[0] : 0;

	switch (ch) {
	case '#':
		while (i < n && s[i] == '#')
			i++;
		return i <= 6 && (i == n || s[i] == ' ' || s[i] == '\t');
	case '>':
		return 1;
	case '`':
	case '~':
		while (i < n && s[i] == ch)
			i++;
		return i >= 3 ? (ch == '`' ? i : 1) : 0;
	case '=':
	case '-':
	case '*':
	case '_':
		/* a setext underline or a thematic break */
		for (i = 0; i < n && (s[i] == ch || is_blank(s[i])); i++)
			k += s[i] == ch;
		if (i == n && (k >= 3 || ch == '=' || (ch == '-' && !memchr(s, ' ', n))))
			return 1;
		/* fall through */
	case '+':		/* a bullet; alone, an empty entry after a marker (1. *) */
		if (ch == '=' || ch == '_')
			return 0;
		for (i = 1; i < n && is_blank(s[i]); i++)
			;
		return i == n || (i > 1 && i < n);
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		/* 1. starts a list; any number a sibling entry inside one */
		while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
			i++;
		return i < n && (s[i] == '.' || s[i] == ')') &&
		       (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t') ? i + 1 : 0;
	case '<':
		return starts_html_block(s, n);
	default:
		return 0;
	}
}

void
rb_md_put_as_text(rb_buf *out, const char *s, size_t n)
{
	size_t k = starts_block(s, n), i = 0;

	while (k > 0 && i < n && s[i] >= '0' && s[i] <= '9') {
		rb_buf_putc(out, s[i++]);	/* 2. and 2) : the delimiter */
		k--;
	}
	for (; k > 0 && i < n; k--, i++) {
		rb_buf_putc(out, '\\');
		rb_buf_putc(out, s[i]);
	}
	rb_buf_put(out, s + i, n - i);
}
