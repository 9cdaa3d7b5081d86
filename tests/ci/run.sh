#!/bin/sh
# Editors and CI: reports (SARIF to a file, Code Climate), suppressions,
# baselines, directory builds, confinement of untrusted sources, --fix.
set -u
. "$(dirname "$0")/../lib.sh"
suite ci
ROOT=$(pwd)

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
expect 2 "--sarif - with a report on stdout" -- "$RB" check --sarif - --diagnostics json good.md
expect 2 "build --sarif - with -o -" -- "$RB" build --sarif - -f json -o - good.md
expect 0 "--sarif - alone" -- "$RB" check --sarif - good.md
has out '"results": ['
expect 2 "unknown --diagnostics" -- "$RB" check --diagnostics xml good.md
has err "gcc, json, sarif or codeclimate"

# ---- suppressions ----
printf '# 规定\n\n第一条 总则。\n\n第三条 附则。\n' >gap.md
expect 1 "--werror counts the warning" -- "$RB" check --werror gap.md
expect 0 "-W no-CODE under --werror" -- "$RB" check --werror -W no-numbering-gap gap.md
[ ! -s err ] && ok || fail "-W no- still printed: $(cat err)"
expect 1 "-W error=CODE" -- "$RB" check -W error=numbering-gap gap.md
has err "gap.md:5:1: error: expected 第二条, found 第三条 [numbering-gap]"
expect 0 "-W CODE undoes an earlier no-" -- "$RB" check -W no-numbering-gap -W numbering-gap gap.md
has err "[numbering-gap]"
expect 2 "-W unknown code" -- "$RB" check -W no-numbering-gapp gap.md
has err "unknown diagnostic code 'numbering-gapp'"
expect 2 "-W cannot turn an error off" -- "$RB" check -W no-input-syntax gap.md
expect 1 "build -W error=" -- "$RB" build -f json -o b1/ -W error=numbering-gap gap.md
[ ! -e b1/gap.json ] && ok || fail "a build with an error= diagnostic wrote its output"
expect 0 "build -W no- under --werror" -- "$RB" build --werror -f json -o b2/ -W no-numbering-gap gap.md
[ -f b2/gap.json ] && ok || fail "build -W no-: no output"

mkdir -p proj/legacy proj/sub
cp gap.md proj/sub/new.md
cp gap.md proj/legacy/old.md
cat >proj/rulebook.yaml <<'Y'
# the project's settings
error: [numbering-gap]
overrides:
  - paths: [legacy/]
    disable: numbering-gap
Y
expect 1 "rulebook.yaml found upward: error" -- "$RB" check proj/sub/new.md
has err "proj/sub/new.md:5:1: error: expected 第二条"
expect 0 "rulebook.yaml override for a folder" -- "$RB" check --werror proj/legacy/old.md
[ ! -s err ] && ok || fail "override did not silence: $(cat err)"
expect 1 "rulebook.yaml is not a source of check DIR" -- "$RB" check proj
count err "[numbering-gap]" 1
hasnt err "rulebook.yaml"
expect 0 "-W on the command line beats the project file" -- "$RB" check -W no-numbering-gap proj
expect 0 "--config FILE" -- "$RB" check --werror --config proj/rulebook.yaml proj/legacy/old.md
printf 'disable: [numbering-gap]\n' >quiet.yaml
expect 0 "--config FILE instead of the nearest" -- "$RB" check --werror --config quiet.yaml proj/sub/new.md
printf 'disable: [numbering-gapp]\n' >bad.yaml
expect 1 "unknown code in the project file" -- "$RB" check --config bad.yaml gap.md
has err "bad.yaml:1:11: error: unknown diagnostic code 'numbering-gapp' [input-value]"
printf 'disabled: [numbering-gap]\n' >bad2.yaml
expect 1 "unknown key in the project file" -- "$RB" check --config bad2.yaml gap.md
has err "unknown key 'disabled'"
mkdir prof
printf '一、总则\n\n二、附则\n' >prof/a.md
printf 'profile: cn-gongwen\n' >prof/rulebook.yaml
"$RB" build -f json -o prof/out/ prof/a.md 2>/dev/null
has prof/out/a.json '"profile": "cn-gongwen"'

