# Shared by the shell suites (sourced).

# JSON output without source positions: what a round trip must preserve.
positionless() {
	sed -E 's/, "line": [0-9]+, "column": [0-9]+//; s/"source": "[^"]*", //' "$1"
}

# The shared corpus, or a skip message for suite NAME when it is absent.
corpus_dir() { # NAME
	CORPUS="${RB_SHARED:-../shared}/corpus/lawrefbook"
	if [ ! -d "$CORPUS" ]; then
		echo "$1: $CORPUS not found; set RB_SHARED to the shared directory"
		echo "$1: 0 tests, 0 failed"
		exit 0
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
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "FAIL $SUITE: $*"
}
suite_end() {
	echo "$SUITE: $n tests, $failed failed"
	[ "$failed" -eq 0 ]
}
