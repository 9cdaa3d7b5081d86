#!/bin/sh
# Command-line behaviour: exit status, messages, outputs (SPEC §5, §7).
set -u
. "$(dirname "$0")/../lib.sh"
suite cli
ROOT=$(pwd)


lines() { # lines FILE N: the file has exactly N lines
	if [ "$(wc -l <"$1")" -eq "$2" ]; then ok; else fail "$1 has $(wc -l <"$1") lines, wanted $2"; fi
}

has() { # has FILE TEXT
	if grep -qF -- "$2" "$1"; then ok; else fail "'$2' not in $(basename "$1"): $(head -c 300 "$1")"; fi
}

cd "$tmp" || exit 1
cat >good.yaml <<'Y'
title: 规定
profile: cn-law
clauses:
  - kind: chapter
    title: 总则
    clauses:
      - text: 为了规范管理，制定本规定。
      - text: 本规定适用于本单位。
Y
cat >warn.yaml <<'Y'
title: 规定
clauses:
  - txet: 拼错的键
  - text: 正文
Y
cat >content-error.yaml <<'Y'
title: 规定
clauses:
  - kind: artcle
    text: 正文
Y
printf 'title: x\nclauses:\n  - text: [a\n' >malformed.yaml

# --version, --help, help COMMAND
expect 0 "--version" -- "$RB" --version
has out "rulebook 0.1.0"
expect 0 "--help" -- "$RB" --help
has out "usage: rulebook build"
expect 0 "help build" -- "$RB" help build
has out "--width N"
expect 0 "build --help" -- "$RB" build --help
has out "--depfile"
expect 2 "help unknown" -- "$RB" help frobnicate
expect 2 "no arguments" -- "$RB"
expect 2 "unknown command" -- "$RB" frobnicate

# usage errors: one clear line, exit 2
expect 2 "unknown option" -- "$RB" build --frobnicate good.yaml
lines err 1
has err "unknown option '--frobnicate'"
expect 2 "unknown short option" -- "$RB" check -z good.yaml
lines err 1
expect 2 "missing option value" -- "$RB" build good.yaml -o
lines err 1
expect 2 "bad format" -- "$RB" build -f pdf good.yaml
has err "unknown format 'pdf'"
expect 2 "bad width" -- "$RB" build --width 3 good.yaml
expect 2 "bad profile" -- "$RB" check --profile nope good.yaml
has err "unknown profile 'nope'"
expect 2 "bad profile (build)" -- "$RB" build --profile nope -o outp good.yaml
has err "unknown profile 'nope'"

# --profile is a profile, not a rules file: a law without front matter
# read the Taiwan way, 項 the paragraph and 款 the item (read the
# mainland way, --profile cn-law, 前款 and 前項第一款 find nothing)
cat >tw.md <<'M'
# 範例條例

第一條 本條例依某法第五條制定。

第二條 本條例用詞定義如下：

一、甲。

二、乙，準用前款。

前項第一款之規定，於第一條不適用。
M
expect 1 "tw law read as cn-law" -- "$RB" check --werror --profile cn-law tw.md
has err "前款 refers to no clause"
# told from the text (項 cited above 款) without --profile
expect 0 "tw law recognised" -- "$RB" check --werror tw.md
lines err 0
expect 0 "check --profile tw-law" -- "$RB" check --werror --profile tw-law tw.md
lines err 0
expect 0 "check --profile=tw-law" -- "$RB" check --werror --profile=tw-law tw.md
lines err 0
expect 0 "build --profile tw-law" -- "$RB" build --werror --profile tw-law -f json -o tw.json tw.md
lines err 0
has tw.json '"profile": "tw-law"'
has tw.json '{"text": "前項第一款", "target": "article-2-item-1"'
expect 2 "no inputs" -- "$RB" build
expect 2 "bad diagnostics format" -- "$RB" check --diagnostics xml good.yaml

