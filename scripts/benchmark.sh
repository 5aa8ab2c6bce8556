#!/usr/bin/env bash
# Measures rancher-sg and writes the results part of docs/benchmarks.md: EC2 calls per operation, the
# cold `rancher-sg check` with and without the CDS archives and side by side with the AWS CLI reading
# the same group, a scan of 1,000 groups across 4 regions per pool size, how a scan grows with the
# number of groups, and a fleet scan of 20 accounts x 3 regions with 300 ms added to every call. Builds
# what it runs (the benchmarks module is built only with the benchmarks profile), starts its own
# LocalStack and stops it on exit.
#
#   scripts/benchmark.sh                           the full run (about a quarter of an hour on 2 cores)
#   scripts/benchmark.sh --quick                   100 groups, 3 runs per measurement: about three minutes
#   scripts/benchmark.sh --fleet-only --scan-runs 1   the fleet scan alone (about two minutes); replaces
#                                                  only its section of the report
#   scripts/benchmark.sh --serve-only              rancher-sg serve alone: event to repaired, pass time,
#                                                  memory after many passes, idle CPU (about 45 minutes;
#                                                  --serve-passes 50,150 for about a quarter of an hour);
#                                                  replaces only its section of the report
#
# Other options go to the benchmark program: --groups N, --runs N, --scan-runs N, --parallelism 1,2,4,8,
# --fleet-accounts N, --fleet-regions N (1 to 4), --fleet-groups N, --fleet-latency-ms N,
# --fleet-parallelism 1,4,16, --serve-events N, --serve-passes 50,500,
# --out FILE (default docs/benchmarks.md), --aws-cli FILE (default: the AWS CLI pinned in
# scripts/localstack-constraints.txt, from LocalStack's virtual environment).
#
# Environment:
#   JAVA_HOME                   the Java 17+ to build and measure with (default: java on PATH)
#   RANCHER_SG_LOCALSTACK_HOME  LocalStack's cached virtual environment (see scripts/localstack.sh)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
cd "$project"

say() { printf 'benchmark.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

for arg in "$@"; do
  case "$arg" in
    # The comment block at the top of this file, without its '#'.
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
[[ -n "$java" && -x "$java" ]] || die "no java found: install Java 17 or later, or set JAVA_HOME"

# GNU time reads CPU time and peak memory from the kernel's accounting, which the numbers in
# docs/benchmarks.md come from. Installing software is the machine owner's call, never this script's.
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: install it (the 'time' package on Debian,"\
" Ubuntu and Fedora) and run again"

# Maven builds only what changed; the CLI's jar and its class-data-sharing archive come with the cli module.
say "building the CLI and the benchmark"
# The benchmarks module is built only with its profile, never by the default build.
./mvnw -q -B -ntp -Pbenchmarks -pl cli,benchmarks -am package -DskipTests

# Private copies of what is measured, outside target/: a build running meanwhile (./mvnw verify, or clean)
# rewrites or deletes the jars under target/, which would break a measurement half-way. The CLI's
# class-data-sharing archive names its jar's path, so the benchmark makes one for the copy, with the
# build's own training command.
state_dir="$project/target/localstack-bench"
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/rancher-sg-benchmark.XXXXXX")
cleanup() {
  scripts/localstack.sh stop --state-dir "$state_dir" >/dev/null 2>&1 || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot() { # copies file $1 to $2, again until $1 did not change during the copy
  local before after
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    before=$(stat -c '%s %Y' "$1") && cp "$1" "$2" && after=$(stat -c '%s %Y' "$1") && [[ "$before" == "$after" ]] && return 0
    sleep 3
  done
  die "$1 kept changing while being copied"
}
mkdir -p "$run_dir/lib" "$run_dir/cli"
jars=(benchmarks/target/rancher-sg-benchmarks-*.jar)
[[ -f "${jars[0]}" ]] || die "the build made no benchmarks jar"
snapshot "${jars[0]}" "$run_dir/lib/$(basename "${jars[0]}")"
for lib in benchmarks/target/lib/*.jar; do snapshot "$lib" "$run_dir/lib/$(basename "$lib")"; done
snapshot cli/target/rancher-sg.jar "$run_dir/cli/rancher-sg.jar"

endpoint=$(scripts/localstack.sh start --state-dir "$state_dir" --owner-pid $$ | sed -n 's/^endpoint=//p')
[[ -n "$endpoint" ]] || die "LocalStack did not start; see $state_dir/localstack.log"

# The AWS CLI a cold check is compared with: the one pinned beside LocalStack, so that nothing new is needed.
aws_cli="$(scripts/localstack.sh venv)/bin/aws"
[[ -x "$aws_cli" ]] || die "no AWS CLI at $aws_cli (it is pinned in scripts/localstack-constraints.txt)"

# What the jars were built from: the commit, and whether the working tree differed from it.
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || revision="$revision with uncommitted changes"

say "measuring against LocalStack at $endpoint"
"$java" -Xmx1g -cp "$run_dir/lib/*" io.ranchersg.benchmarks.Benchmark \
  --project "$project" \
  --jar "$run_dir/cli/rancher-sg.jar" \
  --endpoint "$endpoint" \
  --command "scripts/benchmark.sh${*:+ $*}" \
  --revision "$revision" \
  --aws-cli "$aws_cli" \
  "$@"

out=docs/benchmarks.md
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[$i]}" == --out ]] && out=${args[$((i + 1))]:-$out}
done
say "report: $out"
