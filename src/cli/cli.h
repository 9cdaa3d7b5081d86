/* The command-line front end. */
#ifndef RB_CLI_H
#define RB_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "rulebook.h"

int rb_cmd_build(int argc, char **argv);
int rb_cmd_check(int argc, char **argv);
int rb_cmd_fmt(int argc, char **argv);
int rb_cmd_import(int argc, char **argv);
int rb_cmd_diff(int argc, char **argv);
int rb_cmd_amend(int argc, char **argv);
/* help of diff and amend (amend.c) */
void rb_cli_help_revise(const char *cmd, FILE *out);

/* ---- common.c: options, help, diagnostics, exit status ---- */

/* The options of the one option table; a command accepts a set of them. */
enum {
	RB_OPT_FORMAT = 1u << 0,	/* -f, --format FMT[,FMT...] */
	RB_OPT_OUTPUT = 1u << 1,	/* -o, --output OUT */
	RB_OPT_TEMPLATE = 1u << 2,	/* --template DIR */
	RB_OPT_WIDTH = 1u << 3,		/* --width N */
	RB_OPT_PROFILE = 1u << 4,	/* --profile P */
	RB_OPT_WERROR = 1u << 5,	/* --werror */
	RB_OPT_JOBS = 1u << 6,		/* -j, --jobs N */
	RB_OPT_DEPFILE = 1u << 7,	/* --depfile FILE */
	RB_OPT_UNSAFE = 1u << 8,	/* --unsafe */
	RB_OPT_DIAGNOSTICS = 1u << 9,	/* --diagnostics gcc|json|sarif */
	RB_OPT_FROM = 1u << 10,		/* --from md|yaml|txt */
	RB_OPT_RULES = 1u << 11,	/* --rules FILE */
	RB_OPT_VERBOSE = 1u << 12,	/* -v, --verbose */
	RB_OPT_PRINT_RULES = 1u << 13,	/* --print-rules */
	RB_OPT_RENUMBER = 1u << 14,	/* --renumber */
	RB_OPT_FOLD_INSERTS = 1u << 15,	/* --fold-inserts */
	RB_OPT_IN_PLACE = 1u << 16,	/* -i, --in-place */
	RB_OPT_CHECK = 1u << 17,	/* --check */
	RB_OPT_HELP = 1u << 18,		/* -h, --help */
	RB_OPT_PIN = 1u << 19,		/* --pin FILE */
	RB_OPT_MARKERS = 1u << 20,	/* --markers D1,D2,I1,I2 */
	RB_OPT_TARGET = 1u << 21,	/* --target TITLE */
	RB_OPT_FORCE = 1u << 22,		/* --force */
	RB_OPT_REFERENCE_DOC = 1u << 23,	/* --reference-doc FILE.docx */
	RB_OPT_SPLIT = 1u << 24,	/* --split */
	RB_OPT_TITLE = 1u << 25,	/* --title T (import) */
	RB_OPT_KEEP_PUNCT = 1u << 26	/* --keep-punctuation (import) */
};

/* What the command line asked for.  The caller sets the defaults
 * (memset, then jobs or load.threads) before rb_cli_parse. */
typedef struct rb_cli_opts {
	const char *out, *formats, *template_dir, *depfile, *reference_doc;
	int width, werror, jobs, unsafe, verbose;
	int renumber, fold_inserts, in_place, check;
	const char *pin, *markers, *target;	/* diff, amend */
	int force, split;
	rb_diag_format diagnostics;
	rb_load_opts load;		/* --profile, --from, --rules */
	char **inputs;			/* the operands, at least one */
	int ninputs;
} rb_cli_opts;

/* rb_cli_parse's answer when the command is to run. */
#define RB_CLI_RUN (-1)

/* Read argv (argv[0] the command's name) with the options in accepted:
 * RB_CLI_RUN, or the exit status the command ends with (0 after --help
 * or --print-rules, 2 after a usage error, printed). */
int rb_cli_parse(const char *cmd, unsigned accepted, int argc, char **argv, rb_cli_opts *o);
/* The rules file --rules read, freed. */
void rb_cli_free_rules(void);

void rb_cli_usage(FILE *out);
void rb_cli_help(const char *cmd, FILE *out);

/* Print a usage error (one line) and return exit status 2. */
int rb_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print diagnostics to stderr (gcc style, colour on a terminal). */
void rb_cli_print_diags(rb_diags *d);
/* Exit status for a set of diagnostics (SPEC §5). */
int rb_cli_status(const rb_diags *d, int werror);

/* ---- inputs.c ---- */

/* The inputs with each directory replaced by the rulebook sources
 * (.md .markdown .yaml .yml) below it, sorted; free with
 * rb_cli_free_inputs.  A directory with none expands to nothing. */
char **rb_cli_expand(int n, char **inputs, int *nout);
void rb_cli_free_inputs(char **v, int n);
/* Online processors: the default of -j, and the threads a check may
 * parse one large file with. */
int rb_cli_cpus(void);

/* ---- paths.c ---- */

int rb_path_is_dir(const char *path);
/* The input's file name without directory and extension ("stdin" for
 * "-"); to free. */
char *rb_path_stem(const char *path);
/* Create path and its missing parents; *made is the first directory
 * created (NULL when it all existed), for rb_rmdir_made.  0 with a
 * diagnostic when it cannot. */
int rb_mkdir_p(const char *path, char **made, rb_diags *d);
/* build -f html --split: input's book as a site in dir (site.c); an exit
 * status. */
int rb_build_site(const char *input, const char *dir, const rb_load_opts *lo,
		  const rb_emit_opts *eo, int werror, rb_diags *d);
/* Remove the empty directories rb_mkdir_p made, from path up to made. */
void rb_rmdir_made(const char *path, const char *made);

/* The files named by paths, to refuse writing over one: each looked at
 * once (a rebuild of the corpus asked the file system about every source
 * for every output: 8,000 calls for 200 outputs). */
typedef struct rb_file_ids {
	struct rb_file_id {
		dev_t dev;
		ino_t ino;
		const char *name;
	} *v;
	size_t n;
} rb_file_ids;
void rb_file_ids_of(rb_file_ids *ids, char **paths, size_t n);
/* The name of the file in ids that path is (the same file, by any
 * name), or NULL; "-" is none, and with regular_only what is not a
 * regular file (a device may be read and written). */
const char *rb_file_ids_find(const rb_file_ids *ids, const char *path, int regular_only);
void rb_file_ids_free(rb_file_ids *ids);

/* ---- output.c ---- */

/* Atomic output (temp file + rename); stdout for "-". */
int rb_write_output(const char *path, const char *data, size_t len, rb_diags *d);
/* rb_write_output for a file edited in place: it keeps its mode. */
int rb_replace_file(const char *path, const char *data, size_t len, rb_diags *d);
void rb_cli_signals(void);

/* Many outputs, all or none.  rb_stage_open starts target i: a temp
 * file beside path (1), or nothing for stdout and devices, which are
 * written at commit (0); rb_stage_sink (with rb_stage_slot(i)) writes to
 * it as the output grows, rb_stage_close adds the rest and closes it.
 * rb_stage_commit renames them all into place; rb_stage_end removes what
 * is left.  A signal removes the temp files. */
void rb_stage_begin(size_t n);
int rb_stage_open(size_t i, const char *path, rb_diags *d);
int rb_stage_sink(void *slot, const char *data, size_t len);
void *rb_stage_slot(size_t i);
int rb_stage_close(size_t i, rb_buf *rest, rb_diags *d);
int rb_stage_commit(rb_diags *d);
void rb_stage_end(void);

#endif
