"""Runs `civicguard filter --jsonl` over records, for the evaluation scripts.

Each record has an "id"; the answers come back one per record, in order, or the script stops with exit 2
and the tail of the binary's standard error.
"""

import json
import subprocess
import sys


def run_filter(binary, records, program, is_bad=lambda output: False):
    """The filter's answers to `records`, in their order; `program` names the caller in errors, and an
    answer for which `is_bad` holds stops it as an unreadable one does."""
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    try:
        result = subprocess.run([binary, "filter", "--jsonl", "--no-store", "--policy", "default"],
                                input=lines.encode(), capture_output=True)
    except OSError as error:
        print(f"{program}: cannot run {binary}: {error}", file=sys.stderr)
        sys.exit(2)
    try:
        # Split on newlines only: a JSON string may hold U+2028, which str.splitlines() would split on.
        outputs = [json.loads(line) for line in result.stdout.decode().split("\n") if line]
    except ValueError:
        outputs = []
    bad = [output for output in outputs if is_bad(output)]
    if result.returncode != 0 or bad or [output.get("id") for output in outputs] != [r["id"] for r in records]:
        print(f"{program}: {binary} exited {result.returncode} with {len(outputs)} readable answers to "
              f"{len(records)} messages" + (f"; first bad answer: {bad[0]}" if bad else ""), file=sys.stderr)
        sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
        sys.exit(2)
    return outputs
