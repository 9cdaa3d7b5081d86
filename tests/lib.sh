# Shared by the shell suites (sourced).

# JSON output without source positions: what a round trip must preserve.
positionless() {
	sed -E 's/, "line": [0-9]+, "column": [0-9]+//; s/"source": "[^"]*", //' "$1"
}

# The 40 real laws of tests/data/laws (see tests/data/README.md) and the
# five anonymised seed compilations of tests/data/seeds.
corpus_dir() { # NAME
	CORPUS="$(pwd)/tests/data/laws"
	SEEDS="$(pwd)/tests/data/seeds"
	if [ ! -d "$CORPUS" ] || [ ! -d "$SEEDS" ]; then
		echo "FAIL $1: tests/data is missing (run the suites from the top of the checkout)"
		echo "$1: 1 tests, 1 failed"
		exit 1
	fi
}

# A suite's binary ($RB), counters, scratch directory and report:
#   suite NAME; ... ok / fail "what" ...; suite_end
suite() { # NAME
	SUITE=$1
	BUILD=${BUILD:-build}
	RB="$(pwd)/$BUILD/rulebook"
	LC_ALL=C.UTF-8
	export LC_ALL
	n=0
	failed=0
	tmp=$(mktemp -d)
	trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
}
ok() { n=$((n + 1)); }
# expect STATUS DESCRIPTION -- COMMAND...: runs, keeps stdout/stderr in $tmp
expect() {
	want=$1
	what=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		fail "$what: exit $rc, wanted $want"
		sed 's/^/    /' "$tmp/err" | head -n 5
	fi
}
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "FAIL $SUITE: $*"
}
suite_end() {
	echo "$SUITE: $n tests, $failed failed"
	[ "$failed" -eq 0 ]
}
