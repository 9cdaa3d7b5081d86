/* rulebook amend: a decision applied to the text it amends, written as
 * the consolidated text in canonical Markdown (SPEC §9); and the help of
 * diff and amend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "cli.h"
#include "i18n.h"
#include "revise/revise.h"

static const char help_diff[] = RB_N_(
	"usage: rulebook diff [-f FMT[,FMT...]] [-o OUT] [--pin FILE] OLD NEW\n"
	"\n"
	"Compare two versions of a rulebook: articles, chapters and sections are\n"
	"matched by content even when renumbered or moved.\n"
	"\n"
	"  -f, --format FMT[,FMT...]  html, docbook, text (comparison tables), json\n"
	"                             (the alignment), decision (a 修改决定 in\n"
	"                             Markdown); default text\n"
	"  -o, --output OUT           a file (one format), '-' for stdout (default),\n"
	"                             or a directory for several formats\n"
	"      --pin FILE             'old-label = new-label' lines: matches to keep\n"
	"      --markers D1,D2,I1,I2  text: around deleted and inserted words\n"
	"                             (default [-,-],{+,+})\n"
	"      --profile P            numbering profile (overrides the documents)\n");

static const char help_amend[] = RB_N_(
	"usage: rulebook amend [-o OUT] [--target TITLE] [--force] BASE DECISION\n"
	"\n"
	"Apply an amendment decision (修改决定, 修正案) to BASE and write the\n"
	"consolidated text as canonical Markdown, renumbered, references\n"
	"following, with the 题注 line added.  A sentence that cannot be parsed\n"
	"or applied is an amend-* error at its place in DECISION, and nothing is\n"
	"written.\n"
	"\n"
	"  -o, --output OUT   the consolidated text (default: stdout)\n"
	"      --target TITLE the document of an omnibus decision to apply\n"
	"                     (default: BASE's title)\n"
	"      --force        write the text even when sentences failed\n"
	"      --profile P    numbering profile (overrides the documents)\n");

void
rb_cli_help_revise(const char *cmd, FILE *out)
{
	fputs(rb_tr(!strcmp(cmd, "diff") ? help_diff : help_amend), out);
}

int
rb_cmd_amend(int argc, char **argv)
{
	int status;
	rb_cli_opts o;
	rb_document *base = NULL;
	rb_diags d;
	char *text = NULL;
	size_t len = 0;

	memset(&o, 0, sizeof(o));
	status = rb_cli_parse("amend", RB_OPT_OUTPUT | RB_OPT_TARGET | RB_OPT_FORCE | RB_OPT_PROFILE |
			      RB_OPT_HELP, argc, argv, &o);
	if (status != RB_CLI_RUN)
		return status;
	if (o.ninputs != 2)
		return rb_usage_error("amend", "amend takes two inputs, BASE and DECISION");
	rb_diags_init(&d);
	base = rb_load_file(o.inputs[0], &o.load, &d);
	if (base && base->root->kind == RB_BOOK) {
		rb_diag_report(&d, RB_D_INPUT_FORMAT, o.inputs[0], 0, 0,
			       "amend applies a decision to one rulebook, not a handbook manifest");
		rb_document_free(base);
		base = NULL;
	}
	if (base)
		rb_run_passes(base, &d);
	text = rb_read_file(o.inputs[1], &len, &d);
	if (base && text && !d.errors) {
		rb_buf buf;
		size_t failed;

		rb_buf_init(&buf);
		failed = rv_amend(base, o.inputs[1], text, len, o.target, &buf, &d);
		if (!failed || o.force)
			rb_write_output(o.out ? o.out : "-", buf.data ? buf.data : "", buf.len, &d);
		rb_buf_free(&buf);
	}
	status = rb_cli_status(&d, 0);
	rb_cli_print_diags(&d);
	rb_diags_free(&d);
	rb_document_free(base);
	free(text);
	return status;
}
