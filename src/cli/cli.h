/* The command-line front end. */
#ifndef RB_CLI_H
#define RB_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "rulebook.h"
#include "mem/mem.h"
#include "strmap.h"

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

/* More options than an enum's int has bits: these as 64-bit masks from
 * bit 40 (a command's set of options is an unsigned long long), clear of
 * whatever the enum above grows to (at most bit 30). */
#define RB_OPT_SARIF (1ull << 40)		/* --sarif FILE */
#define RB_OPT_W (1ull << 41)			/* -W [no-|error=]CODE */
#define RB_OPT_CONFIG (1ull << 42)		/* --config FILE */
#define RB_OPT_BASELINE (1ull << 43)		/* --baseline FILE */
#define RB_OPT_BASELINE_WRITE (1ull << 44)	/* --baseline-write FILE */
#define RB_OPT_FIX (1ull << 45)			/* --fix */
#define RB_OPT_DRY_RUN (1ull << 46)		/* --dry-run */
#define RB_OPT_ROOT (1ull << 47)		/* --root DIR */
#define RB_OPT_ALLOW_OUTSIDE (1ull << 48)	/* --allow-outside */
#define RB_OPT_TXT (1ull << 49)			/* --txt */

/* How diagnostics are printed (--diagnostics). */
typedef enum rb_cli_diag_format {
	RB_CLI_DIAG_GCC,
	RB_CLI_DIAG_JSON,
	RB_CLI_DIAG_SARIF,
	RB_CLI_DIAG_CODECLIMATE
} rb_cli_diag_format;

typedef struct rb_cli_fixes rb_cli_fixes;

/* What -W asked of one code. */
typedef enum rb_cli_level {
	RB_LEVEL_DEFAULT,	/* as the table says */
	RB_LEVEL_OFF,		/* not reported */
	RB_LEVEL_ON,		/* reported (undoes an earlier no-) */
	RB_LEVEL_ERROR		/* reported as an error */
} rb_cli_level;

/* What the command line asked for.  The caller sets the defaults
 * (memset, then jobs or load.threads) before rb_cli_parse. */
typedef struct rb_cli_opts {
	const char *out, *formats, *template_dir, *depfile, *reference_doc;
	int width, werror, jobs, unsafe, verbose;
	int renumber, fold_inserts, in_place, check;
	const char *pin, *markers, *target;	/* diff, amend */
	int force, split;
	rb_cli_diag_format diagnostics;
	const char *sarif;		/* --sarif FILE */
	const char *config;		/* --config FILE */
	const char *baseline, *baseline_write;
	unsigned char level[RB_D__COUNT]; /* -W, an rb_cli_level per code */
	int fix, dry_run, allow_outside, txt;
	const char *root;		/* --root DIR */
	rb_load_opts load;		/* --profile, --from, --rules */
	char **inputs;			/* the operands, at least one */
	int ninputs;
} rb_cli_opts;

/* rb_cli_parse's answer when the command is to run. */
#define RB_CLI_RUN (-1)

/* Read argv (argv[0] the command's name) with the options in accepted:
 * RB_CLI_RUN, or the exit status the command ends with (0 after --help
 * or --print-rules, 2 after a usage error, printed). */
int rb_cli_parse(const char *cmd, unsigned long long accepted, int argc, char **argv, rb_cli_opts *o);
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

/* ---- sources.c: the files diagnostics point at ---- */

typedef struct rb_cli_source rb_cli_source;
typedef struct rb_cli_sources {
	rb_strmap map;		/* file name → rb_cli_source */
	char **names;
	size_t n;
} rb_cli_sources;

void rb_cli_sources_init(rb_cli_sources *s);
void rb_cli_sources_free(rb_cli_sources *s);
/* The file read once (NULL for stdin); its text is NULL when unreadable. */
const rb_cli_source *rb_cli_source_get(rb_cli_sources *s, const char *file);
/* Line n (1-based) without its end of line, or NULL. */
const char *rb_cli_source_line(const rb_cli_source *src, unsigned n, size_t *len);
const char *rb_cli_source_text(const rb_cli_source *src, size_t *len);
size_t rb_cli_source_lines(const rb_cli_source *src);
size_t rb_cli_column_offset(const char *line, size_t len, unsigned column);
/* file without leading "./" ("" for none): regulations/a.md and
 * ./regulations/a.md are one file to a baseline or a report. */
