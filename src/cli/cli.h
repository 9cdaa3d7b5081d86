/* The command-line front end. */
#ifndef RB_CLI_H
#define RB_CLI_H

#include "rulebook.h"

int rb_cmd_build(int argc, char **argv);
int rb_cmd_check(int argc, char **argv);
int rb_cmd_fmt(int argc, char **argv);
int rb_cmd_import(int argc, char **argv);
/* --rules FILE: the importer's boilerplate rules for plain-text inputs;
 * fills lo, or prints the diagnostic and returns 2. */
int rb_cli_rules(const char *cmd, const char *path, rb_load_opts *lo);
void rb_cli_help(const char *cmd, FILE *out);

/* Print a usage error (one line) and return exit status 2. */
int rb_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --profile (opt 'p') and --from (opt 'F'), shared by build and check:
 * fills lo, or prints a usage error and returns 2. */
int rb_cli_load_opt(const char *cmd, int opt, const char *arg, rb_load_opts *lo);

/* Print diagnostics to stderr (gcc style, colour on a terminal). */
void rb_cli_print_diags(rb_diags *d);
/* Exit status for a set of diagnostics (SPEC §5). */
int rb_cli_status(const rb_diags *d, int werror);

void rb_cli_free_docs(rb_document **docs, int n);

/* The inputs with each directory replaced by the rulebook sources
 * (.md .markdown .yaml .yml) below it, sorted; free with
 * rb_cli_free_inputs.  A directory with none expands to nothing. */
char **rb_cli_expand(int n, char **inputs, int *nout);
void rb_cli_free_inputs(char **v, int n);

/* Atomic output (temp file + rename); stdout for "-". */
int rb_write_output(const char *path, const char *data, size_t len, rb_diags *d);
/* rb_write_output for a file edited in place: it keeps its mode. */
int rb_replace_file(const char *path, const char *data, size_t len, rb_diags *d);
void rb_cli_signals(void);
/* Online processors (1–64): the default of -j, and the threads a check
 * may parse one large file with. */
int rb_cli_cpus(void);

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
