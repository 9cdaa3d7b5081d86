#!/bin/sh
# make bench (BENCH=files: only the many-files part): how long rulebook takes on real input, next to cmark (and
# pandoc when installed) on the same files in the same run.  Each command
# runs RUNS times; the median wall time is reported, with ratios.
set -u
BUILD=${BUILD:-build}
RB="$(pwd)/$BUILD/rulebook"
CORPUS="$(pwd)/tests/data/laws"
RUNS=${RUNS:-21}
tmp=$(mktemp -d)
# Outputs go to a RAM file system when there is one: cmark and pandoc
# write to /dev/null, and the time a disk file system takes to create
# files depends on its past (ext4 without a journal searches past every
# inode deleted in the last minutes: each run's deleted outputs slowed the
# next run's 200 file creations, by a third of the build's time).
out=$(mktemp -d /dev/shm/rulebook-bench.XXXXXX 2>/dev/null) || out=$tmp
trap 'rm -rf "$tmp" "$out"' EXIT

if [ ! -d "$CORPUS" ]; then
	echo "bench: $CORPUS not found (run from the top of the checkout)" >&2
	exit 2
fi
# the corpus as a list of arguments, safe for any file name
find "$CORPUS" -name '*.md' | sort >"$tmp/files"
nfiles=$(wc -l <"$tmp/files")
bytes=$(tr '\n' '\0' <"$tmp/files" | xargs -0 cat | wc -c)

# timeit (tests/bench/timeit.c): a command's own wall time in
# microseconds and its peak memory in kB, measured around fork and wait
TIMEIT="$(pwd)/$BUILD/timeit"

# median FILE: the median of the numbers in FILE, one a line
median() { sort -n "$1" | sed -n "$((($(wc -l <"$1") + 1) / 2))p"; }
# show LABEL MICROSECONDS
show() { printf '  %-44s %8.2f ms\n' "$1" "$(echo "$2" | awk '{ print $1 / 1000 }')"; }
# timed N LABEL COMMAND...: run the command N times under timeit, print
# and remember ($last, microseconds) the median wall time.  Each run
# builds into an empty directory, as CI on a clean checkout does (cmark
# and pandoc write to /dev/null): removing the last run's outputs is not
# timed.
timed() {
	n=$1
	label=$2
	shift 2
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$n" ]; do
		rm -rf "$out/out" "$out/so"
		"$@" </dev/null | cut -d' ' -f1 >>"$tmp/times"
		i=$((i + 1))
	done
	last=$(median "$tmp/times")
	show "$label" "$last"
}

# the corpus files appended to a timed command, safe for any file name
on_corpus() { tr '\n' '\0' <"$tmp/files" | xargs -0 "$TIMEIT" "$@"; }
median_ms() { # LABEL COMMAND...: on the corpus, RUNS times
	label=$1
	shift
	timed "$RUNS" "$label" on_corpus "$@"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Many small files: a publisher's tree is thousands of one-article
# regulations, and a build's cost must grow with their number, not its
# square (every output path against every other, every output against
# every input, was 0.73 s for 6,000).  2,000 and 16,000 files in folders
# of 100, built as one directory to HTML and JSON.
many_files() { # N DIR
	mkdir -p "$2"
	awk -v n="$1" -v dir="$2" 'BEGIN {
		for (i = 0; i < n; i++) {
			d = sprintf("%s/d%03d", dir, int(i / 100))
			if (i % 100 == 0) system("mkdir -p " d)
			f = sprintf("%s/r%05d.md", d, i)
			printf "# 规定%d\n\n第一条 为了规范管理，制定本规定。\n", i >f
			close(f)
		}
	}'
}
FILES_RUNS=${FILES_RUNS:-5}
echo "bench: many small files, median of $FILES_RUNS runs"
for k in 2000 16000; do
	many_files "$k" "$tmp/many$k"
	: >"$tmp/wall"
	: >"$tmp/cpu"
	i=0
	while [ "$i" -lt "$FILES_RUNS" ]; do
		rm -rf "$out/out"
		"$TIMEIT" "$RB" build -f html,json -o "$out/out/" "$tmp/many$k" </dev/null >"$tmp/t"
		cut -d' ' -f1 "$tmp/t" >>"$tmp/wall"
		cut -d' ' -f3 "$tmp/t" >>"$tmp/cpu"
		i=$((i + 1))
	done
	eval "f$k=$(median "$tmp/wall")"
	eval "c$k=$(median "$tmp/cpu")"
	show "rulebook build DIR of $k files, HTML + JSON" "$(median "$tmp/wall")"
	show "  processor time (user + system)" "$(median "$tmp/cpu")"
	rm -rf "$tmp/many$k"
done
echo "  growth: 8x files $(ratio "$f16000" "$f2000")x wall time, $(ratio "$c16000" "$c2000")x processor time (linear: about 8)"
[ "${BENCH:-all}" = files ] && exit 0

