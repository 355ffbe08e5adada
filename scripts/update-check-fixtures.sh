#!/usr/bin/env bash
# Regenerates the expected `civicguard check` outputs on samples/templates/ after a deliberate change to the
# rules or the formats. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/civicguard}
for format in text json sarif junit github; do
    extension=$format
    [ "$format" = junit ] && extension=junit.xml
    "$bin" check samples/templates --format "$format" > "Tests/CivicGuardTests/Fixtures/check/templates.$extension" || true
done
