#!/usr/bin/env python3
"""Strips ../shared/eval/conduct/dev.jsonl to what the filter may see: id, text and direction (no labels)."""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    print(json.dumps({"id": record["id"], "text": record["text"], "direction": record["direction"]}, ensure_ascii=False))
