/*
 * timeit COMMAND [ARG...]: run the command once, its output to /dev/null,
 * and print its wall time in microseconds, its peak resident memory in
 * kilobytes and its processor time (user + system) in microseconds:
 * "12345 30120 9876".  Processor time is what a busy machine sways least.  The clock starts just before the fork and
 * stops when the command has exited, so the figure is the command's own
 * (make bench timed with date(1) on either side counted two more
 * processes).  Exit status: the command's, or 2 when it could not run.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, null;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: timeit COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 2;
	}
	if (pid == 0) {
		if ((null = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timeit: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld %ld %lld\n",
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000,
	       ru.ru_maxrss,
	       (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
		       ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	if (WIFEXITED(status))
		return WEXITSTATUS(status) == 127 ? 2 : WEXITSTATUS(status);
	return 2;
}
