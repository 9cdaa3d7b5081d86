/*
 * Writing outputs atomically: a temp file beside the target, renamed
 * into place only when complete (or removed, the target's time updated,
 * when the target holds the same bytes).  Interrupted builds remove their
 * temp file, so a failed build never leaves a truncated or half-updated
 * file.
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
#include "mem/mem.h"
#include "cli.h"

/* A temp file beside its target; live while it exists on disk. */
struct slot {
	char tmp[PATH_MAX + 32];
	volatile sig_atomic_t live;
	char *path;		/* the target (staged outputs) */
	char *held;		/* an output kept until commit: stdout, a device */
	size_t held_len;
	int hold;		/* 1 a device, 2 stdout */
	int fd, err;		/* the temp file; the first write error */
	mode_t mode;		/* what the output is created with */
};

static struct slot one;		/* rb_write_output's */
static struct slot *staged;	/* rb_stage_*: one per target */
static volatile sig_atomic_t nstaged;
static mode_t file_mode;	/* a new file's: 0666 less the umask */
static int file_mode_known;

/* Read once, before any thread stages: umask can only be read by
 * setting it, and the umask is the process's.  Every command that writes
 * comes here (import and fmt -i, which did not, created their outputs
 * 0666 whatever the umask). */
static mode_t
new_file_mode(void)
{
	if (!file_mode_known) {
		mode_t mask = umask(0);

		umask(mask);
		file_mode = 0666 & ~mask;
		file_mode_known = 1;
	}
	return file_mode;
}

/* set first by the handler: a thread that creates a temp file after the
 * handler has looked at its slot removes it itself */
static volatile sig_atomic_t dying;

static void
on_signal(int sig)
{
	sig_atomic_t i;

	dying = 1;
	if (one.live)
		unlink(one.tmp);
	for (i = 0; i < nstaged; i++)
		if (staged[i].live)
			unlink(staged[i].tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
rb_cli_signals(void)
{
	new_file_mode();
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

/* A new temp file beside path, open in sl->fd; the slot is live (and
 * removed by a signal) from before its creation on. */
static int
open_tmp(struct slot *sl, const char *path, rb_diags *d)
{
	const char *slash = strrchr(path, '/');

	if (strlen(path) + 16 > sizeof(sl->tmp)) {
		errno = ENAMETOOLONG;
		return fail(d, path, "path too long");
	}
	if (slash)
		snprintf(sl->tmp, sizeof(sl->tmp), "%.*s/.%s.XXXXXX", (int)(slash - path), path,
			 slash + 1);
	else
		snprintf(sl->tmp, sizeof(sl->tmp), ".%s.XXXXXX", path);
	/* live before the file exists: mkstemp writes the name it tries
	 * into sl->tmp before it creates that file, so a signal between the
	 * two finds the name, where one just after mkstemp returned would
	 * have found the slot dead and left the file */
	sl->live = 1;
	sl->fd = mkstemp(sl->tmp);
	if (sl->fd < 0) {
		sl->live = 0;
		return fail(d, path, "cannot create a file in its directory");
	}
	if (dying) {	/* a signal is ending the process in another thread */
		unlink(sl->tmp);
		sl->live = 0;
	}
	sl->err = 0;
	if (fchmod(sl->fd, sl->mode) < 0)
		sl->err = errno;
	return 0;
}

/* The last bytes, then the temp file closed; on any failure (here or in
 * an earlier write) it is removed.  No fsync: the rename makes a build
 * all or nothing for whoever reads the outputs, as cc or cmark leave
 * theirs; surviving a power cut is the filesystem's (ext4 flushes a file
 * renamed over another first).  A sync cost a tenth of a build. */
static int
close_tmp(struct slot *sl, const char *path, const char *data, size_t len, rb_diags *d)
{
	int e = sl->err;

	if (!e && write_all(sl->fd, data, len) < 0)
		e = errno;
	if (close(sl->fd) < 0 && !e)
		e = errno;
	sl->fd = -1;
	if (e) {
		unlink(sl->tmp);
		sl->live = 0;
		errno = e;
		return fail(d, path, "write failed");
	}
	return 0;
}

static int
write_tmp(struct slot *sl, const char *path, const char *data, size_t len, rb_diags *d)
{
	if (open_tmp(sl, path, d) < 0)
		return -1;
	return close_tmp(sl, path, data, len, d);
}

/* Does the target hold the temp file's bytes already, as a file of ours
 * with the mode and the one name a new one would have?  Then replacing
 * it would change nothing but its inode, and cost (ext4 writes a file
 * renamed over another out at once: rebuilding the 40-file corpus spent
 * half its time there). */
static int
same_file(const char *tmp, const char *path, mode_t mode)
{
	struct stat t, p;
	char a[32768], b[sizeof(a)];
	int fa = -1, fb = -1, same = 0;
	ssize_t ka, kb;

	if (lstat(path, &p) < 0 || !S_ISREG(p.st_mode) || p.st_nlink != 1 ||
	    p.st_uid != geteuid() || (p.st_mode & 07777) != mode || stat(tmp, &t) < 0 ||
	    t.st_size != p.st_size)
		return 0;
	if ((fa = open(tmp, O_RDONLY)) < 0 || (fb = open(path, O_RDONLY)) < 0)
		goto done;
	for (;;) {
		ka = read(fa, a, sizeof(a));
		kb = ka > 0 ? read(fb, b, (size_t)ka) : 0;
		if (ka < 0 || kb != ka || memcmp(a, b, (size_t)ka) != 0)
			break;
		if (ka == 0) {
			same = 1;
			break;
		}
	}
done:
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}

/* Put a written temp file in its target's place; a target with the same
 * bytes stays, only its time updated (as if written now). */
static int
rename_tmp(struct slot *sl, const char *path, rb_diags *d)
{
	if (same_file(sl->tmp, path, sl->mode) && utimensat(AT_FDCWD, path, NULL, 0) == 0) {
		unlink(sl->tmp);
		sl->live = 0;
		return 0;
	}
	if (rename(sl->tmp, path) < 0) {
		int e = errno;

		unlink(sl->tmp);
		sl->live = 0;
		errno = e;
		return fail(d, path, "cannot replace the file");
	}
	sl->live = 0;
	return 0;
}

/* Where path goes: 0 a temp file and a rename, 1 written directly (not
 * a regular file: /dev/null, a pipe), 2 stdout, -1 cannot be written. */
static int
target_kind(const char *path, rb_diags *d)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return 2;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = 0;
			return fail(d, path, "it is a directory");
		}
		if (!S_ISREG(st.st_mode))
			return 1;
	}
	return 0;
}

