#!/usr/bin/env bash
# Installs the Python tools the export tests run into cached virtual environments, at exact
# versions: cfn-lint, python-hcl2 and the AWS CLI (scripts/test-tools-constraints.txt), checkov
# in one of its own (scripts/checkov-constraints.txt), whose pins clash with theirs, and
# kubernetes-validate for the Kubernetes examples (scripts/kubernetes-constraints.txt).
#
#   scripts/test-tools.sh install [checkov|kubernetes]   create the cached virtual environment
#   scripts/test-tools.sh venv [checkov|kubernetes]      install if needed, then print its path
#
# Without a kit, the environment of cfn-lint, python-hcl2 and the AWS CLI.
#
# Environment:
#   RANCHER_SG_LOCALSTACK_HOME  cache for the virtual environments, shared with scripts/localstack.sh
#                               (default: ${XDG_CACHE_HOME:-~/.cache}/rancher-sg)
#   PYTHON                      the interpreter that creates them (default: python3; Python 3.10 to 3.13)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${RANCHER_SG_LOCALSTACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rancher-sg}
python=${PYTHON:-python3}

say() { printf 'test-tools.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

command=${1:-}
kit=${2:-}
# Each kit: its pins, the name of its environments, and the packages to install (the pins named
# here; the rest are their dependencies).
case "$kit" in
  "") constraints="$here/test-tools-constraints.txt"; name=test-tools; packages='cfn-lint\|python-hcl2\|awscli' ;;
  checkov) constraints="$here/checkov-constraints.txt"; name=checkov; packages='checkov' ;;
  kubernetes) constraints="$here/kubernetes-constraints.txt"; name=kubernetes; packages='kubernetes-validate' ;;
  *) usage >&2; exit 64 ;;
esac

# The pins decide the directory, so a changed pin set gets a venv of its own; the marker holds the
# same hash, so a half-finished install (killed pip, full disk) is rebuilt, not reused.
constraints_hash() { sha256sum "$constraints" | cut -d' ' -f1; }
hash=$(constraints_hash)
venv="$cache/$name-${hash:0:12}"

tools() { sed -n "s/^\\($packages\\)==/&/p" "$constraints"; }

install() {
  mkdir -p "$cache"
  exec 9>"$cache/.$name.lock"
  flock 9
  if [[ -f "$venv/.complete" && "$(cat "$venv/.complete")" == "$hash" ]]; then
    return 0
  fi
  command -v "$python" >/dev/null || die "no '$python' on PATH: install Python 3.10 to 3.13 with venv and pip, or set PYTHON"
  "$python" - <<'PY' || die "the test tools need Python 3.10 to 3.13 (set PYTHON to one)"
import sys
sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)
PY
  say "installing $(tools | sed 's/==.*//' | paste -sd ' ') into $venv (once)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  # shellcheck disable=SC2046
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" $(tools) >&2
  echo "$hash" >"$venv/.complete"
}

case "$command" in
  install) install ;;
  venv) install; echo "$venv" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 64 ;;
esac
