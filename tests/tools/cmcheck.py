#!/usr/bin/env python3
"""Nothing lost through rulebook (tests/commonmark/run.sh).

cmcheck.py spec RULEBOOK SPEC ALLOW WORKDIR

Each example of SPEC becomes the body of a document under `# Spec
example`; rulebook builds canonical Markdown, HTML and DocBook of all of
them in one run, then canonical Markdown of the canonical Markdown.  For
each example, one line per check:

  ok NUM CHECK            or      FAIL NUM CHECK what differs

  same       cmark's HTML of our canonical Markdown is cmark's HTML of the
             input, after the normalisations of docs/format.md (below);
             an example in ALLOW for `same` is reported `ok` with its reason
  fixpoint   canonical Markdown of canonical Markdown is the same bytes
  comments   every HTML comment of cmark's rendering of the input is in
             cmark's rendering of our canonical Markdown
  html       every word and link target of cmark's rendering of the input
  docbook    is in our HTML (title page and <main>) / our DocBook (we may
             add words: labels)

then one line of figures per output.  The allow-list has one example a
line, `NUM same reason`; it never excuses a lost word or link.

cmcheck.py keeps RULEBOOK WORKDIR FILE...

What `fmt` writes of each Markdown FILE keeps its words and links: every
letter and digit of cmark's rendering of the file (front matter aside),
and every link target, is in cmark's rendering of its canonical Markdown
(which may add labels and metadata), and so is every HTML comment but
the <!-- INFO END --> marker, which is structure.  One line per file,
`ok NAME` or `FAIL NAME what is lost`.
"""
import collections
import concurrent.futures
import html.parser
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse

TITLE = "Spec example"
FENCE = "`" * 32


def examples(spec):
    """(number, markdown) of every example, tabs written as → restored."""
    out, cur, inside, n = [], None, False, 0
    with open(spec, encoding="utf-8") as f:
        for line in f:
            if line.startswith(FENCE + " example"):
                inside, cur = True, []
            elif inside and line.rstrip("\n") == ".":
                inside = False
                n += 1
                out.append((n, "".join(cur).replace("→", "\t")))
            elif inside:
                cur.append(line)
    return out


class Text(html.parser.HTMLParser):
    """Words and link targets of an HTML or XML fragment; given the
    Markdown source of cmark's rendering, the numbers of ordered list
    entries as written there too."""

    def __init__(self, link_attrs, source=None):
        super().__init__(convert_charrefs=True)
        self.link_attrs = link_attrs
        self.chunks, self.links = [], []
        self.source, self.lists = source, []

    def handle_starttag(self, tag, attrs):
        self.chunks.append(" ")
        if self.source and tag in ("ol", "ul"):
            self.lists.append(tag)
        elif self.source and tag == "li" and self.lists and self.lists[-1] == "ol":
            # the number as the source writes it (cmark counts on from the
            # first), found by the entry's source position
            line, col = dict(attrs)["data-sourcepos"].split("-")[0].split(":")
            text = self.source[int(line) - 1].encode()[int(col) - 1:].decode(errors="replace")
            # leading zeros aside; 0 is no number (numbering starts at 1)
            number = re.match(r"\s*(\d*)", text).group(1)
            self.chunks.append(str(int(number)) + " " if number and int(number) else " ")
        for k, v in attrs:
            if (tag, k) in self.link_attrs and v:
                self.links.append("#" + v if k == "linkend" else norm_url(v))
            if tag == "img" and k == "alt" and v:
                self.chunks.append(" " + v + " ")

    def handle_endtag(self, tag):
        self.chunks.append(" ")
        if self.source and tag in ("ol", "ul") and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        self.chunks.append(data)

    def words(self):
        return re.findall(r"\w+", "".join(self.chunks))


def norm_url(u):
    return urllib.parse.unquote(u)


def parse(text, link_attrs):
    p = Text(link_attrs)
    p.feed(text)
    p.close()
    return collections.Counter(p.words()), collections.Counter(p.links)


CMARK_LINKS = {("a", "href")}
OUR_HTML_LINKS = {("a", "href")}
DOCBOOK_LINKS = {("link", "xlink:href"), ("link", "linkend")}


def cmark(text, unsafe):
    args = ["cmark"] + (["--unsafe"] if unsafe else [])
    return subprocess.run(args, input=text.encode(), capture_output=True, check=True).stdout.decode()


