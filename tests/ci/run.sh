#!/bin/sh
# Editors and CI: reports (SARIF to a file, Code Climate), suppressions,
# baselines, directory builds, confinement of untrusted sources, --fix.
set -u
. "$(dirname "$0")/../lib.sh"
suite ci
ROOT=$(pwd)

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
has() { # has FILE TEXT
	if grep -qF -- "$2" "$1"; then ok; else fail "'$2' not in $(basename "$1"): $(head -c 300 "$1")"; fi
}
hasnt() { # hasnt FILE TEXT
	if grep -qF -- "$2" "$1"; then fail "'$2' in $(basename "$1")"; else ok; fi
}
count() { # count FILE TEXT N: TEXT occurs on N lines
	c=$(grep -cF -- "$2" "$1")
	if [ "$c" -eq "$3" ]; then ok; else fail "'$2' on $c lines of $(basename "$1"), wanted $3"; fi
}

cd "$tmp" || exit 1
printf '# 规定\n\n第一条 总则。\n\n第三条 附则。\n' >gap.md
printf '# 规定\n\n第一条 总则。\n\n第二条 附则。\n' >good.md

# ---- reports ----
expect 0 "--sarif FILE with lines on stderr" -- "$RB" check --sarif r.sarif gap.md
has err "gap.md:5:1: warning: expected 第二条, found 第三条 [numbering-gap]"
[ ! -s out ] && ok || fail "--sarif wrote to stdout"
has r.sarif '"version": "2.1.0"'
has r.sarif '"region": {"startLine": 5, "startColumn": 1, "endColumn": 4}'
has r.sarif '"helpUri": "'
has r.sarif 'diagnostics.md#numbering-gap"'
has r.sarif '"fullDescription": {"text": "A number is skipped'
has r.sarif '"level": "warning", "message"'
has r.sarif '"partialFingerprints": {"rulebook/v1": "'
expect 1 "--werror makes SARIF levels errors" -- "$RB" check --werror --sarif w.sarif gap.md
has w.sarif '"ruleId": "numbering-gap", "ruleIndex": 0, "level": "error"'
expect 0 "build --sarif" -- "$RB" build -f json -o o1/ --sarif b.sarif gap.md
has b.sarif '"ruleId": "numbering-gap"'
[ -f o1/gap.json ] && ok || fail "build --sarif wrote no output"
expect 0 "build --diagnostics json goes to stderr" -- "$RB" build -f json -o - --diagnostics json gap.md
has err '"code": "numbering-gap"'
has out '"label": "第三条"'
expect 0 "codeclimate" -- "$RB" check --diagnostics codeclimate gap.md
has out '"check_name": "numbering-gap", "description": "expected 第二条, found 第三条"'
has out '"severity": "minor"'
has out '"location": {"path": "gap.md", "lines": {"begin": 5}}'
fp1=$(sed -n 's/.*"fingerprint": "\([0-9a-f]*\)".*/\1/p' out)
[ ${#fp1} -eq 32 ] && ok || fail "codeclimate fingerprint '$fp1'"
# an edit elsewhere moves the line; the fingerprint stays
printf '# 规定\n\n前言。\n\n第一条 总则。\n\n第三条 附则。\n' >gap.md
"$RB" check --diagnostics codeclimate gap.md >out2 2>/dev/null
has out2 '"lines": {"begin": 7}'
has out2 "\"fingerprint\": \"$fp1\""
expect 0 "codeclimate clean" -- "$RB" check --diagnostics codeclimate good.md
[ "$(cat out)" = "[]" ] && ok || fail "clean codeclimate: $(cat out)"
expect 2 "unknown --diagnostics" -- "$RB" check --diagnostics xml good.md
has err "gcc, json, sarif or codeclimate"

suite_end
