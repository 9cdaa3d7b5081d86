/*
 * Writing outputs atomically: a temp file beside the target, renamed
 * into place only when complete.  Interrupted builds remove their temp
 * file, so a failed build never leaves a truncated or half-updated file.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rulebook.h"
#include "cli.h"

static char tmp_path[PATH_MAX + 32];
static volatile sig_atomic_t have_tmp;

static void
on_signal(int sig)
{
	if (have_tmp)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
rb_cli_signals(void)
{
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, data, len);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += k;
		len -= (size_t)k;
	}
	return 0;
}

static int
fail(rb_diags *d, const char *path, const char *what)
{
	rb_diag_report(d, RB_D_OUTPUT_WRITE, path, 0, 0, "cannot write: %s%s%s", what,
		       errno ? ": " : "", errno ? strerror(errno) : "");
	return -1;
}

/* Targets that are not regular files (/dev/null, a pipe) are written
 * directly: there is nothing to replace atomically. */
static int
write_direct(const char *path, const char *data, size_t len, rb_diags *d)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0)
		return fail(d, path, "cannot open");
	if (write_all(fd, data, len) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return fail(d, path, "write failed");
	}
	if (close(fd) < 0)
		return fail(d, path, "close failed");
	return 0;
}

int
rb_write_output(const char *path, const char *data, size_t len, rb_diags *d)
{
	struct stat st;
	const char *slash;
	mode_t mask;
	int fd;

	errno = 0;
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return fail(d, "<stdout>", "write failed");
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = 0;
			return fail(d, path, "it is a directory");
		}
		if (!S_ISREG(st.st_mode))
			return write_direct(path, data, len, d);
	}
	slash = strrchr(path, '/');
	if (strlen(path) + 16 > sizeof(tmp_path)) {
		errno = ENAMETOOLONG;
		return fail(d, path, "path too long");
	}
	if (slash)
		snprintf(tmp_path, sizeof(tmp_path), "%.*s/.%s.XXXXXX", (int)(slash - path), path,
			 slash + 1);
	else
		snprintf(tmp_path, sizeof(tmp_path), ".%s.XXXXXX", path);
	fd = mkstemp(tmp_path);
	if (fd < 0)
		return fail(d, path, "cannot create a file in its directory");
	have_tmp = 1;
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		unlink(tmp_path);
		have_tmp = 0;
		errno = e;
		return fail(d, path, "write failed");
	}
	if (close(fd) < 0 || rename(tmp_path, path) < 0) {
		int e = errno;

		unlink(tmp_path);
		have_tmp = 0;
		errno = e;
		return fail(d, path, "cannot replace the file");
	}
	have_tmp = 0;
	return 0;
}
