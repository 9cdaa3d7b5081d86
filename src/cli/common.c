/* What every command shares: the one option table and the loop that
 * reads it, help and usage errors, diagnostics and the exit status. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rulebook.h"
#include "util.h"
#include "cli.h"
#include "i18n.h"

static const char usage_text[] = RB_N_(
	"usage: rulebook build  [-f FMT[,FMT...]] [-o OUT] [--template DIR] [--width N]\n"
	"                       [--profile P] [--werror] [-W [no-|error=]CODE] [-j N]\n"
	"                       [--depfile FILE] [--unsafe] [--from md|yaml|txt]\n"
	"                       [--rules FILE] [--diagnostics FMT] [--sarif FILE]\n"
	"                       [--config FILE] [--baseline FILE] [--txt]\n"
	"                       [--root DIR | --allow-outside] [--reference-doc FILE.docx]\n"
	"                       [--split] INPUT...\n"
	"       rulebook check  [--diagnostics gcc|json|sarif|codeclimate] [--sarif FILE]\n"
	"                       [--werror] [-W [no-|error=]CODE] [--config FILE]\n"
	"                       [--baseline FILE | --baseline-write FILE] [--profile P]\n"
	"                       [--fix [--dry-run]] [--from md|yaml|txt] [--rules FILE] [--txt]\n"
	"                       [--root DIR | --allow-outside] INPUT...\n"
	"       rulebook import [-o OUT] [--verbose] [--rules FILE] [--title T]\n"
	"                       [--keep-punctuation] TEXT...\n"
	"       rulebook fmt    [--renumber [--fold-inserts]] [-i | --check] INPUT...\n"
	"       rulebook diff   [-f FMT[,FMT...]] [-o OUT] [--pin FILE] OLD NEW\n"
	"       rulebook amend  [-o OUT] [--target TITLE] [--force] BASE DECISION\n"
	"       rulebook --help | --version | help COMMAND\n");

static const char help_build[] = RB_N_(
	"usage: rulebook build [options] INPUT...\n"
	"\n"
	"Compile YAML or Markdown rulebooks, or a handbook manifest, into output\n"
	"files.\n"
	"\n"
	"  -f, --format FMT[,FMT...]  output formats: html, docbook, text, json,\n"
	"                             markdown, docx (default: html,docbook,text)\n"
	"  -o, --output OUT           a file (one input, one format), '-' for stdout,\n"
	"                             or a directory (created if missing); default: .\n"
	"      --width N              text line width in columns (default 72)\n"
	"      --profile P            numbering profile: cn-law, cn-gongwen, tw-law,\n"
	"                             en-handbook (overrides the documents)\n"
	"      --werror               treat warnings as errors\n"
	"  -W no-CODE                 do not report the warning CODE (-W error=CODE:\n"
	"                             report it as an error; -W CODE: undo no-)\n"
	"      --diagnostics FMT      gcc (default), json, sarif or codeclimate, on\n"
	"                             standard error\n"
	"      --sarif FILE           also write SARIF 2.1.0 to FILE\n"
	"      --config FILE          the project file (default: the rulebook.yaml\n"
	"                             nearest above each input)\n"
	"      --baseline FILE        report only warnings FILE does not record\n"
	"      --txt                  directories stand for their .txt files too\n"
	"      --root DIR             the tree files read through an operand must be\n"
	"                             inside (default: the operand's)\n"
	"      --allow-outside        read files wherever they resolve (trusted input)\n"
	"  -j, --jobs N               N threads: inputs at a time, or the pieces,\n"
	"                             references and formats (DocBook in two parts)\n"
	"                             of one input (default: the processors; same\n"
	"                             output for any N)\n"
	"      --depfile FILE         write make dependencies of the outputs\n"
	"      --template DIR         HTML page (DIR/page.html) and style (DIR/style.css)\n"
	"      --unsafe               pass raw HTML through (for the html format)\n"
	"      --from md|yaml|txt     format of '-' (stdin); default yaml\n"
	"      --rules FILE           boilerplate rules for plain-text inputs\n"
	"      --reference-doc FILE   docx: the styles and page of this Word file\n"
	"      --split                html: a site in OUT/STEM/ (index.html, a page per\n"
	"                             document, style.css, search.js)\n"
	"\n"
	"Outputs are written atomically; an error leaves earlier outputs untouched.\n"
	"Exit status: 0 success, 1 an error (or a warning with --werror), 2 a usage\n"
	"error, unreadable input or unwritable output.\n");

static const char help_check[] = RB_N_(
	"usage: rulebook check [options] INPUT...\n"
	"\n"
	"Load and check rulebooks without writing output.\n"
	"\n"
	"      --diagnostics FMT  gcc (default, to stderr), json, sarif or\n"
	"                         codeclimate (to stdout)\n"
	"      --sarif FILE       also write SARIF 2.1.0 to FILE\n"
	"      --werror           treat warnings as errors\n"
	"  -W no-CODE             do not report the warning CODE (-W error=CODE:\n"
	"                         report it as an error; -W CODE: undo no-)\n"
	"      --config FILE      the project file (default: the rulebook.yaml\n"
	"                         nearest above each input)\n"
	"      --baseline FILE    report only warnings FILE does not record\n"
	"      --baseline-write FILE  record this run's warnings in FILE\n"
	"      --fix              edit the sources (Markdown, YAML) to fix what can be:\n"
	"                         lookalikes, a space in a label, brackets, separators\n"
	"      --dry-run          with --fix: print the edits as a diff instead\n"
	"      --txt              directories stand for their .txt files too\n"
	"      --root DIR         the tree files read through an operand must be\n"
	"                         inside (default: the operand's)\n"
	"      --allow-outside    read files wherever they resolve (trusted input)\n"
	"      --profile P        numbering profile (overrides the documents)\n"
	"      --from md|yaml|txt format of '-' (stdin)\n"
	"      --rules FILE       boilerplate rules for plain-text inputs\n");

static const char help_import[] = RB_N_(
	"usage: rulebook import [-o OUT] [--verbose] [--rules FILE] [--title T]\n"
	"                       [--keep-punctuation] TEXT...\n"
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
	"      --title T      the book's title (default: the compilation's own)\n"
	"      --keep-punctuation  keep half-width , ; : ? ! ( ) in Chinese text\n"
	"                     (default: made full-width, as Chinese is written)\n"
	"      --profile P    numbering profile for the check\n");

static const char help_fmt[] = RB_N_(
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
	"      --from md|yaml    format of '-' (stdin)\n");


void
rb_cli_usage(FILE *out)
{
	fputs(rb_tr(usage_text), out);
}

void
rb_cli_help(const char *cmd, FILE *out)
{
	if (!cmd)
		fputs(rb_tr(usage_text), out);
	else if (!strcmp(cmd, "build"))
		fputs(rb_tr(help_build), out);
	else if (!strcmp(cmd, "check"))
		fputs(rb_tr(help_check), out);
	else if (!strcmp(cmd, "import"))
		fputs(rb_tr(help_import), out);
	else if (!strcmp(cmd, "fmt"))
		fputs(rb_tr(help_fmt), out);
	else if (!strcmp(cmd, "diff") || !strcmp(cmd, "amend"))
		rb_cli_help_revise(cmd, out);
}

int
rb_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rulebook%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, rb_tr(fmt), ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, rb_tr(" (see 'rulebook help %s')\n"), cmd);
	else
		fputs(rb_tr(" (see 'rulebook --help')\n"), stderr);
	return 2;
}

/* Every option of every command; a command names the ones it accepts.
 * An option without a short form is returned by getopt as FIRST_LONG
 * plus its index. */
