#!/bin/sh
# References of a JSON output (-f json) that link to the clause they stand
# in or to a clause around it without naming it, one "id text -> target" a
# line.  Below an article ids extend their parent's (article-3-item-2), and
# the article itself stands for its first 款: 前款 in its second 款 is fine,
# 第一款 in an item of the first is not.
grep '"refs": ' "$1" | sed -E 's/.*"id": "([^"]*)".*"refs": \[([^]]*)\].*/\1 \2/' | sed -E '
	s/\{"text": "([^"]*)", "target": "([^"]*)", "external": false\}(, )?/\1 \2\n/g
	s/\{"text": "([^"]*)", "target": null, "external": [a-z]*\}(, )?//g' |
awk 'NF == 3 { id = $1; text = $2; t = $3 } NF == 2 { text = $1; t = $2 } NF < 2 || NF > 3 { next }
{
	if (text ~ /^(本条|本款|本项|本目|本章|本节|本编|本法|本條|本項)/) next
	inside = (index(id, t "-") == 1)
	article = (t ~ /^article-[0-9]+(-[0-9]+)?$/)
	# article-142 is not around article-142-1 (第一百四十二条之一)
	if (article && substr(id, length(t) + 2) ~ /^[0-9]/) inside = 0
	first = (id !~ /-paragraph-/)	# the node stands in the first 款
	if (id == t || (inside && !article) || (inside && (text ~ /条$/ || first && text ~ /款$/)))
		print id, text, "->", t
}'