def comments(md):
    """The HTML comments of cmark's rendering of md (blocks and inline, not
    those in code, which it escapes), blanks squeezed, the INFO END marker
    aside."""
    found = (re.sub(r"\s+", " ", c) for c in re.findall(r"<!--.*?-->", cmark(md, True), flags=re.S))
    return collections.Counter(c for c in found if c != "<!-- INFO END -->")


def front_matter_off(md):
    """Canonical Markdown without the YAML front matter (metadata, not body)."""
    if md.startswith("---\n"):
        end = md.find("\n---\n", 3)
        if end >= 0:
            return md[end + 5:]
    return md


def normalise(h):
    """cmark HTML modulo what canonical Markdown may respell (docs/format.md):
    heading levels (one # per structural level), lists written loose (a
    blank line between entries: <p> in every <li>), HTML comments (not
    content), our INFO END marker."""
    h = re.sub(r"<(/?)h[1-6]>", r"<\1h>", h)
    h = re.sub(r"<!--.*?-->[ \t]*", "", h, flags=re.S)
    h = re.sub(r"^[ \t]+$", "", h, flags=re.M)
    out, depth = [], 0
    for tok in re.split(r"(<[^>]*>)", h):
        if re.match(r"<li[ >]", tok):
            depth += 1
        elif tok == "</li>":
            depth -= 1
        elif depth > 0 and tok in ("<p>", "</p>"):
            continue
        out.append(tok)
    h = re.sub(r"\n+", "\n", "".join(out))
    return re.sub(r"\n</li>", "</li>", re.sub(r"(<li[^>]*>)\n", r"\1", h))


def lost(want, have):
    """What of the Counter want is missing from have."""
    return sorted((want - have).elements())


def change(want, got):
    """What a difference in cmark's HTML amounts to: lost links, lost words, markup."""
    ww, wl = parse(want, CMARK_LINKS)
    gw, gl = parse(got, CMARK_LINKS)
    if wl != gl:
        return "links changed"
    if ww != gw:
        return "words changed"
    return "markup changed"


def letters(md):
    """Letters and digits of cmark's rendering of md (a list entry's number
    among them; compatibility forms as their plain form: ㈠ is (一), ５ is
    5), and its link targets."""
    html_text = subprocess.run(["cmark", "--unsafe", "--sourcepos"], input=md.encode(),
                               capture_output=True, check=True).stdout.decode()
    p = Text(CMARK_LINKS, source=md.split("\n"))
    p.feed(re.sub(r"<!--.*?-->", "", html_text, flags=re.S))
    p.close()
    text = unicodedata.normalize("NFKC", "".join(p.chunks))
    return (collections.Counter(c for c in text if c.isalnum()),
            collections.Counter(p.links))