static const struct cli_option {
	const char *name;
	int short_name;		/* 0: none */
	int has_arg;
	unsigned long long id;
} options[] = {
	{"format", 'f', required_argument, RB_OPT_FORMAT},
	{"output", 'o', required_argument, RB_OPT_OUTPUT},
	{"template", 0, required_argument, RB_OPT_TEMPLATE},
	{"width", 0, required_argument, RB_OPT_WIDTH},
	{"profile", 0, required_argument, RB_OPT_PROFILE},
	{"werror", 0, no_argument, RB_OPT_WERROR},
	{"jobs", 'j', required_argument, RB_OPT_JOBS},
	{"depfile", 0, required_argument, RB_OPT_DEPFILE},
	{"unsafe", 0, no_argument, RB_OPT_UNSAFE},
	{"diagnostics", 0, required_argument, RB_OPT_DIAGNOSTICS},
	{"from", 0, required_argument, RB_OPT_FROM},
	{"rules", 0, required_argument, RB_OPT_RULES},
	{"verbose", 'v', no_argument, RB_OPT_VERBOSE},
	{"print-rules", 0, no_argument, RB_OPT_PRINT_RULES},
	{"renumber", 0, no_argument, RB_OPT_RENUMBER},
	{"fold-inserts", 0, no_argument, RB_OPT_FOLD_INSERTS},
	{"in-place", 'i', no_argument, RB_OPT_IN_PLACE},
	{"check", 0, no_argument, RB_OPT_CHECK},
	{"help", 'h', no_argument, RB_OPT_HELP},
	{"pin", 0, required_argument, RB_OPT_PIN},
	{"markers", 0, required_argument, RB_OPT_MARKERS},
	{"target", 0, required_argument, RB_OPT_TARGET},
	{"force", 0, no_argument, RB_OPT_FORCE},
	{"reference-doc", 0, required_argument, RB_OPT_REFERENCE_DOC},
	{"sarif", 0, required_argument, RB_OPT_SARIF},
	{"warning", 'W', required_argument, RB_OPT_W},
	{"config", 0, required_argument, RB_OPT_CONFIG},
	{"baseline", 0, required_argument, RB_OPT_BASELINE},
	{"baseline-write", 0, required_argument, RB_OPT_BASELINE_WRITE},
	{"fix", 0, no_argument, RB_OPT_FIX},
	{"dry-run", 0, no_argument, RB_OPT_DRY_RUN},
	{"root", 0, required_argument, RB_OPT_ROOT},
	{"allow-outside", 0, no_argument, RB_OPT_ALLOW_OUTSIDE},
	{"txt", 0, no_argument, RB_OPT_TXT},
	{"split", 0, no_argument, RB_OPT_SPLIT},
	{"title", 0, required_argument, RB_OPT_TITLE},
	{"keep-punctuation", 0, no_argument, RB_OPT_KEEP_PUNCT},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))
