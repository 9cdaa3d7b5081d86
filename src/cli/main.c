/* rulebook: the command named first runs with the rest of the line. */
#include <cmark.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

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

/* The libraries this run would use, as a bug report needs them: libxml2
 * is opened only to render HTML or DocBook, so it is opened here to ask. */
static void
print_version(void)
{
	void *h = dlopen(RB_LIBXML2, RTLD_LAZY | RTLD_LOCAL);
	const char *const *xml = h ? (const char *const *)dlsym(h, "xmlParserVersion") : NULL;

	printf("rulebook %s\n", RB_VERSION);
	printf("libyaml %s\n", yaml_get_version_string());
	printf("cmark %s\n", cmark_version_string());
	if (xml && *xml) {
		long v = strtol(*xml, NULL, 10);	/* 20914 is 2.9.14 */

		printf("libxml2 %ld.%ld.%ld (%s, opened for HTML and DocBook)\n",
		       v / 10000, v / 100 % 100, v % 100, RB_LIBXML2);
	} else
		printf("libxml2 not found (%s): HTML and DocBook cannot be written\n", RB_LIBXML2);
	if (h)
		dlclose(h);
}

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
		print_version();
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
