/* Labels written almost right, read as meant (repair.c). */
#ifndef RB_NUMBER_REPAIR_H
#define RB_NUMBER_REPAIR_H

#include "rulebook.h"
#include "number/clause_label.h"

/* What a repair reads of where the label stands. */
typedef struct rb_repair_ctx {
	/* The number the open item sequence of style st expects next, or 0. */
	int (*expects)(void *ctx, rb_style st);
	/* The document's profile: asked only of a numeral written in a
	 * form that is not canonical (it may wait for the whole body). */
	const rb_profile *(*profile)(void *ctx);
	void *ctx;
	int has_article;	/* an article came before */
	int article_expected;	/* the number the articles expect next */
	int traditional;	/* units are written 條, 節 */
} rb_repair_ctx;

typedef struct rb_label_fix {
	rb_code code;
	size_t skip;		/* bytes of a doubled separator to drop */
	char msg[320];
} rb_label_fix;

/* A label that does not parse as written (笫十条, l), （二 …): rewritten
 * into out so that it does; returns 1 with the diagnostic in *f. */
int rb_label_repair(const rb_repair_ctx *r, const char *t, rb_buf *out, rb_label_fix *f);
/* A label that parsed but is written with mixed brackets, two separators
 * or a numeral that is not canonical: returns 1 with the diagnostic. */
int rb_label_separator_defect(const rb_repair_ctx *r, const char *t,
			      const struct clause_label *lab, rb_label_fix *f);

#endif
