/* Messages in the reader's language (GNU gettext, domain "rulebook"):
 * the catalogs of po/ — zh_CN, and zh_TW (also used for zh_HK and
 * zh_MO) — chosen by LC_MESSAGES (LC_ALL, LANG, LANGUAGE).  Diagnostic
 * codes, option names and output formats are never translated. */
#ifndef RB_I18N_H
#define RB_I18N_H

/* Choose the language of messages from the environment (the program's
 * start; the library alone uses the system's catalogs, if any).  Only
 * LC_MESSAGES is set: how text is read, sorted and written does not
 * depend on the reader's locale. */
void rb_i18n_init(void);
/* msgid in the reader's language (msgid itself when there is none). */
const char *rb_tr(const char *msgid);
/* The singular or the plural msgid for n, in the reader's language. */
const char *rb_ntr(const char *singular, const char *plural, unsigned long n);
/* Marks a string for the catalogs where it is not translated at once
 * (a table's initialiser); rb_tr translates it where it is used. */
#define RB_N_(s) s

#endif
