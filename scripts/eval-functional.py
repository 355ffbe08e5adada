#!/usr/bin/env python3
"""A functional test suite for the conduct rules: expands templates into messages and scores the filter per row.

Usage: eval-functional.py BINARY [--suite FILE] [--show-misses N] [--rows GLOB] [--list]

The suite (default Tests/CivicGuardTests/Fixtures/functional/conduct.yaml) has one row per row of the labelling
guideline (../shared/eval/conduct/GUIDELINE.md), per direction and language. A row names the decision the
guideline asks for (`expected`: allow | flag | block), some `templates` with `{slot}` placeholders and the
`slots`, named lists of fillers. A row expands to the cartesian product of its slots, template by template
(a slot used twice in one template takes the same filler both times); `{Slot}` capitalises the filler's first
letter, `{SLOT}` writes it in capitals. A slot's list may hold lists (YAML aliases of shared lists): they are
flattened. A row with more distinct messages than its `max` (else the suite's `max_per_row`) keeps the `max`
whose SHA-256 of row id and text is smallest, so the choice is stable and does not depend on the order of
the lists. Messages are sorted and numbered per row (`row.id:0001`), so a run is deterministic.

All messages go through one `BINARY filter --jsonl --no-store --policy default` ({"id", "direction", "lang",
"text"} in, one record per line out, in order). `hold` and `redact` count as `flag` (the message is held).

Prints one line per row: expected decision, n, the share decided exactly as expected, the share not allowed
(rows expecting flag or block) or allowed (rows expecting allow), and the decisions taken; then summaries per
direction and language, per expected decision and overall (micro over messages, macro over rows).
`--show-misses N` lists up to N wrongly decided messages per row, with the rules that fired.
`--rows GLOB` scores only the rows whose id matches; `--list` prints the expanded suite as JSON Lines and runs
nothing (BINARY may then be omitted).

Exits 0 (this is a report), or 2 when the suite is invalid or the binary fails.
"""
import argparse
import fnmatch
import hashlib
import itertools
import json
import os
import re
import signal
import sys
from collections import Counter

from filter_run import run_filter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SUITE = os.path.join(HERE, "..", "Tests", "CivicGuardTests", "Fixtures", "functional", "conduct.yaml")
PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
SLOT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
ROW_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
DIRECTIONS = ("incoming", "outgoing")
LANGUAGES = ("nl", "en")
EXPECTED = ("allow", "flag", "block")
DECISIONS = {"allow": "allow", "flag": "flag", "hold": "flag", "redact": "flag", "block": "block"}
MIN_MESSAGES = 30


def fail(message):
    print(f"eval-functional: {message}", file=sys.stderr)
    sys.exit(2)


def load_suite(path):
    try:
        import yaml
    except ImportError:
        fail("needs PyYAML (apt-get install python3-yaml)")
    try:
        with open(path, encoding="utf-8") as handle:
            suite = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        fail(f"cannot read {path}: {error}")
    if not isinstance(suite, dict) or not isinstance(suite.get("rows"), list):
        fail(f"{path}: expected a mapping with a list `rows`")
    return suite


def flatten(values, where, problems):
    """The fillers of a slot: nested lists (aliases of shared lists) flattened, numbers as text."""
    out = []
    for value in values:
        if isinstance(value, list):
            out.extend(flatten(value, where, problems))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out.append(str(value))
        else:
            problems.append(f"{where}: a filler must be text, not {value!r}")
    return out


