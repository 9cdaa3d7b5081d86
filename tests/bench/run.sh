#!/bin/sh
# make bench: how long rulebook takes on real input, next to cmark (and
# pandoc when installed) on the same files in the same run.  Each command
# runs RUNS times; the median wall time is reported, with ratios.
set -u
BUILD=${BUILD:-build}
RB="$(pwd)/$BUILD/rulebook"
SHARED=${RB_SHARED:-../shared}
CORPUS="$SHARED/corpus/lawrefbook"
RUNS=${RUNS:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$CORPUS" ]; then
	echo "bench: $CORPUS not found; set RB_SHARED to the shared directory" >&2
	exit 2
fi
# the corpus as a list of arguments, safe for any file name
find "$CORPUS" -name '*.md' | sort >"$tmp/files"
nfiles=$(wc -l <"$tmp/files")
bytes=$(tr '\n' '\0' <"$tmp/files" | xargs -0 cat | wc -c)

now() { date +%s%N; }

# median_ms LABEL COMMAND...: run the command RUNS times (arguments: the
# corpus files are appended), print and remember the median in ms
median_ms() {
	label=$1
	shift
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(now)
		tr '\n' '\0' <"$tmp/files" | xargs -0 "$@" >/dev/null 2>&1
		t1=$(now)
		echo $(((t1 - t0) / 1000)) >>"$tmp/times"
		i=$((i + 1))
	done
	us=$(sort -n "$tmp/times" | sed -n "$(((RUNS + 1) / 2))p")
	printf '  %-44s %8.2f ms\n' "$label" "$(echo "$us" | awk '{ print $1 / 1000 }')"
	echo "$us" >"$tmp/$(echo "$label" | tr -c 'a-z0-9' '_')"
	last=$us
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: $nfiles corpus files, $bytes bytes, median of $RUNS runs"
median_ms "rulebook check (load, numbering, refs)" "$RB" check
load=$last
median_ms "rulebook build, all five formats" "$RB" build -f html,docbook,text,json,markdown -o "$tmp/out/"
build=$last
if command -v cmark >/dev/null 2>&1; then
	median_ms "cmark (parse + HTML)" cmark
	cm=$last
	echo "  load / cmark:  $(ratio "$load" "$cm")  (target < 2)"
	echo "  build / cmark: $(ratio "$build" "$cm")"
else
	echo "  cmark not installed: no ratio (run make deps-test)"
fi
if command -v pandoc >/dev/null 2>&1; then
	median_ms "pandoc -f commonmark -t html" pandoc -f commonmark -t html
	echo "  pandoc / build: $(ratio "$last" "$build")"
fi