# inline comments
printf '# 规定\n\n第一条 总则。\n\n<!-- rulebook-disable-next-line numbering-gap -->\n\n第三条 附则。\n' >in.md
expect 0 "Markdown: disable-next-line under --werror" -- "$RB" check --werror in.md
[ ! -s err ] && ok || fail "inline Markdown comment did not silence: $(cat err)"
printf '# 规定\n\n第一条 总则。\n\n<!-- rulebook-disable-next-line numbering-order -->\n第三条 附则。\n' >in2.md
expect 0 "Markdown: another code stays" -- "$RB" check in2.md
has err "[numbering-gap]"
printf '# 规定\n\n<!-- rulebook-disable-next-line numbering-gapp -->\n第一条 总则。\n' >in3.md
expect 1 "Markdown: unknown code" -- "$RB" check in3.md
has err "in3.md:3: error: unknown diagnostic code 'numbering-gapp' in a rulebook comment [input-value]"
cat >in.yaml <<'Y'
title: 规定
profile: cn-law
clauses:
  - number: 1
    text: 总则。
  # rulebook: disable=numbering-gap
  - number: 3
    text: 附则。
Y
expect 0 "YAML: comment on its own line" -- "$RB" check --werror in.yaml
[ ! -s err ] && ok || fail "YAML comment did not silence: $(cat err)"
sed 's/  # rulebook: disable=numbering-gap//; s/  - number: 3/  - number: 3  # rulebook: disable=numbering-gap/' in.yaml >in2.yaml
expect 0 "YAML: comment at the end of the line" -- "$RB" check --werror in2.yaml
sed 's/disable=numbering-gap/disable=numbering-gapp/' in2.yaml >in3.yaml
expect 1 "YAML: unknown code" -- "$RB" check in3.yaml
has err "unknown diagnostic code 'numbering-gapp'"

# baselines
mkdir legacy
printf '# 甲\n\n第一条 总则。\n\n第三条 附则。\n' >legacy/a.md
printf '# 乙\n\n第一条 总则。\n\n第一条 重复。\n' >legacy/b.md
expect 0 "--baseline-write" -- "$RB" check --werror --baseline-write base.txt legacy
[ ! -s err ] && ok || fail "--baseline-write still reported: $(cat err)"
count base.txt "	numbering-" 2
expect 0 "--baseline: nothing new" -- "$RB" check --werror --baseline base.txt legacy
# an edit elsewhere in the file moves the warning; it stays known
printf '# 甲\n\n前言。\n\n第一条 总则。\n\n第三条 附则。\n\n第四条 新增。\n\n第六条 新的缺口。\n' >legacy/a.md
expect 1 "--baseline: only the new warning" -- "$RB" check --werror --baseline base.txt legacy
count err "warning" 1
has err "legacy/a.md:11:1: warning: expected 第五条, found 第六条 [numbering-gap]"
expect 1 "--baseline: ./legacy is legacy" -- "$RB" check --werror --baseline base.txt ./legacy
count err "warning" 1
expect 0 "build --baseline" -- "$RB" build -f json -o bb/ --baseline base.txt legacy/b.md
[ ! -s err ] && ok || fail "build --baseline reported: $(cat err)"
printf '0123456789abcdef0123456789abcdef\tnumbering-gapp\ta.md\tx\n' >badbase.txt
expect 2 "--baseline with an unknown code" -- "$RB" check --baseline badbase.txt legacy
has err "unknown diagnostic code 'numbering-gapp'"

# ---- build DIR ----
mkdir -p site/a site/b site/b/deep
printf '# 甲\n\n第一条 总则。\n' >site/a/_index.md
printf '# 乙\n\n第一条 总则。\n' >site/b/_index.md
printf '# 丙\n\n第一条 总则。\n' >site/b/deep/c.md
printf 'title: 丁\nclauses:\n  - text: 正文\n' >site/d.yaml
printf '规定\n一、总则\n' >site/notes.txt
expect 0 "build DIR mirrors its folders" -- "$RB" build -f html,json -o web site
[ -f web/a/_index.html ] && [ -f web/b/_index.html ] && [ -f web/b/deep/c.json ] && [ -f web/d.json ] &&
	ok || fail "build DIR: $(cd web && find . -type f | sort | tr '\n' ' ')"
