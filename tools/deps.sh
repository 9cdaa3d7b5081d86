#!/bin/sh
# Install the Debian packages rulebook needs.
#   tools/deps.sh build|test|bench|all [--if-missing]
# build: what `make` needs; test: also what `make check` needs (Check, and
# xmllint, xsltproc, the DocBook 5 schema and stylesheets); bench: what
# `make bench` compares against.
set -eu

build_pkgs="gcc make pkg-config libyaml-dev libcmark-dev libxml2-dev"
test_pkgs="check libxml2-utils xsltproc docbook5-xml docbook-xsl-ns"
bench_pkgs="cmark"

case "${1:-all}" in
build) want="$build_pkgs" ;;
test) want="$build_pkgs $test_pkgs" ;;
bench) want="$build_pkgs $bench_pkgs" ;;
all) want="$build_pkgs $test_pkgs $bench_pkgs" ;;
*) echo "usage: tools/deps.sh build|test|bench|all [--if-missing]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: say what is needed and let the build find out.
	if [ "${2:-}" = "--if-missing" ]; then exit 0; fi
	echo "deps: not a Debian system; install the equivalents of: $want" >&2
	exit 1
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	[ "${2:-}" = "--if-missing" ] || echo "deps: all installed"
	exit 0
fi

echo "deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $missing
