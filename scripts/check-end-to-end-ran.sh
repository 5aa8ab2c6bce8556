#!/usr/bin/env bash
# Fails a CI build in which a module with end-to-end tests ran none of them, which Failsafe alone
# lets pass: when a JUnit tag, an include pattern or a class-level abort leaves nothing to run, it
# writes no summary and its verify goal says "No tests to run." and succeeds. The ci profile of the
# parent pom calls it twice in each module with end-to-end tests:
#
#   scripts/check-end-to-end-ran.sh reset SUMMARY             before the tests: no summary of a past build counts
#   scripts/check-end-to-end-ran.sh check SUMMARY SKIPPED...  after them: exit 1 unless SUMMARY counts tests
#
# SKIPPED are the values of skipTests, skipITs and maven.test.skip: when one is "true" nothing was
# meant to run and the check passes.
set -euo pipefail

say() { printf 'check-end-to-end-ran.sh: %s\n' "$*" >&2; }

mode=${1:?usage: check-end-to-end-ran.sh reset|check SUMMARY [SKIPPED...]}
summary=${2:?usage: check-end-to-end-ran.sh reset|check SUMMARY [SKIPPED...]}
shift 2

case "$mode" in
  reset)
    rm -f "$summary"
    ;;
  check)
    for skipped in "$@"; do
      [[ "$skipped" == true ]] && exit 0
    done
    if [[ ! -f "$summary" ]]; then
      say "no end-to-end test ran in this module ($summary is missing); CI must not pass on tests that did not run"
      exit 1
    fi
    completed=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$summary")
    if [[ -z "$completed" || "$completed" -eq 0 ]]; then
      say "no end-to-end test ran in this module ($summary counts ${completed:-nothing}); CI must not pass on tests that did not run"
      exit 1
    fi
    ;;
  *)
    say "unknown mode '$mode': reset or check"
    exit 64
    ;;
esac