const char *rb_cli_plain_path(const char *file);
/* 32 hex digits from the code, file and the text of the line (not its
 * number, not the message, which follows the locale): stable when the
 * file changes elsewhere. */
void rb_cli_fingerprint(rb_cli_sources *s, const rb_diag *g, unsigned occurrence, char out[33]);
/* The column after the label a numbering diagnostic stands on, or 0. */
unsigned rb_cli_end_column(rb_cli_sources *s, const rb_diag *g);

/* ---- report.c, rule_help.c: printing diagnostics ---- */

typedef struct rb_cli_report {
	int werror;
	rb_cli_sources *sources;
	const rb_cli_fixes *fixes;	/* NULL: none */
} rb_cli_report;

void rb_cli_render_report(const rb_diags *d, rb_cli_diag_format fmt, const rb_cli_report *r,
			  rb_buf *b);
/* Sort and print d as o asks: --diagnostics on stderr (check: a report
 * format on stdout), --sarif to its file.  0, or 2 when a report could
 * not be written. */
int rb_cli_report_diags(const rb_cli_opts *o, rb_diags *d, int report_to_stdout);
/* A rule's full description (NULL: only the summary) and the page. */
const char *rb_cli_rule_help(const char *code);
const char *rb_cli_docs_url(void);

/* ---- check.c ---- */

/* The files a document was read from (its own, then a handbook's
 * documents'), copied; free with rb_cli_free_files. */
char **rb_cli_doc_files(const rb_document *doc, size_t *n);
void rb_cli_free_files(char **v, size_t n);

/* ---- confine.c: untrusted sources ---- */

/* The tree input may be read from: --root, else its directory operand
 * (sub is its folder below it, as rb_cli_expand gives), else its own
 * folder; to free. */
char *rb_cli_source_root(const rb_cli_opts *o, const char *input, const char *sub);
/* 1 when every file resolves inside root (or --allow-outside); else 0
 * with an input-outside error for each that does not, and the other
 * diagnostics about those files dropped. */
int rb_cli_confine(const rb_cli_opts *o, const char *root, char **files, size_t nfiles, rb_diags *d);
/* The same for a file an option leads to: inside tree (--template's
 * folder), or with tree NULL the file's own folder (--rules), or --root. */
int rb_cli_confine_option(const rb_cli_opts *o, const char *tree, const char *path, rb_diags *d);

/* ---- config.c, suppress.c: which diagnostics are reported ---- */

/* What applies to the diagnostics of one input: an rb_cli_level per
 * code (rulebook.yaml, then -W) and the project's default profile. */
typedef struct rb_cli_rules {
	unsigned char level[RB_D__COUNT];
	const rb_profile *profile;
} rb_cli_rules;

/* The rules of input: --config or the rulebook.yaml nearest above it,
 * then -W.  -1 when the project file is unusable (reported in d once). */
int rb_cli_rules_for(const rb_cli_opts *o, const char *input, rb_cli_rules *r, rb_diags *d);
void rb_cli_config_free(void);
/* Drop the warnings r turns off or the sources' comments silence, make
 * errors of those r asks to; files are the input's sources.  Safe in
 * threads (reads no shared state). */
void rb_cli_suppress(const rb_cli_rules *r, char **files, size_t nfiles, rb_diags *d);
/* The same for the sources of a loaded document. */
void rb_cli_suppress_doc(const rb_cli_rules *r, const rb_document *doc, rb_diags *d);
/* --baseline: drop the warnings it records; --baseline-write: record
 * them all, and drop them.  0, or 2 when the file is unusable. */
int rb_cli_baseline(const rb_cli_opts *o, rb_diags *d);

/* ---- fix.c: check --fix ---- */

