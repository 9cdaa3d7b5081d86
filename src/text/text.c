/* Finding literal bytes (text.h). */
#include <string.h>

#include "text/text.h"

const char *
rb_memfind(const char *s, size_t n, const char *lit, size_t m)
{
	const char *p = s, *e = s + n;

	while ((size_t)(e - p) >= m && (p = memchr(p, lit[0], (size_t)(e - p) - m + 1)) != NULL) {
		if (memcmp(p, lit, m) == 0)
			return p;
		p++;
	}
	return NULL;
}
