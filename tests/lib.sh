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
