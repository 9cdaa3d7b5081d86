/* Finding literal bytes in text (text.c; rb_prefix inline: the scanners
 * call it at every position). */
#ifndef RB_TEXT_TEXT_H
#define RB_TEXT_TEXT_H

#include <stddef.h>
#include <string.h>

/* The first m-byte lit in s[0, n), or NULL (memmem is not POSIX). */
const char *rb_memfind(const char *s, size_t n, const char *lit, size_t m);

/* Does s start with the string lit?  Returns its length or 0.  (Inline:
 * the scanners call it at every position; most calls fail on the first
 * byte.) */
static inline size_t
rb_prefix(const char *s, size_t n, const char *lit)
{
	size_t m;

	if (!n || *s != *lit)
		return 0;
	m = strlen(lit);
	return m <= n && memcmp(s, lit, m) == 0 ? m : 0;
}

#endif