def cased(filler, placeholder):
    """`{slot}` as written, `{Slot}` with a capital first letter, `{SLOT}` in capitals."""
    letters = [c for c in placeholder if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return filler.upper()
    if placeholder[0].isupper():
        return filler[:1].upper() + filler[1:]
    return filler


def expand_row(row, slots):
    texts = set()
    for template in row["templates"]:
        names = list(dict.fromkeys(name.lower() for name in PLACEHOLDER.findall(template)))
        for combination in itertools.product(*(slots[name] for name in names)):
            filling = dict(zip(names, combination))
            text = PLACEHOLDER.sub(lambda match: cased(filling[match.group(1).lower()], match.group(1)), template)
            texts.add(text)
    return texts


def sample(row_id, texts, limit):
    if not limit or len(texts) <= limit:
        return sorted(texts)
    key = lambda text: hashlib.sha256(f"{row_id}\0{text}".encode()).hexdigest()
    return sorted(sorted(texts, key=key)[:limit])


def expand_suite(suite, path):
    """[(row, [message dict])] in id order; exits 2 listing every problem found."""
    problems = []
    default_max = suite.get("max_per_row", 0) or 0
    rows, seen_ids = [], set()
    for number, row in enumerate(suite["rows"], 1):
        where = f"{path}: row {number}"
        if not isinstance(row, dict):
            problems.append(f"{where}: not a mapping")
            continue
        row_id = row.get("id")
        where = f"{path}: {row_id or f'row {number}'}"
        if not isinstance(row_id, str) or not ROW_ID.match(row_id):
            problems.append(f"{where}: `id` must be dotted lower-case words")
            continue
        if row_id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(row_id)
        for key, allowed in (("direction", DIRECTIONS), ("lang", LANGUAGES), ("expected", EXPECTED)):
            if row.get(key) not in allowed:
                problems.append(f"{where}: `{key}` must be one of {', '.join(allowed)}, not {row.get(key)!r}")
        if not isinstance(row.get("guideline"), str) or not row["guideline"].strip():
            problems.append(f"{where}: `guideline` (the row of the guideline it tests) is missing")
        if not row_id.startswith(f"{row.get('direction')}.") or not row_id.endswith(f".{row.get('lang')}"):
            problems.append(f"{where}: the id must start with its direction and end with its language")
        templates = row.get("templates")
        if not isinstance(templates, list) or not templates or not all(isinstance(t, str) for t in templates):
            problems.append(f"{where}: `templates` must be a non-empty list of text")
            continue
        raw_slots = row.get("slots") or {}
        if not isinstance(raw_slots, dict):
            problems.append(f"{where}: `slots` must be a mapping")
            continue
        slots = {}
        for name, values in raw_slots.items():
            if not isinstance(name, str) or not SLOT_NAME.match(name):
                problems.append(f"{where}: slot name {name!r} must be lower-case")
            elif not isinstance(values, list):
                problems.append(f"{where}: slot {name} must be a list")
            else:
                slots[name] = list(dict.fromkeys(flatten(values, f"{where}: slot {name}", problems)))
                if not slots[name]:
                    problems.append(f"{where}: slot {name} is empty")
        used = {name.lower() for template in templates for name in PLACEHOLDER.findall(template)}
        for name in sorted(used - slots.keys()):
            problems.append(f"{where}: a template uses {{{name}}}, which is not a slot")
        for name in sorted(slots.keys() - used):
            problems.append(f"{where}: slot {name} is not used by any template")
        if used - slots.keys() or any(not values for values in slots.values()):
            continue
        texts = expand_row(row, slots)
        if len(texts) < MIN_MESSAGES:
            problems.append(f"{where}: expands to {len(texts)} distinct messages, fewer than {MIN_MESSAGES}")
        limit = row.get("max", default_max)
        if limit and limit < MIN_MESSAGES:
            problems.append(f"{where}: max {limit} is below {MIN_MESSAGES}")
        messages = [{"id": f"{row_id}:{i:04d}", "direction": row["direction"], "lang": row["lang"], "text": text}
                    for i, text in enumerate(sample(row_id, texts, limit), 1)]
        rows.append((row, messages))
    # The same message in the same direction cannot be expected to get two decisions.
    expected_of = {}
    for row, messages in rows:
        for message in messages:
            key = (message["direction"], message["text"])
            other = expected_of.setdefault(key, (row["id"], row["expected"]))
            if other[1] != row["expected"]:
                problems.append(f"{path}: {message['text']!r} is expected {other[1]} in {other[0]} "
                                f"but {row['expected']} in {row['id']}")
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        fail(f"{len(problems)} problems in the suite")
    return sorted(rows, key=lambda pair: pair[0]["id"])


def percent(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "     -"


class Tally:
    def __init__(self):
        self.n = self.exact = self.violations = self.caught = self.allows = self.allowed = 0
        self.under = self.over = 0
        self.row_shares = []

    def add(self, expected, got):
        self.n += 1
        self.exact += expected == got
        if expected == "allow":
            self.allows += 1
            self.allowed += got == "allow"
        else:
            self.violations += 1
            self.caught += got != "allow"
        self.under += expected == "block" and got == "flag"
        self.over += expected == "flag" and got == "block"

    def line(self, label, width):
        macro = sum(self.row_shares) / len(self.row_shares) if self.row_shares else 0
        perfect = sum(share == 1 for share in self.row_shares)
        return (f"{label:<{width}} rows {len(self.row_shares):>3} ({perfect:>3} all right)  n {self.n:>5}  "
                f"exact {percent(self.exact, self.n)} (rows' mean {100 * macro:5.1f}%)  "
                f"violations not allowed {percent(self.caught, self.violations)} of {self.violations:>5}  "
                f"allows allowed {percent(self.allowed, self.allows)} of {self.allows:>5}  "
                f"block->flag {self.under:>4}  flag->block {self.over:>4}")


def report(rows, outputs, show_misses):
    decided = {output["id"]: output for output in outputs}
    width = max(len(row["id"]) for row, _ in rows)
    print(f"{'row':<{width}}  {'expected':<8} {'n':>4}  {'exact':>6}  {'not allowed':>11}  {'allowed':>7}   "
          f"{'allow':>5} {'flag':>5} {'block':>5}")
    groups = {}
    misses = []
    for row, messages in rows:
        expected = row["expected"]
        tally, counts = Tally(), Counter()
        wrong = []
        for message in messages:
            got = DECISIONS[decided[message["id"]]["decision"]]
            counts[got] += 1
            tally.add(expected, got)
            if got != expected:
                wrong.append((message, decided[message["id"]]))
        share = tally.exact / tally.n
        not_allowed = percent(tally.caught, tally.violations) if expected != "allow" else "-"
        allowed = percent(tally.allowed, tally.allows) if expected == "allow" else "-"
        print(f"{row['id']:<{width}}  {expected:<8} {tally.n:>4}  {percent(tally.exact, tally.n)}  "
              f"{not_allowed:>11}  {allowed:>7}   {counts['allow']:>5} {counts['flag']:>5} {counts['block']:>5}")
        for key in ((row["direction"], row["lang"]), (row["direction"], "*"), ("*", row["lang"]),
                    ("expected", expected), ("*", "*")):
            group = groups.setdefault(key, Tally())
            group.row_shares.append(share)
            for message in messages:
                group.add(expected, DECISIONS[decided[message["id"]]["decision"]])
        if wrong and show_misses:
            misses.append((row, wrong))

    labels = [((d, l), f"{d} {l}") for d in DIRECTIONS for l in LANGUAGES]
    labels += [((d, "*"), f"{d}") for d in DIRECTIONS] + [(("*", l), f"{l}") for l in LANGUAGES]
    labels += [(("expected", e), f"expected {e}") for e in EXPECTED] + [(("*", "*"), "overall")]
    label_width = max(len(label) for _, label in labels)
    print()
    for key, label in labels:
        if key in groups:
            if label == "overall":
                print()
            print(groups[key].line(label, label_width))

    if misses:
        print(f"\nmisses, up to {show_misses} per row (id, decision, rules, text):")
        for row, wrong in misses:
            print(f"{row['id']} (expected {row['expected']}, {len(wrong)} wrong)")
            for message, output in wrong[:show_misses]:
                rules = ",".join(sorted({f["rule"] for f in output.get("findings", []) if "rule" in f})) or "-"
                print(f"  {message['id']}  {output['decision']:<6} {rules}  {message['text']}")
    return groups[("*", "*")]


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly
    parser = argparse.ArgumentParser(description="Functional test suite for the conduct rules, scored per row.")
    parser.add_argument("binary", nargs="?", help="the civicguard binary")
    parser.add_argument("--suite", default=DEFAULT_SUITE, help="the suite (YAML); default: %(default)s")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="list up to N wrongly decided messages per row")
    parser.add_argument("--rows", metavar="GLOB", help="only the rows whose id matches GLOB (e.g. 'incoming.hate.*')")
    parser.add_argument("--list", action="store_true", help="print the expanded suite as JSON Lines, run nothing")
    parser.add_argument("--require-exact", type=float, metavar="SHARE",
                        help="exit 1 when fewer than SHARE (0-1) of all messages are decided exactly as expected")
    parser.add_argument("--require-allowed", type=float, metavar="SHARE",
                        help="exit 1 when fewer than SHARE (0-1) of the messages expected allow are allowed")
    arguments = parser.parse_args()

    rows = expand_suite(load_suite(arguments.suite), os.path.relpath(arguments.suite))
    if arguments.rows:
        rows = [(row, messages) for row, messages in rows if fnmatch.fnmatchcase(row["id"], arguments.rows)]
        if not rows:
            fail(f"no row matches {arguments.rows!r}")
    if arguments.list:
        for row, messages in rows:
            for message in messages:
                print(json.dumps({**message, "expected": row["expected"]}, ensure_ascii=False))
        return
    if not arguments.binary:
        parser.error("BINARY is required unless --list is given")
    records = [message for _, messages in rows for message in messages]
    outputs = run_filter(arguments.binary, records, "eval-functional",
                         lambda output: "error" in output or DECISIONS.get(output.get("decision")) is None)
    overall = report(rows, outputs, arguments.show_misses)
    below = []
    if arguments.require_exact is not None and overall.exact < arguments.require_exact * overall.n:
        below.append(f"exact {overall.exact}/{overall.n} is below {arguments.require_exact:.1%}")
    if arguments.require_allowed is not None and overall.allowed < arguments.require_allowed * overall.allows:
        below.append(f"allowed {overall.allowed}/{overall.allows} is below {arguments.require_allowed:.1%}")
    if below:
        print("functional suite: " + "; ".join(below), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