def keeps(rb, work, files):
    src, out = os.path.join(work, "keep-src"), os.path.join(work, "keep-out")
    os.makedirs(src, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    names = []
    for i, f in enumerate(files):
        name = os.path.join(src, "f%04d.md" % i)
        with open(f, "rb") as a, open(name, "wb") as b:
            b.write(a.read())
        names.append(name)
    if subprocess.run([rb, "build", "-f", "markdown", "-o", out + "/"] + names,
                      capture_output=True).returncode != 0:
        # an error in one file stops the whole build: one at a time
        for i, name in enumerate(names):
            subprocess.run([rb, "build", "-f", "markdown", "-o",
                            os.path.join(out, "f%04d.md" % i), name], capture_output=True)

    # the spec examples and imports are files of the scratch directory
    shown = [f[len(work):].lstrip("/") if f.startswith(work) else f for f in files]

    def one(i):
        with open(names[i], encoding="utf-8-sig", errors="replace") as f:
            before = front_matter_off(f.read().replace("\r\n", "\n"))
        try:
            with open(os.path.join(out, "f%04d.md" % i), encoding="utf-8") as f:
                after = front_matter_off(f.read())
        except OSError:
            return "FAIL %s no canonical Markdown" % shown[i]
        bw, bl = letters(before)
        aw, al = letters(after)
        lw, ll = lost(bw, aw), lost(bl, al)
        if lw or ll:
            return "FAIL %s letters lost %r links lost %r" % (shown[i], "".join(lw)[:200], ll[:10])
        lc = lost(comments(before), comments(after))
        if lc:
            return "FAIL %s comments lost %r" % (shown[i], lc[:5])
        return "ok %s" % shown[i]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for line in pool.map(one, range(len(files))):
            print(line)


def main():
    if sys.argv[1] == "keeps":
        keeps(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    rb, spec, allow_file, work = sys.argv[2:6]
    allow = {}
    with open(allow_file, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if line:
                num, check, reason = line.split(None, 2)
                allow[(int(num), check)] = reason
    exs = examples(spec)
    src, out1, out2 = (os.path.join(work, d) for d in ("src", "out", "again"))
    for d in (src, out1, out2):
        os.makedirs(d, exist_ok=True)
    for n, md in exs:
        with open(os.path.join(src, "ex%03d.md" % n), "w", encoding="utf-8") as f:
            f.write("# %s\n\n%s" % (TITLE, md))
    names = [os.path.join(src, "ex%03d.md" % n) for n, _ in exs]
    subprocess.run([rb, "build", "-f", "markdown,html,docbook", "-o", out1 + "/"] + names,
                   capture_output=True)
    again = [os.path.join(out1, "ex%03d.md" % n) for n, _ in exs]
    subprocess.run([rb, "build", "-f", "markdown", "-o", out2 + "/"] + again, capture_output=True)

    def read(path):
        try:
            with open(path, encoding="utf-8") as f:
                return f.read()
        except OSError:
            return None

    def one(item):
        n, md = item
        full = "# %s\n\n%s" % (TITLE, md)
        canon = read(os.path.join(out1, "ex%03d.md" % n))
        res = []
        if canon is None:
            return [("FAIL", n, "same", "no canonical Markdown")]
        want = normalise(cmark(full, True))
        got = normalise(cmark(front_matter_off(canon), True))
        if want == got:
            res.append(("ok", n, "same", ""))
        elif (n, "same") in allow:
            res.append(("ok", n, "same", "allowed: " + allow[(n, "same")]))
        else:
            res.append(("FAIL", n, "same", "%s; cmark: %r ours: %r"
                        % (change(want, got), want, got)))
        lc = lost(comments(full), comments(front_matter_off(canon)))
        res.append(("FAIL" if lc else "ok", n, "comments", "lost %r" % lc if lc else ""))
        twice = read(os.path.join(out2, "ex%03d.md" % n))
        res.append(("ok" if twice == canon else "FAIL", n, "fixpoint",
                    "" if twice == canon else "%r then %r" % (canon, twice)))
        # the title is in our page's header, outside <main>
        body = cmark(full, False).replace("<h1>%s</h1>\n" % TITLE, "", 1)
        words, links = parse(body, CMARK_LINKS)
        page = read(os.path.join(out1, "ex%03d.html" % n)) or ""
        # the title page (a second # heading is the subtitle) and <main>,
        # not the contents, which repeat the headings
        m = re.search(r"<header.*?</header>", page, re.S)
        text = (m.group(0) if m else "") + page[page.find("<main>"):]
        for check, text, attrs in (("html", text, OUR_HTML_LINKS),
                                   ("docbook", read(os.path.join(out1, "ex%03d.xml" % n)) or "",
                                    DOCBOOK_LINKS)):
            w, l = parse(text, attrs)
            lw, ll = lost(words, w), lost(links, l)
            if check == "docbook":
                # a link to an id the document lacks keeps its words only:
                # DocBook cannot link to no id
                ll = [u for u in ll if not u.startswith("#")]
            if lw or ll:
                res.append(("FAIL", n, check, "words lost %s links lost %s" % (lw, ll)))
            else:
                res.append(("ok", n, check, ""))
        return res

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = [r for rs in pool.map(one, exs) for r in rs]
    figures = collections.Counter()
    for status, n, check, what in results:
        print(status, n, check, what)
        figures[(check, status)] += 1
        if what.startswith("allowed:"):
            figures[(check, "allowed")] += 1
        if status == "FAIL" and check == "same":
            figures[what.split(";")[0]] += 1
    for check in ("same", "fixpoint", "comments", "html", "docbook"):
        print("figures %s: %d of %d pass (%d of them allowed)"
              % (check, figures[(check, "ok")], figures[(check, "ok")] + figures[(check, "FAIL")],
                 figures[(check, "allowed")]))
    print("figures same failed: %d links changed, %d words changed, %d markup changed"
          % (figures["links changed"], figures["words changed"], figures["markup changed"]))


if __name__ == "__main__":
    main()
