/* Reading input files, and checking that what a loader is given is text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "text/lines.h"
#include "input.h"
#include "i18n.h"

/* Read f whole.  With paged the buffer comes from rb_pages (mapped
 * ready when large), else from malloc. */
static char *
read_stream(FILE *f, size_t *len, int paged)
{
	struct stat st;
	size_t cap = 65536, n = 0, k;
	char *data, tmp[4096];

	/* a file's size is known: one read into a buffer of that size */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	data = paged ? rb_pages(cap) : rb_xmalloc(cap);
	for (;;) {
		if (n + 1 < cap) {
			k = fread(data + n, 1, cap - 1 - n, f);
			if (k == 0)
				break;
			n += k;
			continue;
		}
		k = fread(tmp, 1, sizeof(tmp), f);	/* full: more to come? */
		if (k == 0)
			break;
		cap = cap * 2 + k;	/* the file grew */
		data = paged ? rb_pages_grow(data, cap) : rb_xrealloc(data, cap);
		memcpy(data + n, tmp, k);
		n += k;
	}
	if (ferror(f)) {
		if (paged)
			rb_pages_free(data);
		else
			free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* Report the position of byte off in data. */
static void
report_at(rb_diags *d, rb_code code, const char *path, const char *data,
	  size_t len, size_t off, const char *msg)
{
	rb_lines l;

	rb_lines_init(&l, data, len);
	rb_diag_report(d, code, path, rb_lines_line(&l, off), rb_lines_column(&l, off),
		       "%s", msg);
	rb_lines_free(&l);
}

char *
rb_read_input(const char *path, size_t *len, int paged, rb_diags *d)
{
	FILE *f;
	char *data;
	struct stat st;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0,
				       "cannot read: is a directory");
			return NULL;
		}
		if (!(f = fopen(path, "rb"))) {
			rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0,
				       "cannot open: %s", strerror(errno));
			return NULL;
		}
	}
	data = read_stream(f, len, paged);
	if (!data) {
		rb_diag_report(d, RB_D_INPUT_UNREADABLE, path, 0, 0, "cannot read: %s",
			       strerror(errno));
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	/* A UTF-8 byte order mark is not content. */
	if (*len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(data, data + 3, *len - 3 + 1);
		*len -= 3;
	}
	return data;
}

char *
rb_read_file(const char *path, size_t *len, rb_diags *d)
{
	char *data = rb_read_input(path, len, 0, d);

	if (data && !rb_input_ok(path, data, *len, d)) {
		free(data);
		return NULL;
	}
	return data;
}

int
rb_input_ok(const char *name, const char *data, size_t len, rb_diags *d)
{
	const char *nul;
	size_t bad;

	if ((nul = memchr(data, '\0', len)) != NULL) {
		report_at(d, RB_D_INPUT_ENCODING, name, data, len, (size_t)(nul - data),
			  rb_tr("NUL byte in input; is this a binary file?"));
		return 0;
	}
	if ((bad = rb_utf8_invalid_at(data, len)) != (size_t)-1) {
		char msg[200];

		snprintf(msg, sizeof(msg), rb_tr("invalid UTF-8 (byte 0x%02X); convert the file to UTF-8"),
			 (unsigned char)data[bad]);
		report_at(d, RB_D_INPUT_ENCODING, name, data, len, bad, msg);
		return 0;
	}
	return 1;
}

