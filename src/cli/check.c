/* rulebook check: the build without emitters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"

int
rb_cmd_check(int argc, char **argv)
{
	rb_cli_opts o;
	rb_document *doc;
	char **inputs;
	rb_diags d;
	int n, i, status;

	memset(&o, 0, sizeof(o));
	o.diagnostics = RB_DIAG_GCC;
	o.load.threads = rb_cli_cpus();
	status = rb_cli_parse("check", RB_OPT_DIAGNOSTICS | RB_OPT_WERROR | RB_OPT_PROFILE |
			      RB_OPT_FROM | RB_OPT_RULES | RB_OPT_HELP, argc, argv, &o);
	if (status != RB_CLI_RUN)
		return status;
	inputs = rb_cli_expand(o.ninputs, o.inputs, &n);
	rb_diags_init(&d);
	if (n == 0)
		rb_diag_report(&d, RB_D_INPUT_UNREADABLE, o.inputs[0], 0, 0,
			       "no rulebook sources (.md, .markdown, .yaml, .yml) found");
	/* one document at a time: checking a large tree stays small */
	for (i = 0; i < n; i++) {
		doc = rb_load_file(inputs[i], &o.load, &d);
		if (doc)
			rb_run_passes(doc, &d);
		rb_document_free(doc);
	}
	rb_cli_free_inputs(inputs, n);
	rb_cli_free_rules();
	status = rb_cli_status(&d, o.werror);
	if (o.diagnostics == RB_DIAG_GCC)
		rb_cli_print_diags(&d);
	else {
		rb_diags_sort(&d);
		rb_diags_print(&d, stdout, o.diagnostics, 0);
		if (fflush(stdout) != 0)
			status = 2;
	}
	rb_diags_free(&d);
	return status;
}