typedef enum rb_cli_fix_kind {
	RB_FIX_LOOKALIKE_DI,		/* 笫 → 第 */
	RB_FIX_LOOKALIKE_L,		/* l) → 1) */
	RB_FIX_LOOKALIKE_DASH,		/* 第－条 → 第一条 */
	RB_FIX_SPACE,			/* 第三十五 条 → 第三十五条 */
	RB_FIX_BRACKET_MISSING,		/* （二 → （二） */
	RB_FIX_BRACKET_MIXED,		/* （二) → （二） */
	RB_FIX_SEPARATOR_DOUBLED,	/* 三、、 → 三、 */
	RB_FIX_SEPARATOR_MISSING,	/* 8自费药 → 8、自费药 */
	RB_FIX_SEPARATOR_COMMA,		/* 二， → 二、 */
	RB_FIX_JOIN,			/* 从事以下行 ¶ 为： → 从事以下行为： */
	RB_FIX_SPLIT_ARTICLE,		/* 。 第三条 → 。 ¶ 第三条 */
	RB_FIX_SPLIT_HEADING,		/* 。第二章附则第三条 → ¶ ## 第二章 附则 ¶ 第三条 */
	RB_FIX_HEADING_NUMBER,		/* ## 法律责任 → ## 第三章 法律责任 */
	RB_FIX_ITEM_LABEL,		/* 露天烧烤食品； → （七）露天烧烤食品； */
	RB_FIX_XREF,			/* 本条例四十二条 → 本条例第四十二条 */
	RB_FIX_HEADING_MARKS,		/* 二、导弹 → ## 二、导弹 among ## 一、火炮 */
	RB_FIX__COUNT
} rb_cli_fix_kind;

struct rb_cli_fix;
/* The fixes of d's diagnostics, read from the sources at their
 * positions; to free. */
rb_cli_fixes *rb_cli_fixes_find(const rb_diags *d, rb_cli_sources *src);
void rb_cli_fixes_free(rb_cli_fixes *fx);
/* How many (and, when per_kind is not NULL, how many of each kind). */
size_t rb_cli_fixes_count(const rb_cli_fixes *fx, size_t *per_kind);
const char *rb_cli_fix_kind_name(rb_cli_fix_kind k);
const char *rb_cli_fix_describe(const struct rb_cli_fix *f);
/* A note after each diagnostic with a fix, saying what --fix does; when
 * fixing, after each gap and duplicate why it is not fixed. */
void rb_cli_fixes_notes(const rb_cli_fixes *fx, int fixing, rb_diags *d);
/* The SARIF "fixes" property of g's fix, when it has one. */
void rb_cli_fixes_sarif(rb_buf *b, const rb_cli_fixes *f, const rb_diag *g);
/* Edit the files (atomically, keeping their mode), or with dry_run
 * append a unified diff of the edits to diff.  0, or 2 when a file could
 * not be written. */
int rb_cli_fixes_apply(const rb_cli_fixes *fx, rb_cli_sources *src, int dry_run, rb_buf *diff,
		       rb_diags *d);

/* ---- build_plan.c ---- */

typedef struct rb_build_target {
	const rb_emitter *e;
	int doc;		/* index into inputs */
	char *path;
} rb_build_target;

/* The folders a build made below -o, to remove when it fails. */
typedef struct rb_build_made {
	struct {
		char *path, *first;
	} *v;
	size_t n;
} rb_build_made;

/* -f's list into fmts; 0 after a usage error (printed). */
int rb_build_formats(const char *list, const rb_emitter **fmts, int *n);
/* Decide every output path (input i's folder below its operand is
 * subs[i]); 0 or an exit status. */
int rb_build_plan(rb_cli_opts *o, int *make_dir, int n, char **inputs, char **subs,
		  const rb_emitter **fmts, int nf, rb_build_target *t);
/* Make out/subs[i] for each folder; 0 with a diagnostic when one cannot be. */
int rb_build_folders(const char *out, char **subs, int n, rb_build_made *made, rb_diags *d);
void rb_build_folders_end(rb_build_made *made, int keep);
int rb_build_depfile(const char *depfile, const rb_build_target *t, int nt, char **src,
		     size_t nsrc, rb_diags *d);

/* ---- inputs.c ---- */

/* The inputs with each directory replaced by the rulebook sources
 * (.md .markdown .yaml .yml, .txt with --txt) below it, sorted; free with
 * rb_cli_free_files.  A directory with none expands to nothing. */
typedef struct rb_cli_walk {
	int txt;		/* --txt: .txt files too */
	int skip;		/* a folder not to enter (a build's output) */
	dev_t skip_dev;
	ino_t skip_ino;
} rb_cli_walk;
/* subs (when not NULL) receives each source's folder relative to the
 * directory operand it was found in ("" for a file operand), freed the
 * same way; w may be NULL. */
char **rb_cli_expand(int n, char **inputs, const rb_cli_walk *w, char ***subs, int *nout);
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
		char *key;	/* dev:ino, the map's key */
	} *v;
	size_t n;
	rb_strmap map;		/* dev:ino → name: one look per output */
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