# unreadable input: one line, exit 2
expect 2 "missing file" -- "$RB" build missing.yaml
lines err 1
has err "missing.yaml: error: cannot open: No such file or directory [input-unreadable]"
expect 2 "malformed YAML" -- "$RB" build -o outm malformed.yaml
lines err 1
has err "malformed.yaml:4:1: error: YAML: did not find expected ',' or ']'"
has err "started at line 3, column 11"
[ ! -e outm ] && ok || fail "malformed input created an output directory"
mkdir adir
expect 2 "empty directory as input to build" -- "$RB" build -o adir.out adir
has err "no rulebook sources"
expect 2 "a directory with no sources" -- "$RB" check adir
has err "adir: error: no rulebook sources"
# check DIR: every source below it, in sorted order, hidden entries skipped
mkdir -p adir/b adir/.hidden
printf '# 甲\n\n第一条 一。\n\n第三条 三。\n' > adir/b/z.md
printf '# 乙\n\n第二条 二。\n' > adir/a.md
printf '# 丙\n\n第九条 九。\n' > adir/.hidden/x.md
printf 'not a rulebook\n' > adir/notes.txt
expect 0 "check a directory" -- "$RB" check adir
lines err 2
has err "adir/a.md:3:1: warning: expected 第一条, found 第二条"
has err "adir/b/z.md:5:1: warning: expected 第二条, found 第三条"
expect 1 "check a directory, --werror" -- "$RB" check --werror adir/
has err "adir/b/z.md:5:1"
printf 'title: \377\376\n' >bad-utf8.yaml
expect 2 "invalid UTF-8" -- "$RB" check bad-utf8.yaml
has err "bad-utf8.yaml:1:8: error: invalid UTF-8"
printf 'title: a\0b\n' >nul.yaml
expect 2 "NUL byte" -- "$RB" check nul.yaml
has err "NUL byte"
expect 2 "unknown extension" -- "$RB" check good.pdf
has err "[input-format]"
expect 2 "import is not here yet" -- "$RB" import x.txt

# content errors exit 1; warnings exit 0 unless --werror
expect 1 "content error" -- "$RB" check content-error.yaml
has err "content-error.yaml:3:11: error: unknown clause kind 'artcle'; did you mean 'article'? [input-value]"
expect 0 "warning" -- "$RB" check warn.yaml
has err "warn.yaml:3:5: warning: unknown key 'txet' in a clause; did you mean 'text'? [input-unknown-key]"
expect 1 "--werror" -- "$RB" check --werror warn.yaml
expect 1 "build with content error" -- "$RB" build -o outc content-error.yaml
[ ! -e outc/content-error.txt ] && ok || fail "an error still wrote output"
expect 1 "build --werror" -- "$RB" build --werror -o outw warn.yaml
[ ! -e outw/warn.txt ] && ok || fail "--werror still wrote output"

# diagnostics as JSON and SARIF go to stdout, nothing else there
expect 1 "json diagnostics" -- "$RB" check --diagnostics json content-error.yaml
has out '{"file": "content-error.yaml", "line": 3, "column": 11, "severity": "error", "code": "input-value", "message": "unknown clause kind'
[ ! -s err ] && ok || fail "json diagnostics wrote to stderr"
expect 0 "json diagnostics, clean" -- "$RB" check --diagnostics json good.yaml
[ "$(cat out)" = "[]" ] && ok || fail "clean json diagnostics: $(cat out)"
expect 0 "sarif" -- "$RB" check --diagnostics sarif warn.yaml
has out '"version": "2.1.0"'
has out '"ruleId": "input-unknown-key"'
has out '"startLine": 3, "startColumn": 5'

