#!/usr/bin/env bash
# Builds the release as the README's "Cutting a release" says, then checks what it made and tries the
# self-contained archive as a user with no Java would:
#   - every jar names its Automatic-Module-Name; core, aws-provisioner and export have sources and
#     javadoc jars (javadoc's doclint passes: the build fails otherwise);
#   - the archive is under 80 MiB, its .sha256 matches, and it holds the launcher, the jar, the
#     runtime and its class-data-sharing archive, the SBOM, README and LICENSE;
#   - unpacked into an empty directory and run with a PATH that holds no java and no JAVA_HOME:
#     --version (with the runtime's class-data-sharing archive required, -Xshare:on), then every
#     command against LocalStack on this host (scripts/localstack.sh), ensure first; the second
#     must leave the archive of the jar's classes in the (empty) HOME's cache.
#
#   scripts/check-release.sh             build (-Prelease package -DskipTests -Dgpg.skip), then check
#   scripts/check-release.sh --no-build  check what an earlier release build left in dist/target
#
# CI runs it after the tests (.ci/run): about two minutes when verify has compiled everything.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
cd "$project"

say() { printf 'check-release.sh: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

build=1
case "${1:-}" in
  --no-build) build=0 ;;
  "") ;;
  *) say "usage: scripts/check-release.sh [--no-build]"; exit 64 ;;
esac

started=$SECONDS
if [[ $build == 1 ]]; then
  say "building the release profile"
  ./mvnw -B -ntp -q -Prelease package -DskipTests -Dgpg.skip
  say "built in $((SECONDS - started)) s"
fi

version=$(sed -n 's/^  <version>\(.*\)<\/version>$/\1/p' pom.xml | head -n 1)
[[ -n "$version" ]] || fail "no version in pom.xml"

# The jars: a module name in each manifest; sources and javadoc for the published modules.
while IFS= read -r jar; do
  name=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [[ "$name" == io.ranchersg.* ]] || fail "$jar has no Automatic-Module-Name"
done < <(find . -path ./dist -prune -o -path '*/target/*.jar' -not -name '*-sources.jar' \
  -not -name '*-javadoc.jar' -not -path '*/target/lib/*' -print)
for module in core aws-provisioner export; do
  for kind in sources javadoc; do
    [[ -s "$module/target/rancher-sg-$module-$version-$kind.jar" ]] || fail "no $kind jar for $module"
  done
done

# The archive and its checksum, checked as the README tells a user to.
archive_name="rancher-sg-$version-linux-x86_64.tar.gz"
archive="dist/target/$archive_name"
[[ -f "$archive" ]] || fail "$archive is missing"
(cd dist/target && sha256sum --check --quiet "$archive_name.sha256") || fail "$archive does not match its .sha256"
size=$(stat -c %s "$archive")
((size < 80 * 1024 * 1024)) || fail "$archive is $size bytes, over 80 MiB"
listing=$(tar -tzf "$archive")
for entry in bin/rancher-sg lib/rancher-sg.jar runtime/bin/java runtime/lib/server/classes.jsa \
    rancher-sg.cdx.json README.md LICENSE; do
  grep -qx "rancher-sg-$version/$entry" <<<"$listing" || fail "$archive has no $entry"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rancher-sg-release.XXXXXX")
cleanup() {
  "$here/localstack.sh" stop --state-dir "$work/localstack" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/unpacked" "$work/home" "$work/path"
tar -xzf "$archive" -C "$work/unpacked"
install_dir="$work/unpacked/rancher-sg-$version"

# A PATH with only what the launcher uses: bash and a few coreutils, and no java.
for tool in bash dirname readlink cksum mkdir mv rm; do
  ln -s "$(command -v "$tool")" "$work/path/$tool"
done
nojava() {
  env -i PATH="$work/path" HOME="$work/home" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
    AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true "$@"
}
if nojava bash -c 'command -v java' >/dev/null; then
  fail "the PATH for the archive still finds a java"
fi
rancher_sg="$install_dir/bin/rancher-sg"

out=$(nojava RANCHER_SG_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:on" "$rancher_sg" --version) \
  || fail "rancher-sg --version failed (or the runtime could not map its class-data-sharing archive)"
grep -q -- "$version" <<<"$out" || fail "rancher-sg --version printed '$out', not $version"
say "--version with no java on PATH: $out"

# Every command against the emulator, each as a user would type it (exit 0: done, in sync).
endpoint=$("$here/localstack.sh" start --state-dir "$work/localstack" --owner-pid $$ | sed -n 's/^endpoint=//p')
[[ -n "$endpoint" ]] || fail "LocalStack did not start"
run() {
  local expected=$1
  shift
  local code=0
  (cd "$work/home" && nojava "$rancher_sg" "$@") >"$work/output" 2>&1 || code=$?
  if [[ $code != "$expected" ]]; then
    cat "$work/output" >&2
    fail "rancher-sg $* exited $code, not $expected"
  fi
  if grep -nE 'Exception in thread|^[[:space:]]+at [A-Za-z0-9_.$]+\(.*\)$' "$work/output" >&2; then
    fail "rancher-sg $* printed a stack trace"
  fi
  say "ok: rancher-sg $*"
}
ec2=(--endpoint-url="$endpoint")
run 0 ensure "${ec2[@]}"
run 0 check "${ec2[@]}" --report-file=report.json
# That second run made the archive of the jar's classes that the next runs start with.
compgen -G "$work/home/.cache/rancher-sg/cds/rancher-sg-$version-*.jsa" >/dev/null \
  || fail "the second run made no class-data-sharing archive in the cache"
run 0 plan "${ec2[@]}"
run 0 rules
run 0 scan "${ec2[@]}"
run 0 export --format=terraform --output-file=rancher-nodes.tf
run 0 export --import --format=terraform "${ec2[@]}"
run 0 export --format=cloudformation
run 0 stack rules --cluster=release --layout=rke2
run 0 stack ensure --cluster=release --layout=rke2 "${ec2[@]}"
run 0 stack check --cluster=release --layout=rke2 "${ec2[@]}"
run 0 stack plan --cluster=release --layout=rke2 "${ec2[@]}"
run 0 stack export --cluster=release --layout=rke2 --format=aws-cli
run 0 stack delete --cluster=release --yes "${ec2[@]}"
run 0 delete --yes "${ec2[@]}"
run 0 generate-completion
say "passed in $((SECONDS - started)) s: $archive_name, $((size / 1024 / 1024)) MiB, runtime modules:" \
  "$(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$install_dir/runtime/release")"