#define FIRST_LONG 256

/* The rules file of --rules (read once, kept for the process). */
static rb_import_opts rules_opts;

static int
read_rules(const char *path, rb_load_opts *lo)
{
	rb_diags d;
	size_t len;
	char *text;

	rb_diags_init(&d);
	if (!(text = rb_read_file(path, &len, &d))) {
		rb_cli_print_diags(&d);
		rb_diags_free(&d);
		return 2;
	}
	rb_diags_free(&d);
	free((char *)rules_opts.rules);
	rules_opts.rules = text;
	rules_opts.rules_name = path;
	lo->import = &rules_opts;
	return 0;
}

void
rb_cli_free_rules(void)
{
	free((char *)rules_opts.rules);
	rules_opts.rules = NULL;
}

/* -W CODE, -W no-CODE, -W error=CODE, -W no-error=CODE (as GCC). */
static int
take_w(const char *cmd, const char *arg, rb_cli_opts *o)
{
	rb_cli_level lv = RB_LEVEL_ON;
	const char *name = arg;
	int code;

	if (!strncmp(name, "no-error=", 9))
		name += 9;
	else if (!strncmp(name, "error=", 6))
		name += 6, lv = RB_LEVEL_ERROR;
	else if (!strncmp(name, "no-", 3))
		name += 3, lv = RB_LEVEL_OFF;
	code = rb_code_lookup(name);
	if (code < 0 || code == RB_D_NOTE)
		return rb_usage_error(cmd, "-W: unknown diagnostic code '%s'", name);
	if (lv != RB_LEVEL_ERROR && rb_code_severity((rb_code)code) == RB_ERROR)
		return rb_usage_error(cmd, "-W: '%s' is an error and cannot be turned off", name);
	o->level[code] = (unsigned char)lv;
	return 0;
}

