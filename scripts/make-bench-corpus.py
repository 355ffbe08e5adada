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
OPENERS_NL = ["Goedemorgen,", "Hallo,", "Beste gemeente,", "Hoi,", "Vraagje:", "Ik snap het niet.", ""]
OPENERS_EN = ["Good morning,", "Hello,", "Dear council,", "Hi there,", "Quick question:", ""]
BODY_NL = [
    "wanneer wordt het grofvuil in onze straat opgehaald? Het staat er al sinds maandag",
    "de lantaarnpaal bij het speelveld is al twee weken kapot en het is 's avonds erg donker",
    "ik heb een parkeervergunning aangevraagd maar nog geen bevestiging ontvangen",
    "er ligt glas op het fietspad langs de singel, kan iemand dat opruimen",
    "hoe lang duurt de aanvraag voor een kapvergunning ongeveer",
    "waarom is de milieustraat op zaterdag tegenwoordig zo vroeg dicht",
    "de container voor papier zit alweer vol, dit is de derde keer deze maand",
    "wat een belachelijk beleid weer, de raad luistert gewoon niet naar de bewoners",
]
BODY_EN = [
    "when will the bulky waste in our street be collected? It has been there since Monday",
    "the street light near the playground has been broken for two weeks and it is very dark",
    "I applied for a parking permit but have not received a confirmation yet",
    "there is broken glass on the cycle path along the canal, could someone clear it",
    "how long does a tree felling permit usually take",
    "why does the recycling centre close so early on Saturdays these days",
]
PERSONAL_NL = [
    lambda: "Bel me op 06-%08d." % random.randint(10000000, 99999999),
    lambda: "Mijn postcode is %04d AB." % random.randint(1000, 9999),
    lambda: "Mail me op j.devries%d@ziggo.nl." % random.randint(1, 99),
    lambda: "Mijn BSN is 111222333.", lambda: "Groeten, Jan de Vries",
    lambda: "Ik woon op Kerkstraat %d." % random.randint(1, 200),
]
PLAIN_NL = [
    lambda: "Het is echt klote zo.", lambda: "Dank jullie wel!", lambda: "Fijne dag verder.",
    lambda: "Het is al de tweede keer dit jaar.", lambda: "Graag snel een reactie.",
    lambda: "Er staan ook fietsen in de weg.", lambda: "Vorige week was het precies hetzelfde.",
]
PERSONAL_EN = [
    lambda: "Call me on +31 6 %08d." % random.randint(10000000, 99999999),
    lambda: "My IP is 84.28.%d.10." % random.randint(0, 255),
]
PLAIN_EN = [
    lambda: "Thanks a lot!", lambda: "This is a joke.", lambda: "Have a nice day.",
    lambda: "It is the second time this year.", lambda: "The whole street is waiting.",
]
DENSE = len(sys.argv) > 1 and sys.argv[1] == "dense"
SHARE = 0.9 if DENSE else 0.25
OUTPUT = "samples/bench-dense.jsonl" if DENSE else "samples/bench.jsonl"


def extra(english, personal):
    if personal:
        return random.choice(PERSONAL_EN if english else PERSONAL_NL)()
    return random.choice(PLAIN_EN if english else PLAIN_NL)()
REPLIES_NL = [
    "Dank voor je melding! We hebben het doorgezet naar de afdeling Openbare Ruimte en houden je op de hoogte.",
    "Vervelend om te horen. Wil je ons een DM sturen met de precieze locatie? Dan kijken we ernaar.",
    "De wettelijke termijn voor een besluit is acht weken. We streven ernaar je eerder te informeren.",
    "Bel ons gerust op 14 0123 als je vragen hebt, we zijn bereikbaar op werkdagen van 9 tot 17 uur.",
]
REPLIES_EN = [
    "Thanks for letting us know! We have passed it on to the public spaces team and will keep you posted.",
    "Sorry to hear that. Could you send us a DM with the exact location? Then we will look into it.",
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
