/* check --fix: the edits of fixable diagnostics. */
#include "rulebook.h"
#include "cli.h"

void
rb_cli_fixes_sarif(rb_buf *b, const rb_cli_fixes *f, const rb_diag *g)
{
	(void)b;
	(void)f;
	(void)g;
}