has web/a/_index.json '"title": "甲"'
has web/b/_index.json '"title": "乙"'
[ ! -e web/notes.html ] && ok || fail "build DIR took a .txt without --txt"
expect 0 "build DIR --txt" -- "$RB" build --txt -f json -o outt site
[ -f outt/notes.json ] && ok || fail "build DIR --txt: no notes.json"
# the same set for check, and the output folder inside DIR is skipped
expect 0 "build into a folder inside DIR" -- "$RB" build -f markdown,text -o site/_site site
[ -f site/_site/b/deep/c.md ] && ok || fail "build into site/_site: $(ls site/_site)"
expect 0 "again: its outputs are not sources" -- "$RB" build -f markdown,text -o site/_site site
[ ! -e site/_site/_site ] && ok || fail "the second build took the first's outputs"
rm -rf site/_site
# check DIR and build DIR take the same sources: build lists them in
# its depfile, each also a phony target (gcc -MP)
expect 0 "check DIR" -- "$RB" check --diagnostics json site
expect 0 "depfile" -- "$RB" build -f json -o dep --depfile dep.d site
has dep.d "site/a/_index.md site/b/_index.md site/b/deep/c.md site/d.yaml"
has dep.d "
site/b/deep/c.md:"
count dep.d ":" 5
expect 2 "two sources, one output" -- "$RB" build -f json -o coll site/a/_index.md site/b/_index.md
has err "would both write coll/_index.json"

