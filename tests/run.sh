#!/bin/sh
# make check: every test suite, one summary line with the count.
set -u
BUILD=${BUILD:-build}
export BUILD
total=0
failed=0

run() {
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | tail -n 20
	# each suite ends with "NAME: N tests, M failed"
	line=$(printf '%s\n' "$out" | grep -E '^[a-z0-9]+: [0-9]+ tests, [0-9]+ failed$' | tail -n 1)
	n=$(printf '%s' "$line" | sed -E 's/^[a-z0-9]+: ([0-9]+) tests.*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	[ -n "$n" ] || { n=0; f=1; echo "$name: no summary (exit $rc)"; }
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	total=$((total + n))
	failed=$((failed + f))
}

run unit "$BUILD/test-unit"
run golden sh tests/golden/run.sh
run cli sh tests/cli/run.sh
run corpus sh tests/corpus/run.sh
run mutation sh tests/corpus/mutate.sh
run seeds sh tests/seeds/run.sh
run xref sh tests/xref/run.sh
run taiwan sh tests/taiwan/run.sh
run commonmark sh tests/commonmark/run.sh
run trust sh tests/trust/run.sh
run fmt sh tests/fmt/run.sh
run docbook sh tests/docbook/run.sh
run html sh tests/html/run.sh
run docx sh tests/docx/run.sh
run publish sh tests/publish/run.sh
run hostile sh tests/hostile/run.sh
run book sh tests/book/run.sh
run import sh tests/import/run.sh
run print sh tests/print/run.sh
run site sh tests/site/run.sh
run install sh tests/install/run.sh
run i18n sh tests/i18n/run.sh
run revise sh tests/revise/run.sh
run docs sh tests/docs/run.sh
run ci sh tests/ci/run.sh

echo "make check: $total tests, $failed failed"
[ "$failed" -eq 0 ]