# outputs: default formats, -o file / dir / stdout, names, determinism
expect 0 "build default" -- "$RB" build -o outd/ good.yaml
[ -f outd/good.txt ] && ok || fail "default build did not write good.txt"
expect 0 "build -o file" -- "$RB" build -f json -o one.json good.yaml
has one.json '"label": "第二条"'
expect 0 "build -o -" -- "$RB" build -f text -o - good.yaml
has out "第一条　为了规范管理，制定本规定。"
expect 2 "-o - with two formats" -- "$RB" build -f text,json -o - good.yaml
expect 0 "stdin" -- sh -c "\"$RB\" build -f json - <good.yaml"
has out '"source": "-"'
expect 0 "two inputs into a directory" -- "$RB" build -f json,text -o two good.yaml warn.yaml
[ -f two/good.json ] && [ -f two/warn.txt ] && ok || fail "two inputs: $(ls two)"
mkdir sub
cp good.yaml sub/good.yaml
expect 2 "two inputs, one output name" -- "$RB" build -f json -o clash good.yaml sub/good.yaml
"$RB" build -f json,text -o det1 good.yaml && "$RB" build -f json,text -o det2 good.yaml
cmp -s det1/good.json det2/good.json && cmp -s det1/good.txt det2/good.txt && ok ||
	fail "two builds differ"

# never overwrite an input; never leave a half-written file
cp good.yaml keep.yaml
expect 2 "-o names the input" -- "$RB" build -f json -o keep.yaml keep.yaml
has err "refusing to overwrite the input file"
cmp -s good.yaml keep.yaml && ok || fail "the input was overwritten"
if [ -w /dev/full ]; then
	expect 2 "full disk" -- "$RB" build -f json -o /dev/full good.yaml
	has err "[output-write]"
fi
mkdir ro
chmod a-w ro
if ! touch ro/probe 2>/dev/null; then
	expect 2 "unwritable output directory" -- "$RB" build -f json -o ro good.yaml
	has err "cannot write"
	[ -z "$(ls -A ro)" ] && ok || fail "temp files left in ro/"
fi
chmod u+w ro
"$RB" build -f json,text -o prev good.yaml
cp prev/good.json prev.json
cp content-error.yaml prev-src.yaml
expect 1 "failing rebuild" -- "$RB" build -f json,text -o prev content-error.yaml
cmp -s prev/good.json prev.json && ok || fail "a failing build touched earlier outputs"
[ -z "$(ls -A prev | grep '^\.')" ] && ok || fail "temp files left behind: $(ls -A prev)"

# a rebuild leaves an output whose bytes are unchanged in place (its
# time updated) and replaces one that changed, or that is not a plain
# file of ours: another mode, a second name
expect 0 "build" -- "$RB" build -f json,text -o same good.yaml
touch -d 2001-01-01 same/good.json same/good.txt
ino=$(ls -i same/good.json | cut -d' ' -f1)
expect 0 "rebuild, nothing changed" -- "$RB" build -f json,text -o same good.yaml
[ "$(ls -i same/good.json | cut -d' ' -f1)" = "$ino" ] && ok || fail "an unchanged output was replaced"
[ "$(date -r same/good.json +%Y)" != 2001 ] && ok || fail "an unchanged output kept its old time"
[ -z "$(ls -A same | grep '^\.')" ] && ok || fail "temp files left behind: $(ls -A same)"
sed 's/本单位/各单位/' good.yaml >same.yaml
expect 0 "rebuild, changed" -- "$RB" build -f json -o same/good.json same.yaml
has same/good.json "各单位"
[ "$(ls -i same/good.json | cut -d' ' -f1)" != "$ino" ] && ok || fail "a changed output was not replaced"
chmod 600 same/good.txt
expect 0 "rebuild over another mode" -- "$RB" build -f json,text -o same good.yaml
[ "$(stat -c %a same/good.txt)" = "$(stat -c %a same/good.json)" ] && ok || fail "the output kept mode 600"
ln same/good.txt linked.txt
ino=$(ls -i same/good.txt | cut -d' ' -f1)
expect 0 "rebuild over a linked file" -- "$RB" build -f json,text -o same good.yaml
[ "$(ls -i same/good.txt | cut -d' ' -f1)" != "$ino" ] && ok || fail "an output with a second name was kept"
cmp -s same/good.txt linked.txt && ok || fail "the linked file changed"

