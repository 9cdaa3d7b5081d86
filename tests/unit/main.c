/* The unit test runner: every suite, one summary line. */
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "tests.h"

int
main(void)
{
	SRunner *sr = srunner_create(number_suite());
	int failed, run;

	srunner_add_suite(sr, yaml_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, md_suite());
	srunner_add_suite(sr, import_suite());
	srunner_add_suite(sr, xref_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	run = srunner_ntests_run(sr);
	srunner_free(sr);
	printf("unit: %d tests, %d failed\n", run, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
