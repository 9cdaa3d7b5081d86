#!/bin/sh
# Handbooks and their metadata (SPEC §3.4): the language and profile each
# document keeps inside a manifest, the book's own keys (history,
# preamble, cover, closing), dates, and the labels every format uses.
set -u
. "$(dirname "$0")/../lib.sh"
suite book
HERE=$(cd "$(dirname "$0")" && pwd)

# build DESCRIPTION FORMAT INPUT: exit 0, output in $tmp/out (a directory
# for several formats), messages in $tmp/err
build() {
	rm -rf "$tmp/out"
	o="$tmp/out"
	case $2 in *,*) o="$tmp/out/" ;; esac
	if "$RB" build -f "$2" -o "$o" "$3" 2>"$tmp/err"; then ok; else
		fail "$1: exit $?: $(head -c 300 "$tmp/err")"
	fi
}
has() { # has DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then ok; else fail "$1: '$3' not in: $(head -c 400 "$2")"; fi
}
hasnt() { # hasnt DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then fail "$1: '$3' in: $(grep -F -- "$3" "$2" | head -c 300)"; else ok; fi
}

cd "$tmp" || exit 1
cp "$HERE"/*.yaml "$HERE"/*.md . 2>/dev/null

# an English policy alone, and inside a Chinese handbook: en, en-handbook
build "English policy alone" json en-policy.yaml
has "English YAML policy alone is English" out '"lang": "en", "profile": "en-handbook"'
build "Chinese handbook with an English policy" json zh-book.yaml
has "the book stays Chinese" out '"kind": "book", "title": "某某医院员工手册", "meta": {}, "source": "zh-book.yaml", "lang": "zh-Hans"'
[ "$(grep -c '"lang": "en", "profile": "en-handbook"' out)" -eq 2 ] && ok ||
	fail "the English YAML and Markdown policies lost en/en-handbook in the handbook: $(grep -o '"lang": "[^"]*", "profile": "[^"]*"' out | tr '\n' ' ')"
build "Chinese handbook, text" text zh-book.yaml
has "English policy's text says Effective" out 'Effective: 2026-03-01'
has "English policy's text says Version" out 'Version: 1.0'
has "the Chinese document keeps its labels" out '施行日期：2026年3月1日'
has "a Chinese book has 目录" out '目　录'
# a handbook of English documents is an English book
build "English handbook" text en-book.yaml
has "English book: Contents" out 'Contents'
hasnt "English book: no 目录" out '目　录'
build "English handbook, HTML" html en-book.yaml
has "English book: html lang en" out '<html lang="en"'
hasnt "English book: no 目录 in HTML" out '目录'
# the manifest's profile, when stated, is every unstated document's
build "manifest profile" json stated-profile.yaml
[ "$(grep -c '"profile": "cn-gongwen"' out)" -ge 2 ] && ok || fail "the manifest's profile was not given to its documents"

# one set of labels: 施行日期 in text as in HTML; adopted shown everywhere
build "adopted and effective" html,text,docbook adopted.yaml
has "text: 通过日期" out/adopted.txt '通过日期：2026年2月1日'
has "text: 施行日期" out/adopted.txt '施行日期：2026年3月1日'
hasnt "text: no 生效日期" out/adopted.txt '生效日期'
has "HTML: 通过日期" out/adopted.html '<dt>通过日期</dt><dd><time datetime="2026-02-01">2026年2月1日</time></dd>'
has "HTML: 施行日期" out/adopted.html '<dt>施行日期</dt>'
has "DocBook: adopted" out/adopted.xml '<date role="adopted">2026-02-01</date>'

suite_end