# ---- check --fix: a fixture per kind of fix ----
# fixture NAME EXT INPUT FIXED: check --fix turns INPUT into exactly
# FIXED, which check then passes under --werror; --dry-run prints that
# diff and changes nothing; SARIF carries the fix
fixture() {
	name=$1 ext=$2
	mkdir -p fix
	printf "$3" >"fix/$name.$ext"
	printf "$4" >"fix/$name.want"
	cp "fix/$name.$ext" "fix/$name.orig"
	"$RB" check "fix/$name.$ext" >/dev/null 2>"fix/$name.err"
	grep -q "note: --fix " "fix/$name.err" && ok || fail "fix $name: no diagnostic says it has a fix: $(cat "fix/$name.err")"
	"$RB" check --sarif "fix/$name.sarif" "fix/$name.$ext" 2>/dev/null
	grep -q '"fixes": \[{"description"' "fix/$name.sarif" && ok || fail "fix $name: no fixes in SARIF"
	"$RB" check --fix --dry-run "fix/$name.$ext" >"fix/$name.diff" 2>/dev/null
	cmp -s "fix/$name.$ext" "fix/$name.orig" && ok || fail "fix $name: --dry-run changed the file"
	diff -U0 "fix/$name.orig" "fix/$name.want" | tail -n +3 >"fix/$name.wantdiff"
	tail -n +3 "fix/$name.diff" | cmp -s - "fix/$name.wantdiff" && ok ||
		fail "fix $name: --dry-run printed $(cat "fix/$name.diff")"
	"$RB" check --fix "fix/$name.$ext" >/dev/null 2>&1
	cmp -s "fix/$name.$ext" "fix/$name.want" && ok ||
		fail "fix $name: got $(diff "fix/$name.want" "fix/$name.$ext" | tr '\n' ' ')"
	"$RB" check --werror "fix/$name.$ext" >/dev/null 2>"fix/$name.after" && [ ! -s "fix/$name.after" ] && ok ||
		fail "fix $name: check after --fix: $(cat "fix/$name.after")"
}
fixture lookalike-di md '# 规定\n\n第一条 总则。\n\n笫二条 附则。\n' '# 规定\n\n第一条 总则。\n\n第二条 附则。\n'
fixture lookalike-l md '# 规定\n\n第一条 有下列情形之一的：\n\nl) 甲；\n\n2) 乙。\n' '# 规定\n\n第一条 有下列情形之一的：\n\n1) 甲；\n\n2) 乙。\n'
fixture lookalike-dash md '# 规定\n\n第－条 总则。\n\n第二条 附则。\n' '# 规定\n\n第一条 总则。\n\n第二条 附则。\n'
fixture space md '# 规定\n\n第一条 总则。\n\n第二 条 附则。\n' '# 规定\n\n第一条 总则。\n\n第二条 附则。\n'
fixture bracket-missing md '# 规定\n\n第一条 有下列情形之一的：\n\n（一）甲；\n\n（二 乙。\n' '# 规定\n\n第一条 有下列情形之一的：\n\n（一）甲；\n\n（二） 乙。\n'
fixture bracket-mixed md '# 规定\n\n第一条 有下列情形之一的：\n\n（一）甲；\n\n（二)乙。\n' '# 规定\n\n第一条 有下列情形之一的：\n\n（一）甲；\n\n（二）乙。\n'
fixture separator-doubled md '# 规定\n\n一、总则\n\n二、、附则\n' '# 规定\n\n一、总则\n\n二、附则\n'
fixture separator-missing md '# 规定\n\n第一条 费用：\n\n1、诊疗费；\n\n2自费药。\n' '# 规定\n\n第一条 费用：\n\n1、诊疗费；\n\n2、自费药。\n'
fixture separator-comma md '# 规定\n\n第一条 有下列情形之一的：\n\n一、甲；\n\n二，乙。\n' '# 规定\n\n第一条 有下列情形之一的：\n\n一、甲；\n\n二、乙。\n'
fixture yaml-number yaml 'title: 规定\nprofile: cn-law\nclauses:\n  - number: 第一条\n    text: 总则。\n  - number: 笫二条  # the number\n    text: 附则。\n  - number: 第三 条\n    text: 其他。\n' 'title: 规定\nprofile: cn-law\nclauses:\n  - number: 第一条\n    text: 总则。\n  - number: 第二条  # the number\n    text: 附则。\n  - number: 第三条\n    text: 其他。\n'
# the layout a source lost, and a reference missing 第 or 条
fixture join md '# 规定\n\n第一条 禁止在市区饮用水水源二级保护区内从事以下行\n\n为：\n\n（一）设置排污口；\n\n（二）新建排放污染物的建设项目。\n' '# 规定\n\n第一条 禁止在市区饮用水水源二级保护区内从事以下行为：\n\n（一）设置排污口；\n\n（二）新建排放污染物的建设项目。\n'
fixture split-article md '# 规定\n\n第一条 专业技术人员应当参加继续教育。\n\n第二条 用人单位应当建立继续教育档案。 第三条 继续教育实行登记制度。\n\n第四条 本规定自发布之日起施行。\n' '# 规定\n\n第一条 专业技术人员应当参加继续教育。\n\n第二条 用人单位应当建立继续教育档案。\n\n第三条 继续教育实行登记制度。\n\n第四条 本规定自发布之日起施行。\n'
fixture split-heading md '# 条例\n\n## 第一章 法律责任\n\n第一条 违反本条例的，依法追究责任。\n\n第二条 工作人员玩忽职守的，依法给予处分。第二章附则第三条本条例自2014年1月1日起施行。\n' '# 条例\n\n## 第一章 法律责任\n\n第一条 违反本条例的，依法追究责任。\n\n第二条 工作人员玩忽职守的，依法给予处分。\n\n## 第二章 附则\n\n第三条本条例自2014年1月1日起施行。\n'
fixture heading-number md '# 条例\n\n## 第一章 总则\n\n第一条 为了促进城市绿化，制定本条例。\n\n## 第二章 规划和建设\n\n第二条 城市绿化规划应当纳入城市总体规划。\n\n## 法律责任\n\n第三条 违反本条例第二条规定的，责令限期改正。\n\n## 第四章 附则\n\n第四条 本条例自公布之日起施行。\n' '# 条例\n\n## 第一章 总则\n\n第一条 为了促进城市绿化，制定本条例。\n\n## 第二章 规划和建设\n\n第二条 城市绿化规划应当纳入城市总体规划。\n\n## 第三章 法律责任\n\n第三条 违反本条例第二条规定的，责令限期改正。\n\n## 第四章 附则\n\n第四条 本条例自公布之日起施行。\n'
fixture item-label md '# 条例\n\n第一条 本条例的下列用语含义为：\n\n（一）公共体育设施，是指向公众开放的体育场馆。\n\n全民健身设施，是指用于开展全民健身活动的场地和设备。\n\n（三）学校体育设施，是指学校内的场所和设备。\n' '# 条例\n\n第一条 本条例的下列用语含义为：\n\n（一）公共体育设施，是指向公众开放的体育场馆。\n\n（二）全民健身设施，是指用于开展全民健身活动的场地和设备。\n\n（三）学校体育设施，是指学校内的场所和设备。\n'
fixture xref md '# 条例\n\n第一条 鉴定单位应当如实出具鉴定报告。\n\n第二条 违反本条例一条规定的，处一万元以上五万元以下罚款。\n' '# 条例\n\n第一条 鉴定单位应当如实出具鉴定报告。\n\n第二条 违反本条例第一条规定的，处一万元以上五万元以下罚款。\n'
fixture xref-no-unit md '# 条例\n\n第一条 鉴定单位应当如实出具鉴定报告。\n\n第二条 违反本条例第一第一款规定的，处一万元以上五万元以下罚款。\n' '# 条例\n\n第一条 鉴定单位应当如实出具鉴定报告。\n\n第二条 违反本条例第一条第一款规定的，处一万元以上五万元以下罚款。\n'
fixture split-crlf md '# 规定\r\n\r\n第一条 专业技术人员应当参加继续教育。\r\n\r\n第二条 用人单位应当建立继续教育档案。 第三条 继续教育实行登记制度。\r\n' '# 规定\r\n\r\n第一条 专业技术人员应当参加继续教育。\r\n\r\n第二条 用人单位应当建立继续教育档案。\r\n\r\n第三条 继续教育实行登记制度。\r\n'
fixture join-crlf md '# 规定\r\n\r\n第一条 禁止在市区饮用水水源二级保护区内从事以下行\r\n\r\n为：\r\n\r\n（一）设置排污口。\r\n' '# 规定\r\n\r\n第一条 禁止在市区饮用水水源二级保护区内从事以下行为：\r\n\r\n（一）设置排污口。\r\n'
fixture heading-marks md '# 目录\n\n## 一、火炮\n\n1. 地面火炮；\n\n2. 高射炮。\n\n二、导弹\n\n1. 地地导弹；\n\n2. 地空导弹。\n\n## 三、弹药\n\n1. 炮弹；\n\n2. 火箭弹。\n' '# 目录\n\n## 一、火炮\n\n1. 地面火炮；\n\n2. 高射炮。\n\n## 二、导弹\n\n1. 地地导弹；\n\n2. 地空导弹。\n\n## 三、弹药\n\n1. 炮弹；\n\n2. 火箭弹。\n'
fixture heading-number-closed md '# 条例\n\n## 第一章 总则\n\n第一条 为了促进城市绿化，制定本条例。\n\n## 法律责任 ##\n\n第二条 违反本条例的，责令限期改正。\n\n## 第三章 附则\n\n第三条 本条例自公布之日起施行。\n' '# 条例\n\n## 第一章 总则\n\n第一条 为了促进城市绿化，制定本条例。\n\n## 第二章 法律责任 ##\n\n第二条 违反本条例的，责令限期改正。\n\n## 第三章 附则\n\n第三条 本条例自公布之日起施行。\n'
# not fixed: what a split or a join would leave behind or take in
printf '# 规定\n\n第一条 禁止在市区饮用水水源二级保护区内从事以下行\n\n<!-- 页 3 -->\n\n为：\n\n（一）设置排污口。\n' >fix/keep-between.md
printf '# 规定\n\n第一条 专业技术人员应当参加继续教育。\n\n> 第二条 用人单位应当建立继续教育档案。 第三条 继续教育实行登记制度。\n' >fix/keep-quote.md
printf '# 条例\n\n第一条 违反本条例的，依法追究责任。\n\n第二条 工作人员玩忽职守的，依法给予处分。第二章附则第三条本条例自2014年1月1日起施行。\n' >fix/keep-level.md
printf '# 规定\n\n* 第一条 专业技术人员应当参加继续教育。\n\n  第二条 用人单位应当建立继续教育档案。 第三条 继续教育实行登记制度。\n' >fix/keep-list.md
for f in keep-between keep-quote keep-level keep-list; do
	cp "fix/$f.md" "fix/$f.orig"
	"$RB" check --fix "fix/$f.md" >/dev/null 2>&1
	cmp -s "fix/$f.md" "fix/$f.orig" && ok || fail "--fix changed $f: $(diff "fix/$f.orig" "fix/$f.md" | tr '\n' ' ')"
