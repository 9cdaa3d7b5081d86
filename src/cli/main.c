/* rulebook: command dispatch, help, shared helpers of the front end. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rulebook.h"
#include "cli.h"
#include "util.h"

static const char usage_text[] =
	"usage: rulebook build  [-f FMT[,FMT...]] [-o OUT] [--template DIR] [--width N]\n"
	"                       [--profile P] [--werror] [-j N] [--depfile FILE]\n"
	"                       [--unsafe] [--from md|yaml|txt] [--rules FILE] INPUT...\n"
	"       rulebook check  [--diagnostics gcc|json|sarif] [--werror] [--profile P]\n"
	"                       [--from md|yaml|txt] [--rules FILE] INPUT...\n"
	"       rulebook import [-o OUT] [--verbose] [--rules FILE] TEXT...\n"
	"       rulebook fmt    [--renumber [--fold-inserts]] [-i | --check] INPUT...\n"
	"       rulebook --help | --version | help COMMAND\n";

static const char help_build[] =
	"usage: rulebook build [options] INPUT...\n"
	"\n"
	"Compile YAML or Markdown rulebooks, or a handbook manifest, into output\n"
	"files.\n"
	"\n"
	"  -f, --format FMT[,FMT...]  output formats: html, docbook, text, json,\n"
	"                             markdown (default: html,docbook,text)\n"
	"  -o, --output OUT           a file (one input, one format), '-' for stdout,\n"
	"                             or a directory (created if missing); default: .\n"
	"      --width N              text line width in columns (default 72)\n"
	"      --profile P            numbering profile: cn-law, cn-gongwen, tw-law,\n"
	"                             en-handbook (overrides the documents)\n"
	"      --werror               treat warnings as errors\n"
	"  -j, --jobs N               N threads: inputs at a time, or the pieces,\n"
	"                             references and formats (DocBook in two parts)\n"
	"                             of one input (default: the processors; same\n"
	"                             output for any N)\n"
	"      --depfile FILE         write make dependencies of the outputs\n"
	"      --template DIR         HTML page (DIR/page.html) and style (DIR/style.css)\n"
	"      --unsafe               pass raw HTML through (for the html format)\n"
	"      --from md|yaml|txt     format of '-' (stdin); default yaml\n"
	"      --rules FILE           boilerplate rules for plain-text inputs\n"
	"\n"
	"Outputs are written atomically; an error leaves earlier outputs untouched.\n"
	"Exit status: 0 success, 1 an error (or a warning with --werror), 2 a usage\n"
	"error, unreadable input or unwritable output.\n";

static const char help_check[] =
	"usage: rulebook check [options] INPUT...\n"
	"\n"
	"Load and check rulebooks without writing output.\n"
	"\n"
	"      --diagnostics FMT  gcc (default, to stderr), json or sarif (to stdout)\n"
	"      --werror           treat warnings as errors\n"
	"      --profile P        numbering profile (overrides the documents)\n"
	"      --from md|yaml|txt format of '-' (stdin)\n"
	"      --rules FILE       boilerplate rules for plain-text inputs\n";

static const char help_import[] =
	"usage: rulebook import [-o OUT] [--verbose] [--rules FILE] TEXT...\n"
	"\n"
	"Import legacy plain-text regulations (a web page, a PDF extraction, a\n"
	"compilation of many regulations) as a canonical Markdown book: parts,\n"
	"regulations, preambles and clauses, hard wraps joined, page numbers,\n"
	"running headers, tables of contents and site boilerplate dropped.  The\n"
	"numbering is checked; diagnostics point at lines of the text.\n"
	"\n"
	"  -o, --output OUT   a file (one input), '-' for stdout, or a directory\n"
	"                     (created if missing) for STEM.md; default: .\n"
	"  -v, --verbose      list every dropped line, and what was found\n"
	"      --rules FILE   boilerplate rules (default: the built-in ones)\n"
	"      --print-rules  print the rules in use, to copy and edit\n"
	"      --profile P    numbering profile for the check\n";

static const char help_fmt[] =
	"usage: rulebook fmt [--renumber [--fold-inserts]] [-i | --check] INPUT...\n"
	"\n"
	"Rewrite rulebook sources.  Without --renumber: a Markdown rulebook in\n"
	"canonical Markdown.  With --renumber: the source (Markdown or YAML) with\n"
	"every stated number made consecutive and every internal reference\n"
	"rewritten to match; nothing else changes.  The old -> new concordance\n"
	"goes to standard error.\n"
	"\n"
	"      --renumber        make the numbering consecutive\n"
	"      --fold-inserts    number 之N insertions into the sequence\n"
	"  -i, --in-place        edit the files (atomically) instead of printing\n"
	"      --check           change nothing; exit 1 when a file would change\n"
	"      --profile P       numbering profile (overrides the documents)\n"
	"      --from md|yaml    format of '-' (stdin)\n";

void
rb_cli_help(const char *cmd, FILE *out)
{
	if (!cmd)
		fputs(usage_text, out);
	else if (!strcmp(cmd, "build"))
		fputs(help_build, out);
	else if (!strcmp(cmd, "check"))
		fputs(help_check, out);
	else if (!strcmp(cmd, "import"))
		fputs(help_import, out);
	else if (!strcmp(cmd, "fmt"))
		fputs(help_fmt, out);
}

int
rb_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rulebook%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, " (see 'rulebook help %s')\n", cmd);
	else
		fputs(" (see 'rulebook --help')\n", stderr);
	return 2;
}

int
rb_cli_load_opt(const char *cmd, int opt, const char *arg, rb_load_opts *lo)
{
	if (opt == 'p') {
		if (!(lo->profile = rb_profile_lookup(arg)))
			return rb_usage_error(cmd, "unknown profile '%s' (cn-law, cn-gongwen, tw-law, en-handbook)", arg);
		return 0;
	}
	if (strcmp(arg, "md") && strcmp(arg, "yaml") && strcmp(arg, "txt"))
		return rb_usage_error(cmd, "--from takes md, yaml or txt, not '%s'", arg);
	lo->from = arg;
	return 0;
}

void
rb_cli_print_diags(rb_diags *d)
{
	const char *nc = getenv("NO_COLOR");
	int colour = isatty(STDERR_FILENO) && !(nc && *nc);

	rb_diags_sort(d);
	rb_diags_print(d, stderr, RB_DIAG_GCC, colour);
}

int
rb_cli_status(const rb_diags *d, int werror)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (rb_code_fatal(d->v[i].code))
			return 2;
	if (d->errors || (werror && d->warnings))
		return 1;
	return 0;
}

void
rb_cli_free_docs(rb_document **docs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		rb_document_free(docs[i]);
	free(docs);
}

int
main(int argc, char **argv)
{
	const char *cmd;

	RB_TRACE_AT("main");
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("rulebook %s\n", RB_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "help")) {
		if (argc < 3) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(argv[2], "build") && strcmp(argv[2], "check") &&
		    strcmp(argv[2], "import") && strcmp(argv[2], "fmt"))
			return rb_usage_error(NULL, "no help for unknown command '%s'", argv[2]);
		rb_cli_help(argv[2], stdout);
		return 0;
	}
	if (!strcmp(cmd, "build"))
		return rb_cmd_build(argc - 1, argv + 1);
	if (!strcmp(cmd, "check"))
		return rb_cmd_check(argc - 1, argv + 1);
	if (!strcmp(cmd, "fmt"))
		return rb_cmd_fmt(argc - 1, argv + 1);
	if (!strcmp(cmd, "import"))
		return rb_cmd_import(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return rb_usage_error(NULL, "unknown option '%s'", cmd);
	return rb_usage_error(NULL, "unknown command '%s'", cmd);
}
