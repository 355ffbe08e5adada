#!/usr/bin/env bash
# The demo behind `make demo`: the filter on the bundled rules, policy and samples.
set -uo pipefail
bin=${1:-.build/release/civicguard}
cd "$(dirname "$0")/.."

# The demo records into a scratch review store with its own seal key, never into yours.
rm -rf .build/demo && mkdir -p .build/demo
export CIVICGUARD_STORE=.build/demo/review.sqlite CIVICGUARD_SEAL_KEY_FILE=.build/demo/seal.key
"$bin" review keygen --output "$CIVICGUARD_SEAL_KEY_FILE" 2>/dev/null

printf '\n== JSON Lines: samples/messages.jsonl through the default policy ==\n\n'
"$bin" filter --jsonl < samples/messages.jsonl

printf '\n== The same, explained for people (personal data masked) ==\n\n'
"$bin" filter --jsonl --no-store --explain < samples/messages.jsonl 2>&1 >/dev/null

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

printf '\n== The review queue: what the filter held, flagged and blocked ==\n\n'
"$bin" review list --status all
held=$(printf 'We beloven dat uw stoep morgen klaar is!!!' | "$bin" filter --direction outgoing 2>/dev/null; \
    "$bin" review list --decision hold --format csv --limit 1 | sed -n 2p | cut -d, -f1)
printf '\n$ civicguard review show %s --reveal --reviewer Eva --reason "check the wording"\n' "$held"
"$bin" review show "$held" --reveal --reviewer Eva --reason "check the wording"
printf '\n$ civicguard review approve %s --reviewer Eva   # prints the text to publish\n' "$held"
"$bin" review approve "$held" --reviewer Eva
printf '\n$ civicguard review verify\n'
"$bin" review verify

printf '\n== CI gate: civicguard check samples/templates (good and bad reply templates) ==\n\n'
"$bin" check samples/templates
printf 'exit %s (1: a template the policy would hold or block)\n\n' "$?"