done
# over real laws (tests/data/fix: the ones of the corpus with a fixable
# defect): every edit is where a diagnostic says --fix makes it, the
# --dry-run diff applies to what --fix writes, words are kept, and what
# --fix fixed is not reported after
cp -r "$ROOT/tests/data/fix" fixlaws
"$RB" check fixlaws >/dev/null 2>fixlaws.before
nfix=$(grep -c "note: --fix " fixlaws.before)
[ "$nfix" -ge 80 ] && ok || fail "$nfix fixes over tests/data/fix"
"$RB" check --fix --dry-run fixlaws >fixlaws.diff 2>/dev/null
# each hunk's lines hold a line with a fix note
awk 'FNR == NR { if (match($0, /:[0-9]+:[0-9]+: note: --fix /)) { split(substr($0, 1, RSTART + RLENGTH), p, ":"); at[p[1] ":" p[2]] = 1 }; next }
	/^\+\+\+ b\// { file = substr($0, 7); next }
	/^@@ / { split($2, r, ","); a = substr(r[1], 2) + 0; n = (2 in r) ? r[2] + 0 : 1; hunks++
		for (l = a; l < a + n; l++) if ((file ":" l) in at) { named++; break } }
	END { if (hunks != named || hunks == 0) { print hunks " hunks, " named " at a fix note"; exit 1 } }' \
	fixlaws.before fixlaws.diff >fixlaws.cover && ok || fail "--fix edits a line no diagnostic names: $(cat fixlaws.cover)"
