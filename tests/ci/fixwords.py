#!/usr/bin/env python3
"""fixwords.py OLD NEW: the words of NEW are those of OLD but for what
check --fix may change: blanks and heading marks (a join, a split), a
label inserted whole (第三章, （七）), 第 or 条 inserted in a reference, and
a lookalike or bracket replaced (－ → 一, ) → ）).  Prints each other change
and exits 1."""
import difflib
import re
import sys

LABEL = re.compile(r'^(第[一二三四五六七八九十百零〇]+[章节编条]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)$')
REPLACE = {('－', '一'), (')', '）'), ('笫', '第')}


def words(path):
    with open(path, encoding='utf-8') as f:
        return re.sub(r'[\s#]', '', f.read())


old, new = words(sys.argv[1]), words(sys.argv[2])
bad = 0
for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
    a, b = old[i1:i2], new[j1:j2]
    if op == 'equal':
        continue
    if op == 'insert' and (b in ('第', '条', '條') or LABEL.match(b)):
        continue
    if op == 'replace' and (a, b) in REPLACE:
        continue
    print('%s: %s %r -> %r at …%s' % (sys.argv[1], op, a, b, old[max(0, i1 - 10):i1]))
    bad = 1
sys.exit(bad)
