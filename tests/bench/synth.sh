#!/bin/sh
# synth.sh N: a synthetic Chinese law in Markdown with N articles — 编, 章
# and 节 headings, 款, items in every numbering style (（一） 1. （1） ① 一、
# (a)), 之N insertions, （删去） slots and references (本法第N条, 前款,
# 第N条第二款, ranges) — deterministic for a given N.
set -eu
awk -v n="${1:-10000}" '
function cn(v,   s, d, u, i, digit, out, zero, started) {
	split("零 一 二 三 四 五 六 七 八 九", d, " ")
	split("千 百 十 _", u, " ")
	out = ""; zero = 0; started = 0
	s = sprintf("%04d", v % 10000)
	if (v >= 10000) out = cn(int(v / 10000)) "万"
	for (i = 1; i <= 4; i++) {
		digit = substr(s, i, 1) + 0
		if (digit == 0) { if (started || v >= 10000) zero = 1; continue }
		if (zero) out = out "零"
		zero = 0
		if (!(digit == 1 && i == 3 && !started && v < 100)) out = out d[digit + 1]
		if (i < 4) out = out u[i]
		started = 1
	}
	return out
}
BEGIN {
	print "# 中华人民共和国示例大法"
	print ""
	print "2024年1月1日 示例会议通过"
	print ""
	print "<!-- INFO END -->"
	print ""
	part = 0; chap = 0; sect = 0
	for (a = 1; a <= n; a++) {
		if ((a - 1) % 2000 == 0) { part++; chap = 0; print "## 第" cn(part) "编 分则第" cn(part) "部分"; print "" }
		if ((a - 1) % 100 == 0) { chap++; sect = 0; print "### 第" cn(chap) "章 第" cn(chap) "类事项"; print "" }
		if ((a - 1) % 25 == 0) { sect++; print "#### 第" cn(sect) "节 具体规定"; print "" }
		if (a % 97 == 0) { print "第" cn(a) "条 （删去）"; print ""; continue }
		printf "第%s条 为了规范第%d类管理活动，保障当事人的合法权益，依照本法第%s条的规定，结合实际情况，制定本条规定。\n\n", cn(a), a, cn(a > 1 ? a - 1 : 1)
		if (a % 3 == 0) {
			print "有下列情形之一的，依照前款规定处理："
			print ""
			print "（一）未按照规定办理登记手续的；"
			print ""
			print "（二）提供虚假材料，情节严重的；"
			print ""
			print "1. 涉及金额较大；"
			print ""
			print "2. 造成社会影响；"
			print ""
			print "（三）其他违反本法第" cn(a > 2 ? a - 2 : 1) "条至第" cn(a) "条规定的情形。"
			print ""
		}
		if (a % 5 == 0) {
			print "（1）当事人应当在三十日内提出申请；"
			print ""
			print "（2）主管部门应当及时答复，并说明理由。"
			print ""
		}
		if (a % 7 == 0) {
			print "① 书面形式；"
			print ""
			print "② 电子形式。"
			print ""
		}
		if (a % 11 == 0) { printf "第%s条之一 本条规定适用于第%s条%s所列情形。\n\n", cn(a), cn(a), a % 3 == 0 ? "第二款" : "" }
	}
}'
