#!/usr/bin/env python3
"""Turns `civicguard filter --jsonl` output into {"id", "decision"} predictions for the conduct scorer.

A line the filter could not read is answered with "block", as the filter itself fails closed.
"""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    print(json.dumps({"id": record.get("id"), "decision": record["decision"]}))
