#!/usr/bin/env bash
# Runs the README's first command exactly as a new user would: in a fresh clone of this commit,
# with an empty HOME and nothing of this environment but PATH (no AWS variables, no ~/.aws, no
# Maven repository, no LocalStack cache). Fails on a non-zero exit, on a stack trace or Python
# traceback in the output, or on any process of the run still alive afterwards.
#
#   scripts/try-as-new-user.sh      (CI runs it after the tests; takes a few minutes)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")

# The command as the README writes it: the first line of the first code block of its set-up section.
command=$(awk '/^## Two commands on a fresh machine/ {section=1} section && /^```/ {if (block) exit; block=1; next}
               block && NF {print; exit}' "$project/README.md" | sed 's/[[:space:]]*#.*$//')
[[ -n "$command" ]] || { echo "try-as-new-user: no command found in the README's set-up section" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  pkill -KILL -f "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
git clone -q "$project" "$work/clone"
mkdir "$work/home"

echo "try-as-new-user: running '$command' in a fresh clone with an empty HOME"
started=$SECONDS
set +e
(cd "$work/clone" && env -i PATH="$PATH" HOME="$work/home" bash -c "$command") >"$work/output" 2>&1 </dev/null
code=$?
set -e
echo "try-as-new-user: exit $code after $((SECONDS - started)) s"

failed=0
if [[ $code -ne 0 ]]; then
  echo "try-as-new-user: '$command' exited $code" >&2
  failed=1
fi
if grep -nE 'Traceback \(most recent call last\)|Exception in thread|^[[:space:]]+at [A-Za-z0-9_.$]+\(.*\)$' "$work/output" >&2; then
  echo "try-as-new-user: a stack trace in the output" >&2
  failed=1
fi
sleep 1
if leftover=$(pgrep -a -f "$work"); then
  echo "try-as-new-user: processes left running:" >&2
  echo "$leftover" >&2
  failed=1
fi
if [[ $failed -ne 0 ]]; then
  echo "---- output" >&2
  tail -n 60 "$work/output" >&2
  exit 1
fi
echo "try-as-new-user: passed"
