#!/usr/bin/env bash
# Proves that a build is reproducible: builds the committed tree (HEAD) twice, each time from a fresh
# copy in its own directory, and compares the SHA-256 of every jar the two builds made (the shaded
# CLI jar included). Exits 1 naming the jars that differ. Uncommitted changes are not looked at.
#
#   scripts/check-reproducible.sh          two builds of HEAD, about two minutes on 2 cores
#
# Environment:
#   JAVA_HOME   the Java 17+ to build with (default: java on PATH)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
cd "$project"

say() { printf 'check-reproducible.sh: %s\n' "$*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rancher-sg-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT

build() {
  local dir="$work/$1"
  mkdir -p "$dir"
  git archive --format=tar HEAD | tar -x -C "$dir"
  say "building HEAD in copy $1"
  (cd "$dir" && ./mvnw -B -ntp -q package -DskipTests) >"$work/$1.log" 2>&1 || {
    cat "$work/$1.log" >&2
    say "the build of copy $1 failed"
    exit 1
  }
  # Paths relative to the copy, so that the two lists compare line by line.
  (cd "$dir" && find . -path '*/target/*.jar' -not -path '*/target/lib/*' -type f -print0 | sort -z \
    | xargs -0 sha256sum) >"$work/$1.sha256"
}

build first
build second

if [[ ! -s "$work/first.sha256" ]]; then
  say "the build made no jars"
  exit 1
fi
if ! diff -u "$work/first.sha256" "$work/second.sha256" >&2; then
  say "two builds of $(git rev-parse --short HEAD) made different jars (above)"
  exit 1
fi
say "$(wc -l <"$work/first.sha256") jars, byte-identical in two builds of $(git rev-parse --short HEAD):"
sed 's/^/  /' "$work/first.sha256" >&2
