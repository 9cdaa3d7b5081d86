/* rulebook: the command named first runs with the rest of the line. */
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"
#include "i18n.h"
#include "pool.h"
#include "util.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"build", rb_cmd_build},
	{"check", rb_cmd_check},
	{"fmt", rb_cmd_fmt},
	{"import", rb_cmd_import},
	{"diff", rb_cmd_diff},
	{"amend", rb_cmd_amend},
	{NULL, NULL},
};

static const struct command *
command(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	const char *cmd;

	RB_TRACE_AT("main");
	rb_i18n_init();
	if (argc < 2) {
		rb_cli_usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		rb_cli_usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("rulebook %s\n", RB_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "help")) {
		if (argc < 3) {
			rb_cli_usage(stdout);
			return 0;
		}
		if (!command(argv[2]))
			return rb_usage_error(NULL, "no help for unknown command '%s'", argv[2]);
		rb_cli_help(argv[2], stdout);
		return 0;
	}
	if ((c = command(cmd)) != NULL) {
		int status = c->run(argc - 1, argv + 1);

		/* the worker pool's threads end with the command (idle: a
		 * join each), so nothing of them outlives it */
		rb_pool_stop();
		return status;
	}
	if (cmd[0] == '-')
		return rb_usage_error(NULL, "unknown option '%s'", cmd);
	return rb_usage_error(NULL, "unknown command '%s'", cmd);
}
