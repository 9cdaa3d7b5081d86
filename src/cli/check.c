/* rulebook check: the build without emitters. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"

int
rb_cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"diagnostics", required_argument, NULL, 'd'},
		{"werror", no_argument, NULL, 'W'},
		{"profile", required_argument, NULL, 'p'},
		{"from", required_argument, NULL, 'F'},
		{"rules", required_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	rb_diag_format fmt = RB_DIAG_GCC;
	rb_load_opts lo;
	rb_document *doc;
	char **inputs;
	rb_diags d;
	int c, werror = 0, n, i, status;

	memset(&lo, 0, sizeof(lo));
	lo.threads = rb_cli_cpus();
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!strcmp(optarg, "gcc"))
				fmt = RB_DIAG_GCC;
			else if (!strcmp(optarg, "json"))
				fmt = RB_DIAG_JSON;
			else if (!strcmp(optarg, "sarif"))
				fmt = RB_DIAG_SARIF;
			else
				return rb_usage_error("check", "--diagnostics takes gcc, json or sarif, not '%s'", optarg);
			break;
		case 'W': werror = 1; break;
		case 'R':
			if (rb_cli_rules("check", optarg, &lo) != 0)
				return 2;
			break;
		case 'p':
		case 'F':
			if (rb_cli_load_opt("check", c, optarg, &lo) != 0)
				return 2;
			break;
		case 'h':
			rb_cli_help("check", stdout);
			return 0;
		case ':':
			return rb_usage_error("check", "option '%s' needs a value", argv[optind - 1]);
		default:
			return rb_usage_error("check", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return rb_usage_error("check", "no input files");
	inputs = rb_cli_expand(argc - optind, argv + optind, &n);
	rb_diags_init(&d);
	if (n == 0)
		rb_diag_report(&d, RB_D_INPUT_UNREADABLE, argv[optind], 0, 0,
			       "no rulebook sources (.md, .markdown, .yaml, .yml) found");
	/* one document at a time: checking a large tree stays small */
	for (i = 0; i < n; i++) {
		doc = rb_load_file(inputs[i], &lo, &d);
		if (doc)
			rb_run_passes(doc, &d);
		rb_document_free(doc);
	}
	rb_cli_free_inputs(inputs, n);
	status = rb_cli_status(&d, werror);
	if (fmt == RB_DIAG_GCC)
		rb_cli_print_diags(&d);
	else {
		rb_diags_sort(&d);
		rb_diags_print(&d, stdout, fmt, 0);
		if (fflush(stdout) != 0)
			status = 2;
	}
	rb_diags_free(&d);
	return status;
}
