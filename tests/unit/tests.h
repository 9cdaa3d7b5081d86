#ifndef RB_TESTS_H
#define RB_TESTS_H

#include <check.h>

Suite *number_suite(void);
Suite *yaml_suite(void);
Suite *text_suite(void);
Suite *md_suite(void);
Suite *import_suite(void);
Suite *xref_suite(void);

#endif
