/* What SARIF says of each rule beyond its one-line summary: the help
 * code scanning shows next to a result, and where the page is. */
#include <string.h>

#include "rulebook.h"
#include "cli.h"

#ifndef RB_DOCS_URL
#define RB_DOCS_URL "file:///usr/local/share/doc/rulebook/diagnostics.md"
#endif

static const struct {
	const char *code, *text;
} help[] = {
	{"numbering-gap", "A number is skipped (第五条 then 第七条). Restore the missing clause, "
	 "or renumber with `rulebook fmt --renumber` (in YAML drop `number:`)."},
	{"numbering-duplicate", "The same number twice among siblings. Renumber with "
	 "`rulebook fmt --renumber`, or remove the duplicate."},
	{"numbering-order", "A number goes backwards; two clauses swapped are one defect, and a run "
	 "that restarts (most often a lost heading) is reported at its first clause."},
	{"numbering-start", "A sequence does not start at 1 or at the declared start. A document "
	 "that begins mid-sequence declares `start: N`."},
	{"numbering-style", "A clause uses another numbering style than its siblings (3、 among "
	 "一、). Write it in its siblings' style."},
	{"numbering-separator", "A separator is missing, doubled or mixed (8自费药, 2.、, 二,). "
	 "Write the separator its siblings use."},
	{"numbering-numeral", "A malformed numeral or a lookalike character (第三十已条, l), 笫, －). "
	 "Write the label as suggested; fmt --renumber leaves such a label alone."},
	{"xref-unresolved", "An internal reference (第N条, 前款, 本条第N项...) names no clause of the "
	 "document. Correct the number, or restore the clause it names."},
	{"input-unreadable", "The input cannot be read: a missing file, a directory, no permission."},
	{"input-encoding", "The input is not valid UTF-8 text. Convert it to UTF-8."},
	{"input-syntax", "The input is not well-formed YAML or Markdown front matter. Fix the "
	 "syntax at the position given."},
	{"input-unknown-key", "A key the format does not define, most often misspelt. Deliberate "
	 "extra metadata goes under `meta:`."},
	{"input-type", "A value of the wrong type. Give it the type docs/format.md defines."},
	{"input-value", "A value out of range or not recognised. Use one of the values named."},
	{"input-duplicate-id", "Two clauses state the same id, so a reference to it would be "
	 "ambiguous. Rename one."},
	{"input-depth", "Clauses nested deeper than the limit; the deeper content is not loaded. "
	 "Flatten the structure."},
	{"input-format", "The input format is not known. Convert it to Markdown or YAML, or "
	 "extract its text to a .txt file to import it."},
	{"output-write", "An output file cannot be written (no permission, a full disk, an output "
	 "that would overwrite an input, libxml2 missing for HTML or DocBook)."},
};

const char *
rb_cli_rule_help(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(help) / sizeof(help[0]); i++)
		if (!strcmp(help[i].code, code))
			return help[i].text;
	return NULL;
}

const char *
rb_cli_docs_url(void)
{
	return RB_DOCS_URL;
}