/* The value of one option; 0, or an exit status (printed). */
static int
take(const char *cmd, unsigned long long id, const char *arg, rb_cli_opts *o)
{
	switch (id) {
	case RB_OPT_FORMAT: o->formats = arg; break;
	case RB_OPT_OUTPUT: o->out = arg; break;
	case RB_OPT_TEMPLATE:
		if (!rb_path_is_dir(arg))
			return rb_usage_error(cmd, "--template '%s' is not a directory", arg);
		o->template_dir = arg;
		break;
	case RB_OPT_WIDTH:
		if (!rb_parse_int(arg, 20, 10000, &o->width))
			return rb_usage_error(cmd, "--width needs a number from 20 to 10000, not '%s'", arg);
		break;
	case RB_OPT_PROFILE:
		if (!(o->load.profile = rb_profile_lookup(arg)))
			return rb_usage_error(cmd, "unknown profile '%s' (cn-law, cn-gongwen, tw-law, en-handbook)", arg);
		break;
	case RB_OPT_WERROR: o->werror = 1; break;
	case RB_OPT_JOBS:
		if (!rb_parse_int(arg, 1, 1024, &o->jobs))
			return rb_usage_error(cmd, "-j needs a positive number, not '%s'", arg);
		break;
	case RB_OPT_DEPFILE: o->depfile = arg; break;
	case RB_OPT_REFERENCE_DOC: o->reference_doc = arg; break;
	case RB_OPT_UNSAFE: o->unsafe = 1; break;
	case RB_OPT_DIAGNOSTICS:
		if (!strcmp(arg, "gcc"))
			o->diagnostics = RB_CLI_DIAG_GCC;
		else if (!strcmp(arg, "json"))
			o->diagnostics = RB_CLI_DIAG_JSON;
		else if (!strcmp(arg, "sarif"))
			o->diagnostics = RB_CLI_DIAG_SARIF;
		else if (!strcmp(arg, "codeclimate"))
			o->diagnostics = RB_CLI_DIAG_CODECLIMATE;
		else
			return rb_usage_error(cmd, "--diagnostics takes gcc, json, sarif or codeclimate, not '%s'", arg);
		break;
	case RB_OPT_SARIF: o->sarif = arg; break;
	case RB_OPT_W: return take_w(cmd, arg, o);
	case RB_OPT_CONFIG: o->config = arg; break;
	case RB_OPT_BASELINE: o->baseline = arg; break;
	case RB_OPT_BASELINE_WRITE: o->baseline_write = arg; break;
	case RB_OPT_FIX: o->fix = 1; break;
	case RB_OPT_DRY_RUN: o->dry_run = 1; break;
	case RB_OPT_ROOT:
		if (!rb_path_is_dir(arg))
			return rb_usage_error(cmd, "--root '%s' is not a directory", arg);
		o->root = arg;
		break;
	case RB_OPT_ALLOW_OUTSIDE: o->allow_outside = 1; break;
	case RB_OPT_TXT: o->txt = 1; break;
	case RB_OPT_FROM:
		if (strcmp(arg, "md") && strcmp(arg, "yaml") && strcmp(arg, "txt"))
			return rb_usage_error(cmd, "--from takes md, yaml or txt, not '%s'", arg);
		o->load.from = arg;
		break;
	case RB_OPT_RULES: return read_rules(arg, &o->load);
	case RB_OPT_TITLE:	/* the importer's options travel with the rules */
		rules_opts.title = arg;
		o->load.import = &rules_opts;
		break;
	case RB_OPT_KEEP_PUNCT:
		rules_opts.keep_punctuation = 1;
		o->load.import = &rules_opts;
		break;
	case RB_OPT_VERBOSE: o->verbose = 1; break;
	case RB_OPT_RENUMBER: o->renumber = 1; break;
	case RB_OPT_FOLD_INSERTS: o->fold_inserts = 1; break;
	case RB_OPT_IN_PLACE: o->in_place = 1; break;
	case RB_OPT_CHECK: o->check = 1; break;
	case RB_OPT_PIN: o->pin = arg; break;
	case RB_OPT_MARKERS: o->markers = arg; break;
	case RB_OPT_TARGET: o->target = arg; break;
	case RB_OPT_FORCE: o->force = 1; break;
	case RB_OPT_SPLIT: o->split = 1; break;
	}
	return 0;
}

int
rb_cli_parse(const char *cmd, unsigned long long accepted, int argc, char **argv, rb_cli_opts *o)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2] = ":";
	size_t i, nlong = 0, nshort = 1;
	int c, r;

	for (i = 0; i < NOPTIONS; i++) {
		if (!(options[i].id & accepted))
			continue;
		longopts[nlong].name = options[i].name;
		longopts[nlong].has_arg = options[i].has_arg;
		longopts[nlong].flag = NULL;
		longopts[nlong++].val = options[i].short_name ? options[i].short_name
							      : FIRST_LONG + (int)i;
		if (options[i].short_name) {
			shortopts[nshort++] = (char)options[i].short_name;
			if (options[i].has_arg == required_argument)
				shortopts[nshort++] = ':';
		}
	}
	memset(&longopts[nlong], 0, sizeof(longopts[nlong]));
	shortopts[nshort] = '\0';
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct cli_option *opt = NULL;

		if (c >= FIRST_LONG)
			opt = &options[c - FIRST_LONG];
		else
			for (i = 0; i < NOPTIONS && !opt; i++)
				if (c != ':' && c != '?' && options[i].short_name == c &&
				    (options[i].id & accepted))
					opt = &options[i];
		if (c == ':')
			return rb_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		if (!opt)
			return rb_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
		if (opt->id == RB_OPT_HELP) {
			rb_cli_help(cmd, stdout);
			return 0;
		}
		if (opt->id == RB_OPT_PRINT_RULES) {
			/* the rules read so far: --rules FILE --print-rules shows FILE's */
			fputs(rules_opts.rules ? rules_opts.rules : rb_import_rules_default, stdout);
			return fflush(stdout) == 0 ? 0 : 2;
		}
		if ((r = take(cmd, opt->id, optarg, o)) != 0)
			return r;
	}
	if (optind >= argc)
		return rb_usage_error(cmd, "no input files");
	/* known only now: --root or --allow-outside may follow --rules */
	if (rules_opts.rules_name) {
		rb_diags d;

		rb_diags_init(&d);
		r = rb_cli_confine_option(o, NULL, rules_opts.rules_name, &d);
		rb_cli_print_diags(&d);
		rb_diags_free(&d);
		if (!r)
			return 2;
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	return RB_CLI_RUN;
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
