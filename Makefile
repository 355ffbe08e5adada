# civicguard — build, demo, test and measure.
#
#   make demo    install what is missing, build in release mode, run the filter over samples/
#   make test    install what is missing, run the whole test suite (unit, end-to-end, rule examples)
#   make lint    swift format lint --strict
#   make fuzz    libFuzzer on the YAML loader and the JSON Lines filter, FUZZ_SECONDS (60) each; not run by CI
#   make bench   throughput and the slowest rules, on the bundled rules (release build)
#   make bench-startup  start-up plus one short message in text mode, from a rule snapshot and from YAML
#   make bench-pii      the personal-data packs alone on ../shared/eval/pii/dev.jsonl (texts only)
#   make bench-check   `civicguard check` on 10,000 synthetic template files of ~1 KB (release build)
#   make bench-review  the review store with 1,000,000 records: recording, list, stats (release build)
#   make eval-pii / make eval-conduct   score the filter on ../shared/eval (development sets)
#   make eval-functional   the conduct rules on a generated functional suite, per guideline row (SHOW_MISSES=N)
#   make eval-pii-formats   generated personal data in unusual formats: caught or leaked, per format and value
#   make install PREFIX=/usr/local      the binary plus its rules and policies in $(PREFIX)/share/civicguard

SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
DEBIAN_PACKAGES := libpcre2-dev libyaml-dev libsqlite3-dev pkg-config wdutch wamerican wbritish
TEST_PACKAGES := python3 python3-jsonschema
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := -c release --static-swift-stdlib
BIN := .build/release/civicguard
DEBUG_BIN := .build/debug/civicguard
EVAL := ../shared/eval

.PHONY: deps release demo test lint fuzz install bench bench-startup bench-pii bench-check bench-review eval-pii eval-pii-formats eval-conduct eval-functional clean

# Installs the Debian packages the build needs (and, for `make test`, those the test suite
# needs), only those that are missing.
deps:
	@missing=""; for package in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

release: deps
	$(SWIFT) build $(RELEASE)

demo: release
	@scripts/demo.sh $(BIN)

test: EXTRA_PACKAGES = $(TEST_PACKAGES)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel
	$(DEBUG_BIN) validate
	$(DEBUG_BIN) test
	@# check exits 1 because the sample templates hold findings; anything else is a failure.
	$(DEBUG_BIN) check samples/templates --format sarif > .build/check.sarif; [ $$? -le 1 ]
	python3 scripts/validate-sarif.py .build/check.sarif
	@# The conduct rules on the functional suite: fails when they fall below what they reached (a ratchet, not the goal).
	@python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
	python3 scripts/eval-functional.py $(DEBUG_BIN) --require-exact 0.82 --require-allowed 0.96 > .build/functional.txt \
		|| { tail -n 12 .build/functional.txt; exit 1; }
	@tail -n 1 .build/functional.txt

lint:
	$(SWIFT) format lint --strict -r Sources Tests

# libFuzzer on the YAML loader and the JSON Lines filter, FUZZ_SECONDS each (not run by CI). Seeds: the bundled
# rules and policies, and the first lines of samples/bench.jsonl. Crashes land in .build-fuzz/.
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build --product civicguard-fuzz --build-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	@mkdir -p .build-fuzz/corpus/yaml .build-fuzz/corpus/jsonl
	cp rules/*/*.yaml policies/*.yaml .build-fuzz/corpus/yaml/
	head -n 50 samples/bench.jsonl | split -l 5 - .build-fuzz/corpus/jsonl/seed-
	cd .build-fuzz && CIVICGUARD_FUZZ=yaml CIVICGUARD_RULES=$(CURDIR)/rules ./debug/civicguard-fuzz \
		-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 corpus/yaml
	cd .build-fuzz && CIVICGUARD_FUZZ=jsonl CIVICGUARD_RULES=$(CURDIR)/rules ./debug/civicguard-fuzz \
		-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 corpus/jsonl

bench: release
	$(BIN) bench --corpus samples/bench.jsonl --repeat 20

bench-startup: release
	python3 scripts/bench-startup.py $(BIN) 41

# The default policy with only the pii.* packs, and the dev set's texts and directions without their labels.
bench-pii: release
	@mkdir -p .build/bench-pii
	sed 's/^packs: .*/packs: ["pii.*"]/' policies/default.yaml > .build/bench-pii/policy.yaml
	python3 -c 'import json, sys; [print(json.dumps({k: json.loads(l)[k] for k in ("text", "direction")})) for l in sys.stdin]' \
		< $(EVAL)/pii/dev.jsonl > .build/bench-pii/corpus.jsonl
	$(BIN) bench --corpus .build/bench-pii/corpus.jsonl --policy .build/bench-pii/policy.yaml --repeat 30

bench-check: release
	@rm -rf .build/template-corpus
	python3 scripts/make-template-corpus.py .build/template-corpus 10000
	@for run in 1 2 3 4 5; do \
		/usr/bin/time -q -f "%e s wall, %U s user, %M KB peak" $(BIN) check .build/template-corpus \
			--format json --output /dev/null; [ $$? -le 1 ]; \
	done

bench-review: release
	$(BIN) review bench --store .build/review-bench.sqlite --records 1000000

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/civicguard
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/civicguard
	rm -rf $(DESTDIR)$(PREFIX)/share/civicguard/rules $(DESTDIR)$(PREFIX)/share/civicguard/policies
	cp -R rules policies $(DESTDIR)$(PREFIX)/share/civicguard/

eval-pii: release
	@mkdir -p .build/eval
	$(BIN) filter --jsonl --no-store --policy default < $(EVAL)/pii/dev.jsonl > .build/eval/pii-out.jsonl
	python3 scripts/pii-predictions.py < .build/eval/pii-out.jsonl > .build/eval/pii-preds.jsonl
	python3 $(EVAL)/pii/score.py --gold $(EVAL)/pii/dev.jsonl --pred .build/eval/pii-preds.jsonl

# Values in the formats of issue 12's list, generated by the script (no data set): caught/total per cell.
eval-pii-formats: release
	python3 scripts/pii-formats.py $(BIN)

eval-conduct: release
	@mkdir -p .build/eval
	python3 scripts/conduct-input.py < $(EVAL)/conduct/dev.jsonl > .build/eval/conduct-in.jsonl
	$(BIN) filter --jsonl --no-store --policy default < .build/eval/conduct-in.jsonl > .build/eval/conduct-out.jsonl
	python3 scripts/conduct-predictions.py < .build/eval/conduct-out.jsonl > .build/eval/conduct-preds.jsonl
	python3 $(EVAL)/conduct/score.py --gold $(EVAL)/conduct/dev.jsonl --pred .build/eval/conduct-preds.jsonl

# Messages generated from Tests/CivicGuardTests/Fixtures/functional/conduct.yaml (no data set): a row per guideline row.
eval-functional: release
	python3 scripts/eval-functional.py $(BIN) --show-misses $(or $(SHOW_MISSES),0)

clean:
	rm -rf .build
