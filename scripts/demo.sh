#!/usr/bin/env bash
# The demo behind `make demo`: the filter on the bundled rules, policy and samples.
set -uo pipefail
bin=${1:-.build/release/civicguard}
cd "$(dirname "$0")/.."

printf '\n== JSON Lines: samples/messages.jsonl through the default policy ==\n\n'
"$bin" filter --jsonl < samples/messages.jsonl

printf '\n== The same, explained for people (personal data masked) ==\n\n'
"$bin" filter --jsonl --explain < samples/messages.jsonl 2>&1 >/dev/null

printf '\n== Text mode: one message on stdin, the exit status says what to do ==\n'
run() {
    local direction=$1 text=$2 output status
    output=$(printf '%s' "$text" | "$bin" filter --direction "$direction" 2>/tmp/civicguard-demo.err)
    status=$?
    printf '\n$ printf %q | civicguard filter --direction %s\n' "$text" "$direction"
    case $status in
        0) printf 'exit 0 (publish): %s\n' "$output" ;;
        1) printf 'exit 1 (blocked): %s\n' "$(cat /tmp/civicguard-demo.err)" ;;
        3) printf 'exit 3 (held for review): %s\n' "$(cat /tmp/civicguard-demo.err)" ;;
        *) printf 'exit %s (not checked): %s\n' "$status" "$(cat /tmp/civicguard-demo.err)" ;;
    esac
}
run outgoing "Dank voor je melding, we pakken het op."
run incoming "Mijn nummer is 06-12345678, bel me even."
run outgoing "We beloven dat het morgen klaar is!!!"
run outgoing "Uw BSN 111222333 staat in ons systeem."
rm -f /tmp/civicguard-demo.err

printf '\n== CI gate: civicguard check samples/templates (good and bad reply templates) ==\n\n'
"$bin" check samples/templates
printf 'exit %s (1: a template the policy would hold or block)\n\n' "$?"
