#!/usr/bin/env python3
"""Validates SARIF files against the official OASIS SARIF 2.1.0 schema (a copy lives in
Tests/CivicGuardTests/Fixtures/schemas/; `make test` installs python3-jsonschema).

Usage: validate-sarif.py FILE... ; exits 1 naming the first file that does not validate.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate-sarif.py: needs python3-jsonschema (apt-get install python3-jsonschema)")

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "Tests", "CivicGuardTests", "Fixtures", "schemas", "sarif-schema-2.1.0.json")

with open(SCHEMA, encoding="utf-8") as handle:
    schema = json.load(handle)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as error:
        print(f"{path}: not valid SARIF 2.1.0: {error.message}", file=sys.stderr)
        sys.exit(1)
    print(f"{path}: valid SARIF 2.1.0 ({len(document['runs'][0]['results'])} results)")
