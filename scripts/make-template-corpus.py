#!/usr/bin/env python3
"""Writes a synthetic template repository for timing `civicguard check` (issue: 10,000 files of ~1 KB).

Usage: make-template-corpus.py DIR [COUNT]   (default 10,000 files)

A mix like a real webcare repository: 50% YAML catalogues (several languages per key), 20% JSON
catalogues, 20% Markdown, 10% plain text; about one file in ten holds something to find. Each file is
about 1 KB. Sentences are this script's own. Deterministic.
"""
import json
import os
import random
import sys

random.seed(20261126)
GOOD_NL = [
    "Dank voor je melding over {onderwerp}. We hebben het doorgezet naar de buitendienst.",
    "Vervelend dat je hier last van hebt. Je kunt een melding doen via de website of de app.",
    "De ophaaldagen voor je wijk vind je in de afvalkalender op onze site.",
    "We begrijpen je vraag. Een vergunning aanvragen kan via Mijn Gemeente met DigiD.",
    "Goed dat je dit laat weten, {naam}. We kijken er deze week naar.",
    "De milieustraat is op zaterdag open van 9.00 tot 16.00 uur.",
]
GOOD_EN = [
    "Thank you for reporting {topic}. We have passed it on to the field team.",
    "Sorry to hear about this. You can file a report through the website or the app.",
    "You will find the collection days for your area in the waste calendar on our site.",
    "Applying for a permit is done online; the page explains which documents you need.",
]
BAD = [
    "Stuur je BSN even in een reactie, dan zoeken we het op.",
    "Het is morgen gerepareerd, dat beloof ik!!!",
    "Bel mijn collega rechtstreeks op haar directe nummer.",
    "Your benefits claim was rejected because of your debts.",
    "We already told you this twice, please read before posting.",
]
TOPICS = ["het kapotte hek", "de lantaarnpaal", "zwerfafval", "de volle container", "een losse stoeptegel"]


def sentence(bad):
    if bad and random.random() < 0.5:
        return random.choice(BAD)
    text = random.choice(GOOD_NL + GOOD_EN)
    return text.format(onderwerp=random.choice(TOPICS), topic="the broken fence", naam="{{ naam }}")


def paragraph(bad, size=110):
    parts = []
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(sentence(bad and not parts))
    return " ".join(parts)


def yaml_file(bad):
    lines, n = ["replies:"], 0
    while sum(len(line) + 1 for line in lines) < 950:
        lines.append(f"  onderwerp_{n}:")
        for language in ("nl", "en"):
            lines.append(f'    {language}: "{paragraph(bad and n == 0)}"')
        n += 1
    return "\n".join(lines) + "\n"


def json_file(bad):
    catalogue, n = {}, 0
    while len(json.dumps(catalogue, indent=2, ensure_ascii=False)) < 950:
        catalogue[f"key_{n}"] = {"nl": paragraph(bad and n == 0), "en": paragraph(False)}
        n += 1
    return json.dumps({"replies": catalogue}, indent=2, ensure_ascii=False) + "\n"


def prose(bad, markdown):
    blocks = ["# Antwoord\n"] if markdown else []
    while sum(len(b) + 1 for b in blocks) < 950:
        blocks.append(paragraph(bad and len(blocks) <= 1, 200))
    return "\n\n".join(blocks) + "\n"


def main():
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    total = 0
    for i in range(count):
        bad = random.random() < 0.1
        kind = random.random()
        if kind < 0.5:
            name, text = f"{i:05d}.yaml", yaml_file(bad)
        elif kind < 0.7:
            name, text = f"{i:05d}.json", json_file(bad)
        elif kind < 0.9:
            name, text = f"{i:05d}.md", prose(bad, True)
        else:
            name, text = f"{i:05d}.txt", prose(bad, False)
        directory = os.path.join(root, f"team{i % 20:02d}")
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            handle.write(text)
        total += len(text.encode())
    print(f"{count} files, {total / count:.0f} bytes on average, in {root}", file=sys.stderr)


main()
