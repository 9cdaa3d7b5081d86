/* stub */
#include "rulebook.h"
#include "revise/revise.h"
size_t
rv_amend(rb_document *base, const char *dname, const char *decision, size_t len,
	 const char *target, rb_buf *out, rb_diags *d)
{
	(void)base; (void)dname; (void)decision; (void)len; (void)target; (void)out; (void)d;
	return 0;
}
