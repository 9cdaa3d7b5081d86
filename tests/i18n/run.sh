#!/bin/sh
# Messages in the reader's language (GNU gettext): zh_CN in simplified
# characters, zh_TW, zh_HK in traditional, English otherwise; codes,
# option names and JSON keys never translated; every message of the
# sources has a translation in both catalogs.  The Chinese locales are
# compiled into a private LOCPATH, so the machine needs none installed.
set -u
. "$(dirname "$0")/../lib.sh"
suite i18n
loc="$tmp/locales"
mkdir -p "$loc"
for l in zh_CN zh_TW zh_HK en_US; do
	localedef -i "$l" -f UTF-8 "$loc/$l.UTF-8" >/dev/null 2>&1 ||
		fail "localedef $l (tools/deps.sh test installs the locales package)"
done
CATALOGS="$(pwd)/$BUILD/locale"
as() { # LOCALE COMMAND...: run rulebook in LOCALE with the build's catalogs
	in_locale=$1
	shift
	LOCPATH="$loc" LC_ALL="$in_locale" LANGUAGE= RULEBOOK_LOCALEDIR="$CATALOGS" "$RB" "$@"
}
printf '# 测试办法\n\n第一条 总则。\n\n第三条 附则。\n\n第四条 违反本办法第九条的。\n' >"$tmp/t.md"
cat >"$tmp/zh_CN" <<'X'
t.md:5:1: 警告: 期望第二条，实际为第三条 [numbering-gap]
t.md:7:7: 警告: 本办法第九条 未指向任何条文：不存在第九条 [xref-unresolved]
X
cat >"$tmp/zh_TW" <<'X'
t.md:5:1: 警告: 期望第二条，實際為第三条 [numbering-gap]
t.md:7:7: 警告: 本办法第九条 未指向任何條文：不存在第九条 [xref-unresolved]
X
cat >"$tmp/en_US" <<'X'
t.md:5:1: warning: expected 第二条, found 第三条 [numbering-gap]
t.md:7:7: warning: 本办法第九条 refers to no clause: there is no 第九条 [xref-unresolved]
X
cp "$tmp/zh_TW" "$tmp/zh_HK"
cd "$tmp" || exit 1
for l in zh_CN zh_TW zh_HK en_US; do
	as "$l.UTF-8" check t.md 2>"$tmp/out"
	[ $? -eq 0 ] && cmp -s "$tmp/out" "$tmp/$l" && ok || { fail "$l: check"; diff "$tmp/$l" "$tmp/out" | head -n 6; }
done
# a locale the machine does not have, and none at all: English
as C check t.md 2>"$tmp/out"; cmp -s "$tmp/out" "$tmp/en_US" && ok || fail "C: not English"
as fr_FR.UTF-8 check t.md 2>"$tmp/out"; cmp -s "$tmp/out" "$tmp/en_US" && ok || fail "fr_FR: not English"
# LANGUAGE picks the catalog inside a Chinese locale, as gettext does
LOCPATH="$loc" LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_TW RULEBOOK_LOCALEDIR="$CATALOGS" "$RB" check t.md 2>"$tmp/out"
cmp -s "$tmp/out" "$tmp/zh_TW" && ok || fail "LANGUAGE=zh_TW"
# usage errors and help
as zh_CN.UTF-8 check --bogus t.md 2>"$tmp/out"
[ $? -eq 2 ] && grep -qx "rulebook check: 未知选项 '--bogus'（参见 'rulebook help check'）" "$tmp/out" && ok ||
	{ fail "zh_CN usage error"; cat "$tmp/out"; }
as zh_TW.UTF-8 --help >"$tmp/out"; grep -q '^用法：rulebook build' "$tmp/out" && ok || fail "zh_TW --help"
for c in build check import fmt; do
	as zh_CN.UTF-8 help "$c" >"$tmp/out"
	grep -q '^用法：rulebook' "$tmp/out" && [ "$(LC_ALL=C grep -c "$(printf '[\344-\351]')" "$tmp/out")" -ge 3 ] && ok || fail "zh_CN help $c not in Chinese"
	# the options stay as they are
	as en_US.UTF-8 help "$c" | grep -o -- '--[a-z-]*' | sort -u >"$tmp/o.en"
	grep -o -- '--[a-z-]*' "$tmp/out" | sort -u >"$tmp/o.zh"
	cmp -s "$tmp/o.en" "$tmp/o.zh" && ok || fail "help $c: options differ in Chinese"
done
# machine formats: translated messages, untranslated keys, codes and levels
as zh_CN.UTF-8 check --diagnostics json t.md >"$tmp/out"
grep -q '"code": "numbering-gap"' "$tmp/out" && grep -q '"severity": "warning"' "$tmp/out" &&
	grep -q '期望第二条' "$tmp/out" && ok || { fail "zh_CN JSON diagnostics"; head -n 5 "$tmp/out"; }
as zh_CN.UTF-8 check --diagnostics sarif t.md >"$tmp/out"
grep -q '"ruleId": "numbering-gap"' "$tmp/out" && grep -q '"level": "warning"' "$tmp/out" && ok || fail "zh_CN SARIF"
# --fix reads what the message names beside the source's words (the
# number a heading or item lost, the 第 a reference lacks, the separator
# the siblings use): in either language the same edits
printf '# 条例\n\n## 第一章 总则\n\n第一条 为了促进城市绿化，制定本条例。\n\n## 法律责任\n\n第二条 违反本条例一条规定的，责令限期改正。\n\n## 第三章 附则\n\n第三条 本条例所称费用包括：\n\n1、诊疗费；\n\n2自费药。\n\n第四条 公共体育设施包括：\n\n（一）体育场；\n\n健身广场；\n\n（三）游泳馆。\n' >"$tmp/f.md"
as en_US.UTF-8 check --fix --dry-run f.md >"$tmp/f.en" 2>/dev/null
grep -c '^+' "$tmp/f.en" | grep -qx 5 && ok || { fail "en_US: --fix edits"; cat "$tmp/f.en"; }
for l in zh_CN zh_TW; do
	as "$l.UTF-8" check --fix --dry-run f.md >"$tmp/f.$l" 2>/dev/null
	cmp -s "$tmp/f.en" "$tmp/f.$l" && ok || { fail "$l: --fix does not make the edits it makes in English"; diff "$tmp/f.en" "$tmp/f.$l"; }
done
cd "$OLDPWD" || exit 1
# the catalogs: every message of the sources translated, none fuzzy, and
# every format directive kept (msgfmt --check)
make -s --no-print-directory po-check BUILD="$BUILD" >"$tmp/po" 2>&1 && ok || { fail "catalog coverage"; head "$tmp/po"; }
for l in zh_CN zh_TW; do
	msgfmt --check -o /dev/null "po/$l.po" 2>"$tmp/po" && ok || { fail "po/$l.po"; head -n 5 "$tmp/po"; }
done
# traditional means traditional: no simplified-only character in zh_TW
if grep '^msgstr' po/zh_TW.po | grep -q '[这为实际条编号错误数组项规则输开]'; then fail "simplified characters in zh_TW"; else ok; fi
suite_end