cp -r fixlaws fixlaws-patched
(cd fixlaws-patched/.. && sed 's,^\(---\|+++\) [ab]/fixlaws/,\1 fixlaws-patched/,' "$tmp/fixlaws.diff" | patch -s -p0) && ok ||
	fail "the --dry-run diff over the laws does not apply"
RULEBOOK_FIX_COUNTS=1 "$RB" check --fix fixlaws >/dev/null 2>fixlaws.counts
diff -r fixlaws fixlaws-patched >/dev/null && ok || fail "patch and --fix disagree over the laws"
edits=$(awk -F'\t' '/^fix\t/ { n += $3 } END { print n + 0 }' fixlaws.counts)
[ "$edits" -eq "$nfix" ] && ok || fail "$edits edits for $nfix fix notes"
for k in "paragraph joined" "heading split off" "item label restored" "reference completed" "－ → 一"; do
	grep -q "^fix	$k	" fixlaws.counts && ok || fail "no '$k' over the laws: $(cat fixlaws.counts)"
done
# words kept: only blanks removed, labels and 第/条 added, lookalikes replaced
for f in "$ROOT"/tests/data/fix/*.md; do
	python3 "$ROOT/tests/ci/fixwords.py" "$f" "fixlaws/$(basename "$f")" >words.out && ok ||
		fail "--fix changed words: $(head -n 3 words.out)"
done
"$RB" check fixlaws >/dev/null 2>fixlaws.after
grep -q "note: --fix " fixlaws.after && fail "fixes left after --fix: $(grep -B1 'note: --fix' fixlaws.after | head -4)" || ok
before=$(grep -c ": warning: " fixlaws.before)
after=$(grep -c ": warning: " fixlaws.after)
[ "$after" -eq $((before - nfix)) ] && ok || fail "$before warnings, $nfix fixed, $after after"
# the --dry-run diff applies with patch -p1 and gives what --fix writes
if command -v patch >/dev/null 2>&1; then
	mkdir -p fixp
	printf '# 规定\n\n第一条 有下列情形之一的：\n\n（一)甲；\n\n（二 乙。\n\n笫二条 附则。\n' >fixp/m.md
	cp fixp/m.md fixp/m.orig
	"$RB" check --fix --dry-run fixp/m.md >fixp/m.diff 2>/dev/null
	patch -s -p1 <fixp/m.diff && ok || fail "the --dry-run diff does not apply"
	cp fixp/m.md fixp/m.patched
	cp fixp/m.orig fixp/m.md
	"$RB" check --fix fixp/m.md 2>/dev/null
	cmp -s fixp/m.md fixp/m.patched && ok || fail "patch and --fix disagree"
fi
expect 2 "--fix with --baseline-write" -- "$RB" check --fix --baseline-write b.txt fixp/m.md
# not fixed: a gap (content may be missing), an ambiguous separator
printf '# 规定\n\n第一条 总则。\n\n第三条 附则。\n' >fix/gap.md
cp fix/gap.md fix/gap.orig
expect 0 "--fix leaves a gap" -- "$RB" check --fix fix/gap.md
cmp -s fix/gap.md fix/gap.orig && ok || fail "--fix changed a gap"
has err "'rulebook fmt --renumber'"
printf '# 规定\n\n第一条 有下列情形之一的：\n\n一、甲；\n\n二，、乙。\n' >fix/amb.md
cp fix/amb.md fix/amb.orig
"$RB" check --fix fix/amb.md 2>/dev/null
cmp -s fix/amb.md fix/amb.orig && ok || fail "--fix changed an ambiguous separator: $(cat fix/amb.md)"
expect 2 "--dry-run without --fix" -- "$RB" check --dry-run fix/gap.md
expect 2 "--fix --dry-run with a report on stdout" -- "$RB" check --fix --dry-run --diagnostics json fix/gap.md
# a warning turned off is not fixed
cp fix/lookalike-di.orig fix/off.md
"$RB" check --fix -W no-numbering-numeral fix/off.md 2>/dev/null
cmp -s fix/off.md fix/lookalike-di.orig && ok || fail "--fix fixed a warning turned off"
# the file keeps its mode
cp fix/lookalike-di.orig fix/mode.md
chmod 640 fix/mode.md
"$RB" check --fix fix/mode.md 2>/dev/null
[ "$(stat -c %a fix/mode.md)" = 640 ] && ok || fail "--fix changed the mode to $(stat -c %a fix/mode.md)"

# ---- --version ----
expect 0 "--version" -- "$RB" --version
has out "rulebook 0."
has out "libyaml "
has out "cmark "
has out "libxml2 "

# ---- docs/ci.md: every rulebook command of its two jobs, run ----
mkdir -p repo/regulations/a repo/regulations/b
printf '# 甲\n\n第一条 总则。\n\n第二条 附则。\n' >repo/regulations/a/_index.md
printf '# 乙\n\n第一条 总则。\n' >repo/regulations/b/_index.md
# the lines "run: rulebook ..." (GitHub) and "- rulebook ..." (GitLab)
sed -n 's/^ *run: \(rulebook .*\)$/\1/p; s/^ *- \(rulebook .*\)$/\1/p' "$ROOT/docs/ci.md" >cmds
count cmds "rulebook " 4
PATH="$ROOT/$BUILD:$PATH"
export PATH
while IFS= read -r c; do
	(cd repo && sh -c "$c") >/dev/null 2>"$tmp/err" && ok || fail "docs/ci.md: '$c' failed: $(cat err)"
done <cmds
has repo/rulebook.sarif '"version": "2.1.0"'
[ -f repo/public/a/_index.html ] && [ -f repo/public/b/_index.html ] && ok ||
	fail "docs/ci.md: the build published $(cd repo && find public -type f | tr '\n' ' ')"
[ "$(cat repo/gl-code-quality-report.json)" = "[]" ] && ok || fail "clean code quality report: $(cat repo/gl-code-quality-report.json)"
# with a defect: the reports carry it, the checks fail
printf '# 丙\n\n第一条 总则。\n\n第三条 附则。\n' >repo/regulations/b/c.md
(cd repo && sh -c "$(sed -n 1p "$tmp/cmds")") 2>/dev/null && fail "the GitHub check passed a gap under --werror" || ok
has repo/rulebook.sarif '"ruleId": "numbering-gap"'
(cd repo && sh -c "$(sed -n 3p "$tmp/cmds")") 2>/dev/null
has repo/gl-code-quality-report.json '"path": "regulations/b/c.md", "lines": {"begin": 5}'

suite_end
