/* Messages in the reader's language (see i18n.h). */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

#include "i18n.h"

#ifndef RB_LOCALEDIR
#define RB_LOCALEDIR "/usr/local/share/locale"
#endif

void
rb_i18n_init(void)
{
	/* RULEBOOK_LOCALEDIR: catalogs not yet installed (the build tree) */
	const char *dir = getenv("RULEBOOK_LOCALEDIR");

	setlocale(LC_MESSAGES, "");
	bindtextdomain("rulebook", dir && *dir ? dir : RB_LOCALEDIR);
	bind_textdomain_codeset("rulebook", "UTF-8");
}

const char *
rb_tr(const char *msgid)
{
	return dgettext("rulebook", msgid);
}

const char *
rb_ntr(const char *singular, const char *plural, unsigned long n)
{
	return dngettext("rulebook", singular, plural, n);
}