# outputs are created with the umask's mode, whichever command writes
# them; fmt -i keeps the mode of the file it replaces
printf '第一条 为了规范管理，制定本办法。\n\n第二条 本办法自公布之日起施行。\n' >modes.txt
printf '# 办法\n\n第一条  为了规范管理，制定本办法。\n' >modes.md
mode_is() { # mode_is FILE MODE WHAT
	if [ "$(stat -c %a "$1")" = "$2" ]; then ok; else fail "$3: mode $(stat -c %a "$1"), wanted $2"; fi
}
for mask in 022 027; do
	want=$(printf '%o' $((0666 & ~0$mask)))
	rm -rf "modes$mask"
	mkdir "modes$mask"
	(
		umask $mask
		cat modes.md >"modes$mask/in.md"
		"$RB" build -f json,html -o "modes$mask/" modes.md 2>/dev/null
		"$RB" import -o "modes$mask/imported.md" modes.txt 2>/dev/null
		"$RB" import -o "modes$mask/dir/" modes.txt 2>/dev/null
		"$RB" fmt -i "modes$mask/in.md" 2>/dev/null
	)
	mode_is "modes$mask/modes.json" "$want" "build under umask $mask"
	mode_is "modes$mask/modes.html" "$want" "build (html) under umask $mask"
	mode_is "modes$mask/imported.md" "$want" "import under umask $mask"
	mode_is "modes$mask/dir/modes.md" "$want" "import into a directory under umask $mask"
	has "modes$mask/in.md" "第一条 为了"
	mode_is "modes$mask/in.md" "$want" "fmt -i of a file made under umask $mask"
done
cp modes.md private.md
chmod 600 private.md
(umask 022; "$RB" fmt -i private.md 2>/dev/null)
has private.md "第一条 为了"
mode_is private.md 600 "fmt -i of a 0600 file"
cp modes.md open.md
chmod 644 open.md
(umask 077; "$RB" fmt -i open.md 2>/dev/null)
has open.md "第一条 为了"
mode_is open.md 644 "fmt -i of a 0644 file under umask 077"

# depfile
expect 0 "depfile" -- "$RB" build -f json -o depout/ --depfile deps.mk "$ROOT/rules/handbook.yaml"
has deps.mk "depout/handbook.json:"
has deps.mk "rules/medical-insurance.yaml"

# 1,200 unnumbered clauses under cn-law: 第一条 … 第一千二百条 exactly
{
	echo "title: 长文"
	echo "profile: cn-law"
	echo "clauses:"
	i=1
	while [ $i -le 1200 ]; do echo "  - 条文$i"; i=$((i + 1)); done
} >big.yaml
expect 0 "1200 clauses" -- "$RB" build -f json -o big.json big.yaml
grep -o '"label": "[^"]*"' big.json >labels
[ "$(wc -l <labels)" -eq 1200 ] && ok || fail "labels: $(wc -l <labels)"
[ "$(sed -n 1p labels)" = '"label": "第一条"' ] && ok || fail "first: $(sed -n 1p labels)"
[ "$(sed -n 11p labels)" = '"label": "第十一条"' ] && ok || fail "11th: $(sed -n 11p labels)"
[ "$(sed -n 101p labels)" = '"label": "第一百零一条"' ] && ok || fail "101st: $(sed -n 101p labels)"
[ "$(sed -n 110p labels)" = '"label": "第一百一十条"' ] && ok || fail "110th: $(sed -n 110p labels)"
[ "$(sed -n 1020p labels)" = '"label": "第一千零二十条"' ] && ok || fail "1020th: $(sed -n 1020p labels)"
[ "$(sed -n 1200p labels)" = '"label": "第一千二百条"' ] && ok || fail "last: $(sed -n 1200p labels)"
[ "$(sort labels | uniq -d | wc -l)" -eq 0 ] && ok || fail "duplicate labels"