echo "bench: $nfiles corpus files, $bytes bytes, median of $RUNS runs"
median_ms "rulebook check (load, numbering, refs)" "$RB" check
load=$last
median_ms "rulebook build, all five formats" "$RB" build -f html,docbook,text,json,markdown -o "$out/out/"
build=$last
if command -v cmark >/dev/null 2>&1; then
	median_ms "cmark (parse + HTML)" cmark
	cm=$last
	echo "  load / cmark:  $(ratio "$load" "$cm")  (target < 2)"
	echo "  build / cmark: $(ratio "$build" "$cm")  (target <= 2)"
else
	echo "  cmark not installed: no ratio (run make deps-test)"
fi
if command -v pandoc >/dev/null 2>&1; then
	median_ms "pandoc -f commonmark -t html" pandoc -f commonmark -t html
	echo "  pandoc / build: $(ratio "$last" "$build")"
fi

# A synthetic law (tests/bench/synth.sh: 10,000 articles, every numbering
# style, references) at 1x, 4x and 16x: all formats against cmark (and
# pandoc) on the same file, peak memory against the file size, and growth.
# The 1x law is timed three times as often: a tenth of a second, it is
# the most swayed by a busy minute of the machine, and the growth is
# measured against it.
SYNTH_RUNS=${SYNTH_RUNS:-5}
echo "bench: synthetic law, median of $((3 * SYNTH_RUNS)) runs at 1x, $SYNTH_RUNS at 4x and 16x"
median_one() { # LABEL COMMAND...: a fixed command line, $runs times
	label=$1
	shift
	timed "$runs" "$label" "$TIMEIT" "$@"
}
for k in 1 4 16; do
	runs=$SYNTH_RUNS
	[ "$k" -eq 1 ] && runs=$((3 * SYNTH_RUNS))
	sh "$(dirname "$0")/synth.sh" $((10000 * k)) >"$tmp/s$k.md"
	bytes=$(wc -c <"$tmp/s$k.md")
	echo " ${k}x: $((10000 * k)) articles, $bytes bytes"
	median_one "rulebook build, all five formats" "$RB" build -f html,docbook,text,json,markdown -o "$out/so/" "$tmp/s$k.md"
	eval "b$k=$last"
	if command -v cmark >/dev/null 2>&1; then
		median_one "cmark (parse + HTML)" cmark "$tmp/s$k.md"
		echo "    build / cmark: $(ratio "$last" "$(eval echo \$b$k)" | awk '{ printf "%.2f", 1 / $1 }')  (target <= 2)"
	fi
	if command -v pandoc >/dev/null 2>&1 && [ "$k" -eq 1 ]; then
		# the same work on both sides, HTML and DocBook, in rounds:
		# rulebook three times, then pandoc to HTML and to DocBook once,
		# so that both sides are timed in the same minutes (this
		# machine's speed drifts by a tenth from one minute to the next;
		# timed one after the other, the ratio swung 44-55x); medians
		: >"$tmp/t_rb"
		: >"$tmp/t_ph"
		: >"$tmp/t_pd"
		r=0
		while [ "$r" -lt "$SYNTH_RUNS" ]; do
			for x in 1 2 3; do
				rm -rf "$out/so"
				"$TIMEIT" "$RB" build -f html,docbook -o "$out/so/" "$tmp/s$k.md" </dev/null |
					cut -d' ' -f1 >>"$tmp/t_rb"
			done
			"$TIMEIT" pandoc -f commonmark -t html -o /dev/null "$tmp/s$k.md" </dev/null |
				cut -d' ' -f1 >>"$tmp/t_ph"
			"$TIMEIT" pandoc -f commonmark -t docbook5 -o /dev/null "$tmp/s$k.md" </dev/null |
				cut -d' ' -f1 >>"$tmp/t_pd"
			r=$((r + 1))
		done
		hd=$(median "$tmp/t_rb")
		ph=$(median "$tmp/t_ph")
		pd=$(median "$tmp/t_pd")
		show "rulebook build, HTML + DocBook" "$hd"
		show "pandoc to HTML" "$ph"
		show "pandoc to DocBook" "$pd"
		echo "    pandoc (HTML + DocBook) / rulebook (HTML + DocBook): $(ratio $((ph + pd)) "$hd")  (target >= 50)"
		echo "    pandoc (HTML + DocBook) / rulebook (all five): $(ratio $((ph + pd)) "$b1")"
	elif [ "$k" -eq 1 ]; then
		echo "    pandoc not installed: no ratio"
	fi
	rm -rf "$out/so"
	kb=$("$TIMEIT" "$RB" build -f html,docbook,text,json,markdown -o "$out/so/" "$tmp/s$k.md" | cut -d' ' -f2)
	echo "    peak memory: $((kb / 1024)) MB = $(awk -v a="$kb" -v b="$bytes" 'BEGIN { printf "%.1f", a * 1024 / b }')x the input (target <= 10)"
done
echo "  growth: 4x input $(ratio "$b4" "$b1")x time, 16x input $(ratio "$b16" "$b1")x time (linear: about 4 and 16)"