static int
write_stdout(const char *data, size_t len, rb_diags *d)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		return fail(d, "<stdout>", "write failed");
	return 0;
}

/* path written with data as a file of the given mode. */
static int
write_file(const char *path, const char *data, size_t len, mode_t mode, rb_diags *d)
{
	errno = 0;
	switch (target_kind(path, d)) {
	case 2:
		return write_stdout(data, len, d);
	case 1:
		return write_direct(path, data, len, d);
	case 0:
		one.mode = mode;
		if (write_tmp(&one, path, data, len, d) < 0)
			return -1;
		return rename_tmp(&one, path, d);
	default:
		return -1;
	}
}

int
rb_write_output(const char *path, const char *data, size_t len, rb_diags *d)
{
	return write_file(path, data, len, new_file_mode(), d);
}

int
rb_replace_file(const char *path, const char *data, size_t len, rb_diags *d)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return write_file(path, data, len, st.st_mode & 07777, d);
	return rb_write_output(path, data, len, d);
}

/* ---- staged outputs: many targets, all or none ---- */

void
rb_stage_begin(size_t n)
{
	size_t i;

	staged = rb_xcalloc(n + 1, sizeof(*staged));
	for (i = 0; i <= n; i++) {
		staged[i].fd = -1;
		staged[i].mode = new_file_mode();
	}
	nstaged = (sig_atomic_t)n;
}

int
rb_stage_open(size_t i, const char *path, rb_diags *d)
{
	struct slot *sl = &staged[i];
	int k;

	errno = 0;
	sl->path = rb_xstrdup(path);
	k = target_kind(path, d);
	if (k < 0)
		return -1;
	if (k > 0) {	/* written at commit: nothing to stage it in */
		sl->hold = k;
		return 0;
	}
	return open_tmp(sl, path, d) < 0 ? -1 : 1;
}

int
rb_stage_sink(void *ctx, const char *data, size_t len)
{
	struct slot *sl = ctx;

	if (!sl->err && write_all(sl->fd, data, len) < 0)
		sl->err = errno;
	return sl->err ? -1 : 0;
}

void *
rb_stage_slot(size_t i)
{
	return &staged[i];
}

int
rb_stage_close(size_t i, rb_buf *rest, rb_diags *d)
{
	struct slot *sl = &staged[i];

	if (sl->hold) {
		sl->held_len = rest->len;
		sl->held = rb_buf_detach(rest);
		return 0;
	}
	if (!sl->live)
		return -1;
	if (close_tmp(sl, sl->path, rest->data ? rest->data : "", rest->len, d) < 0)
		return -1;
	rb_buf_free(rest);
	return 0;
}

int
rb_stage_commit(rb_diags *d)
{
	sig_atomic_t i;

	for (i = 0; i < nstaged; i++) {
		struct slot *sl = &staged[i];
		int r = 0;

		errno = 0;
		if (sl->hold == 2)
			r = write_stdout(sl->held ? sl->held : "", sl->held_len, d);
		else if (sl->hold == 1)
			r = write_direct(sl->path, sl->held ? sl->held : "", sl->held_len, d);
		else if (sl->live)
			r = rename_tmp(sl, sl->path, d);
		if (r < 0)
			return -1;
	}
	return 0;
}

void
rb_stage_end(void)
{
	sig_atomic_t i, n = nstaged;

	nstaged = 0;
	for (i = 0; i < n; i++) {
		if (staged[i].fd >= 0)
			close(staged[i].fd);
		if (staged[i].live)
			unlink(staged[i].tmp);
		free(staged[i].path);
		free(staged[i].held);
	}
	free(staged);
	staged = NULL;
}
