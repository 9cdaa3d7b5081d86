/* Which clause a label opens (clause_label.c): for the Markdown loader and
 * the repair of labels. */
#ifndef RB_NUMBER_CLAUSE_LABEL_H
#define RB_NUMBER_CLAUSE_LABEL_H

#include <stddef.h>

#include "rulebook.h"

enum clause_kind { L_NONE, L_PART, L_SUBPART, L_CHAPTER, L_SECTION, L_ARTICLE, L_ITEM, L_OUTLINE };

struct clause_label {
	enum clause_kind kind;
	rb_label l;
	const char *unit;	/* static or label's own */
};

/* What the label at the start of s makes of its block (0: none, or one
 * that starts a sentence, 第二款…).  prefer decides (i): letter or roman. */
int rb_classify_label(const char *s, size_t n, rb_style prefer, struct clause_label *out);

#endif
