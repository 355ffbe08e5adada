#!/usr/bin/env python3
"""Turns `civicguard filter --jsonl` output into predictions for ../shared/eval/pii/score.py.

A prediction is every personal-data finding the filter acts on. Findings demoted to a flag (a number that
failed its checksum but sits next to a context word) are left out: the filter does not redact them.
Reads the filter's output on stdin, writes predictions on stdout.
"""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    if "error" in record:
        print(json.dumps({"id": record.get("id"), "entities": []}))
        continue
    spans = [
        {"start": f["start"], "end": f["end"], "type": f["entity"]}
        for f in record["findings"]
        if "entity" in f and f["action"] != "flag"
    ]
    print(json.dumps({"id": record["id"], "entities": spans}))
