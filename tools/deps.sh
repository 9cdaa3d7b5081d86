#!/bin/sh
# Install the Debian packages rulebook needs.
#   tools/deps.sh build|test|bench|all [--if-missing]
# build: what `make` needs; test: also what `make check` needs (Check,
# xmllint, xsltproc, the DocBook 5 schema and stylesheets, Java and npm for
# the Nu HTML checker, which goes to build/tools/; python-docx, LibreOffice,
# a CJK font and poppler to open the Word output; cmark and python3 for the
# CommonMark spec suite); bench: what `make bench` compares against (cmark
# and pandoc).
set -eu

build_pkgs="gcc make pkg-config gettext libyaml-dev libcmark-dev libxml2-dev libzip-dev"
test_pkgs="check locales libxml2-utils xsltproc docbook5-xml docbook-xsl-ns default-jre-headless npm chromium
	poppler-utils unzip python3-docx libreoffice-writer-nogui fonts-noto-cjk cmark python3"
bench_pkgs="pandoc"

case "${1:-all}" in
build) want="$build_pkgs" ;;
test) want="$build_pkgs $test_pkgs" ;;
bench) want="$build_pkgs cmark $bench_pkgs" ;;
all) want="$build_pkgs $test_pkgs $bench_pkgs" ;;
*) echo "usage: tools/deps.sh build|test|bench|all [--if-missing]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: say what is needed and let the build find out.
	if [ "${2:-}" = "--if-missing" ]; then exit 0; fi
	echo "deps: not a Debian system; install the equivalents of: $want" >&2
	exit 1
fi

# a package also counts as present when the command it provides is there
provides() {
	case $1 in
	default-jre-headless) command -v java >/dev/null 2>&1 ;;
	npm) command -v npm >/dev/null 2>&1 ;;
	python3) command -v python3 >/dev/null 2>&1 ;;
	libreoffice-writer-nogui) command -v soffice >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

# the Nu HTML checker (vnu-jar from npm), for the HTML tests
VNU_VERSION=26.9.27
vnu() {
	case "${1:-all}" in test|all) ;; *) return 0 ;; esac
	dir=${VNU_PREFIX:-build/tools}
	[ -f "$dir/node_modules/vnu-jar/build/dist/vnu.jar" ] && return 0
	echo "deps: installing vnu-jar $VNU_VERSION into $dir"
	mkdir -p "$dir"
	# a failure here is reported by the HTML suite, which needs the jar;
	# the other suites still run
	npm install --no-audit --no-fund --ignore-scripts --prefix "$dir" "vnu-jar@$VNU_VERSION" >/dev/null ||
		echo "deps: could not install vnu-jar (the HTML tests will fail)" >&2
}

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' &&
	   ! provides "$p"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	vnu "${1:-all}"
	[ "${2:-}" = "--if-missing" ] || echo "deps: all installed"
	exit 0
fi

echo "deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $missing
vnu "${1:-all}"
