#!/usr/bin/env python3
"""Writes the benchmark corpora: 2,000 synthetic messages of about 200 characters each.

  samples/bench.jsonl        a quarter of the messages carry personal data, as on a municipal page;
  samples/bench-dense.jsonl  nearly every message carries personal data: a stress test for the recognisers.

Messages are assembled from this script's own sentence parts (Dutch and English, both directions).
Deterministic.
"""
import sys
import json
import random

random.seed(20261126)
OPENERS_NL = ["Goeiedag,", "Beste mensen,", "Geachte gemeente,", "Hee,", "Even een vraag:", "Ik begrijp er niks van.", ""]
OPENERS_EN = ["Morning all,", "Hiya,", "To the council,", "Hey,", "One thing:", ""]
BODY_NL = [
    "wie haalt de oude bank op die sinds vorige week bij ons op de stoep staat",
    "bij het hondenveldje doet de straatverlichting het al dagen niet, je ziet 's avonds geen hand voor ogen",
    "mijn aanvraag voor een bewonersvergunning is drie weken geleden verstuurd en ik hoor niets",
    "op de fietsstrook bij de brug liggen scherven van een fles, wie ruimt dat op",
    "hoeveel weken moet ik rekenen voor toestemming om een boom in de tuin te kappen",
    "sinds wanneer sluit het afvalbrengstation op zaterdag al om twaalf uur",
    "de glasbak bij de supermarkt puilt weer uit, al voor de zoveelste keer",
    "wat een flauwekul weer vanuit het stadhuis, met ons als bewoners wordt nooit rekening gehouden",
]
BODY_EN = [
    "who is collecting the old sofa that has been sitting on our pavement since last week",
    "the lamp by the dog field has been out for days and you cannot see a thing after dusk",
    "my residents parking application went in three weeks ago and I have heard nothing",
    "someone smashed a bottle on the bike lane by the bridge, who cleans that up",
    "roughly how many weeks does permission to cut down a garden tree take",
    "since when does the tip shut at noon on a Saturday",
]
PERSONAL_NL = [
    lambda: "Mijn nummer is 06-%08d." % random.randint(10000000, 99999999),
    lambda: "Postcode %04d AB." % random.randint(1000, 9999),
    lambda: "Mijn mailadres is m.bakker%d@ziggo.nl." % random.randint(1, 99),
    lambda: "Voor de zekerheid mijn BSN: 111222333.", lambda: "Met vriendelijke groet, Mieke Bakker",
    lambda: "Wij wonen op Molenweg %d." % random.randint(1, 200),
]
PLAIN_NL = [
    lambda: "Dit is echt klote.", lambda: "Alvast bedankt!", lambda: "Groetjes.",
    lambda: "Dit gebeurt nu al voor de tweede keer.", lambda: "Ik hoor graag snel iets.",
    lambda: "De stoep staat ook vol met fietsen.", lambda: "Een week geleden precies hetzelfde verhaal.",
]
PERSONAL_EN = [
    lambda: "My number is +31 6 %08d." % random.randint(10000000, 99999999),
    lambda: "I am on IP 84.28.%d.10." % random.randint(0, 255),
]
PLAIN_EN = [
    lambda: "Cheers!", lambda: "Ridiculous, honestly.", lambda: "All the best.",
    lambda: "Second time this has happened in a year.", lambda: "Half the road is asking about it.",
]
DENSE = len(sys.argv) > 1 and sys.argv[1] == "dense"
SHARE = 0.9 if DENSE else 0.25
OUTPUT = "samples/bench-dense.jsonl" if DENSE else "samples/bench.jsonl"


def extra(english, personal):
    if personal:
        return random.choice(PERSONAL_EN if english else PERSONAL_NL)()
    return random.choice(PLAIN_EN if english else PLAIN_NL)()
REPLIES_NL = [
    "Bedankt voor het melden! Het team Buitenruimte heeft je melding gekregen en we laten je weten hoe het verder gaat.",
    "Wat naar dat dit zo loopt. Stuur je ons in een privébericht waar het precies is? Dan gaan we erachteraan.",
    "Volgens de wet hebben we acht weken voor een besluit, maar meestal hoor je eerder van ons.",
    "Heb je nog vragen, bel dan naar 14 0123; op werkdagen zitten we tussen 9 en 17 uur voor je klaar.",
]
REPLIES_EN = [
    "Thank you for reporting this! The street services team has it now and we will update you as soon as we can.",
    "That is annoying, sorry. Please message us privately with where exactly it is, and the team will check it.",
]


def message():
    english = random.random() < 0.35
    personal = random.random() < SHARE
    if random.random() < 0.3:
        parts = [random.choice(REPLIES_EN if english else REPLIES_NL)]
        if personal:
            parts.append(extra(english, True))
        while len(" ".join(parts)) < 190:
            parts.append(extra(english, False))
        return {"direction": "outgoing", "text": " ".join(parts)}
    opener = random.choice(OPENERS_EN if english else OPENERS_NL)
    parts = [opener, random.choice(BODY_EN if english else BODY_NL) + "."]
    if personal:
        parts.append(extra(english, True))
    while len(" ".join(parts)) < 190:
        parts.append(extra(english, False))
    return {"direction": "incoming", "text": " ".join(p for p in parts if p).strip()}


with open(OUTPUT, "w", encoding="utf-8") as out:
    for number in range(2000):
        record = {"id": "b%04d" % number}
        record.update(message())
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