# Markdown in and out: each document of the sample handbook goes to
# canonical Markdown and back to the same tree; the Markdown is a fixed point
for doc in medical-insurance law-enforcement attendance-policy; do
	"$RB" build -f json,markdown -o rt1/ "$ROOT/rules/$doc.yaml" 2>err || fail "$doc: build"
	"$RB" build -f json,markdown -o rt2/ "rt1/$doc.md" 2>err || fail "$doc.md: build: $(cat err)"
	[ ! -s err ] && ok || fail "$doc.md has diagnostics: $(head -n 3 err)"
	positionless "rt1/$doc.json" >rt1.flat
	positionless "rt2/$doc.json" >rt2.flat
	cmp -s rt1.flat rt2.flat && ok || { fail "$doc: yaml → md → tree differs"; diff rt1.flat rt2.flat | head -n 6; }
	cmp -s "rt1/$doc.md" "rt2/$doc.md" && ok || fail "$doc: Markdown output is not a fixed point"
done
has rt1/law-enforcement.md "## 第一章 總　則"
has rt1/attendance-policy.md "profile: en-handbook"
# a handbook to Markdown: a book in one file (handbook: in front matter,
# a ## per document) that loads back as the same three documents
expect 0 "handbook to markdown" -- "$RB" build -f markdown -o hb.md "$ROOT/rules/handbook.yaml"
has hb.md "handbook: 示例单位员工手册"
expect 0 "the Markdown book loads back" -- "$RB" build -f json -o hb.json hb.md
[ "$(grep -c '"kind": "document"' hb.json)" = 3 ] && ok || fail "hb.md: not three documents"
expect 0 "and is a fixed point" -- "$RB" build -f markdown -o hb2.md hb.md
cmp -s hb.md hb2.md && ok || fail "the Markdown book is not a fixed point"
has hb.md "## 行政執法責任制"
has hb.md "## Attendance and Leave Policy"
# stdin as Markdown
printf '# 规定\n\n第一条 甲。\n\n第三条 乙。\n' >gap.md
expect 0 "markdown from stdin" -- sh -c "\"$RB\" check --from md - <gap.md"
has err "-:5:1: warning: expected 第二条, found 第三条 [numbering-gap]"
expect 0 "markdown file" -- "$RB" check gap.md
has err "gap.md:5:1: warning: expected 第二条, found 第三条 [numbering-gap]"
# an English handbook with numbered headings: ## 2. holds ### 2.2, and
# "section 2.1" in the text is found (the labels as written)
printf '# Handbook\n\n## 1. Introduction\n\nWelcome.\n\n## 2. Hours\n\n2.1 Standard hours are 9 to 5.\n\n### 2.2 Overtime\n\nApproved in advance, as in section 2.1.\n' >en.md
expect 0 "numbered English headings" -- "$RB" build -f json -o en.json en.md
[ ! -s err ] && ok || fail "numbered English headings: $(cat err)"
has en.json '"kind": "chapter", "label": "2."'
has en.json '"text": "section 2.1", "target": "chapter-2-section-1"'
# the same numbered with numbers alone (## 2 Hours)
printf '# Handbook\n\n## 1 Introduction\n\nWelcome.\n\n## 2 Hours\n\n### 2.1 Standard\n\nNine to five.\n\n### 2.2 Overtime\n\nAs in section 2.1.\n' >enb.md
expect 0 "English headings numbered alone" -- "$RB" build -f json -o enb.json enb.md
[ ! -s err ] && ok || fail "English headings numbered alone: $(cat err)"
has enb.json '"kind": "chapter", "label": "2."'
has enb.json '"text": "section 2.1", "target": "chapter-2-section-1"'

# the sample handbook
expect 0 "sample handbook" -- "$RB" build -f text,json -o hb "$ROOT/rules/handbook.yaml"
[ ! -s err ] && ok || fail "the sample handbook has diagnostics: $(cat err)"
has hb/handbook.json '"kind": "book"'
has hb/handbook.txt "示例单位员工手册"
has hb/handbook.txt "第十一條　行政執法責任制考核要以日常考核為主"
has hb/handbook.txt "3.2 Records used. Deductions are calculated from the attendance records"
awk '{ if (length($0) > 200) exit 1 }' hb/handbook.txt && ok || fail "absurd line in handbook.txt"

suite_end
