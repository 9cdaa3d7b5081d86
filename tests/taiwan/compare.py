#!/usr/bin/env python3
"""Compare what rulebook made of a Taiwan law with the database's JSON.

    compare.py LAW.json BUILT.json [english]

LAW.json is the law as the official database publishes it (編章節 for a
division, 條號 and 條文內容 for an article, one line per 項, 款 or 目);
BUILT.json is `rulebook build -f json` of the same law in another form.
Prints four words, each "ok" or "differs": the articles (labels as
written, in order), the divisions (label and title, in order), the lines
of every article (項, and 款 and 目 with their labels), and (words-ok)
the words of every article whatever its lines.  With "english"
the English version is compared by numbers only (Article 15-1 for
第 15-1 條; its wording is not the JSON's).  Then the first differences.
"""
import json
import re
import sys

WS = re.compile(r"[\s\u3000]+")
ARTICLE_NO = re.compile(r"(\d+)(?:-(\d+))?")


def squeeze(s):
    """Spaces and bracket widths are not what is compared."""
    s = WS.sub("", s)
    return s.replace("(", "（").replace(")", "）")


def law_of(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    arts, divs = [], []
    for x in d["法規內容"]:
        if "編章節" in x:
            divs.append(WS.sub(" ", x["編章節"].strip()))
        else:
            lines = [l.strip(" \u3000") for l in x["條文內容"].split("\r\n")]
            arts.append((x["條號"], [squeeze(l) for l in lines if l.strip()]))
    return arts, divs


DIVISIONS = {"part", "chapter", "section"}


def built_of(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    arts, divs = [], []

    def lines_of(n, out):
        for c in n.get("children", []):
            if c["kind"] in ("paragraph", "item"):
                out.append(squeeze(c.get("label", "") + c.get("title", "") + c.get("text", "")))
            elif c["kind"] == "table":
                out.append("<table>")
            lines_of(c, out)

    def walk(n):
        for c in n.get("children", []):
            if c["kind"] == "article":
                first = c.get("title", "") + c.get("text", "")
                if c.get("deleted"):
                    first = "（刪除）"  # the database's placeholder
                out = [squeeze(first)] if first else []
                lines_of(c, out)
                arts.append((c["label"], out))
            elif c["kind"] in DIVISIONS:
                divs.append(WS.sub(" ", (c["label"] + " " + c.get("title", "")).strip()))
                walk(c)
            else:
                walk(c)

    for doc in d["documents"]:
        walk(doc)
    return arts, divs


def number_of(label):
    m = ARTICLE_NO.search(label)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "at %d: want %r, got %r" % (i + 1, x, y)
    return "want %d, got %d" % (len(a), len(b))


def main():
    want_arts, want_divs = law_of(sys.argv[1])
    got_arts, got_divs = built_of(sys.argv[2])
    english = len(sys.argv) > 3 and sys.argv[3] == "english"
    notes = []
    if english:
        wl = [number_of(l) for l, _ in want_arts]
        gl = [number_of(l) for l, _ in got_arts]
        arts_ok = wl == gl
        divs_ok = len(want_divs) == len(got_divs)
        lines_ok = [len(t) for _, t in want_arts] == [len(t) for _, t in got_arts]
        if not divs_ok:
            notes.append("divisions: want %d, got %d" % (len(want_divs), len(got_divs)))
    else:
        wl = [l for l, _ in want_arts]
        gl = [l for l, _ in got_arts]
        arts_ok = wl == gl
        divs_ok = want_divs == got_divs
        lines_ok = arts_ok and all(w == g for (_, w), (_, g) in zip(want_arts, got_arts))
        if not divs_ok:
            notes.append("divisions " + first_diff(want_divs, got_divs))
    if not arts_ok:
        notes.append("articles " + first_diff(wl, gl))
    elif not lines_ok:
        for (l, w), (_, g) in zip(want_arts, got_arts):
            if (len(w) != len(g)) if english else (w != g):
                notes.append("lines of %s: %s" % (l, first_diff(w, g)))
                break
    # the words of every article, whatever its lines (hard wraps joined)
    words_ok = english or (arts_ok and all("".join(w) == "".join(g) for (_, w), (_, g) in zip(want_arts, got_arts)))
    word = lambda ok: "ok" if ok else "differs"
    print(word(arts_ok), word(divs_ok), word(lines_ok), "words-" + word(words_ok))
    for n in notes[:3]:
        print("  " + n[:300])


if __name__ == "__main__":
    main()
