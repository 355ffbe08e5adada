#!/usr/bin/env python3
"""Is personal data caught when it is written in an unusual format? A generator and scorer.

Usage: pii-formats.py BINARY [--show-leaks N]

Writes six kinds of value (a BSN with a context word near it, a BSN without one, an IBAN, a Dutch mobile
number, an e-mail address and a payment card) in every format of issue 12's list, each in a few sentences of
this script's own, as citizens' posts (incoming) and as staff replies (outgoing). The formats come from that
list, not from any held dataset; the values are well-known test values, their check digits computed here.
All messages go through one `BINARY filter --jsonl --no-store --policy default`.

A message counts as caught when
- incoming: the decision is redact, hold or block, and the value is not readable in the published text;
- outgoing: the decision is block or hold.
"Readable" compares both texts in a canonical form (see `canonical`) and counts a leak when the value, or
any run of 6 of its characters, appears in the published text, in reading order or reversed.

Prints one row per format, one column per kind of value, each cell caught/total, then the totals. Each
sentence is also sent without its value; a note names those caught even so, as their cells overstate.
`--show-leaks N` lists up to N leaked messages per format (id, format, kind of value, direction, why), showing
no more than the first 2 characters of the value.
Exits 0 (this is a report), or 2 when the binary fails.
"""
import argparse
import html
import itertools
import json
import random
import sys
import unicodedata
import urllib.parse
from dataclasses import dataclass

from filter_run import run_filter

SENTENCES_PER_CELL = 2
LEAK_RUN = 6  # a run of this many characters of the value in the published text is a (partial) leak
CAUGHT = {"incoming": {"redact", "hold", "block"}, "outgoing": {"hold", "block"}}


# Values and their check digits.

def bsn_check_digit(first_eight):
    """The ninth digit that passes the 11-proef, or None when no digit does (the remainder is 10)."""
    remainder = sum(int(digit) * (9 - i) for i, digit in enumerate(first_eight)) % 11
    return None if remainder == 10 else str(remainder)


def test_bsns():
    """111222333 and 123456782, the usual test BSNs, and two more drawn with a fixed seed."""
    prefixes = ["11122233", "12345678"]
    draw = random.Random(12)
    while len(prefixes) < 4:
        prefix = str(draw.randrange(10_000_000, 100_000_000))
        if bsn_check_digit(prefix) is not None:
            prefixes.append(prefix)
    return [prefix + bsn_check_digit(prefix) for prefix in prefixes]


def iban(country, bban):
    """The IBAN with its two ISO 13616 check digits (mod 97) computed."""
    digits = "".join(str(int(character, 36)) for character in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def luhn_complete(number):
    """The number with its Luhn check digit appended."""
    total = 0
    for i, digit in enumerate(reversed(number)):
        doubled = int(digit) * (2 if i % 2 == 0 else 1)
        total += doubled - 9 if doubled > 9 else doubled
    return number + str(-total % 10)


def groups_of(text, size):
    return tuple(text[i:i + size] for i in range(0, len(text), size))


@dataclass(frozen=True)
class Value:
    plain: str               # as people usually write it
    groups: tuple            # where a separator goes; an e-mail address is (local part, "@", domain)
    glue: tuple              # letters written against it: (before, after)

    @property
    def compact(self):
        return "".join(self.groups)

    @property
    def is_email(self):
        return "@" in self.plain


def number(digits, group_size, glue):
    return Value(digits, groups_of(digits, group_size), glue)


def email(address):
    local, domain = address.split("@")
    return Value(address, (local, "@", domain), ("mailto:", ""))


@dataclass(frozen=True)
class Entity:
    title: str
    values: tuple
    sentences: dict          # direction -> sentences with {value}


ENTITIES = [
    Entity("BSN+word", tuple(number(bsn, 3, ("BSN", "")) for bsn in test_bsns()), {
        "incoming": ("Mijn BSN is {value}, kunt u mijn aanvraag nakijken?",
                     "Hierbij mijn burgerservicenummer: {value}. Graag snel reactie.",
                     "My BSN is {value} and the form keeps rejecting it",
                     "BSN {value} staat op de brief, maar de toeslag klopt niet"),
        "outgoing": ("Beste meneer, we hebben uw BSN {value} ontvangen.",
                     "Goedemiddag, het burgerservicenummer {value} is bij ons bekend.",
                     "Dear madam, we have noted your BSN {value} and will call you back.",
                     "Dank u, met BSN {value} kunnen we verder."),
    }),
    Entity("BSN bare", tuple(number(bsn, 3, ("x", "x")) for bsn in test_bsns()), {
        "incoming": ("Ik ben {value} en wacht al weken op antwoord.",
                     "Nummer op mijn pas: {value}, wat moet ik nu doen?",
                     "I am {value} and nobody has called me back yet",
                     "Dit is {value}, de aanvraag van vorige maand."),
        "outgoing": ("Beste meneer, we hebben uw nummer {value} genoteerd.",
                     "Goedemorgen, onder {value} is uw aanvraag bij ons bekend.",
                     "Dear sir, we found {value} and will reply soon.",
                     "Dank voor uw geduld, {value} is doorgegeven aan de afdeling."),
    }),
    Entity("IBAN", tuple(number(iban(country, bban), 4, ("IBAN:", ""))
                         for country, bban in (("NL", "ABNA0417164300"), ("BE", "539007547034"),
                                               ("DE", "370400440532013000"))), {
        "incoming": ("Stort het terug op {value} alstublieft.",
                     "Mijn rekening is {value}, waar blijft de teruggave?",
                     "Please refund to {value} as promised.",
                     "Het geld moet naar {value}, niet naar mijn oude rekening."),
        "outgoing": ("Beste mevrouw, we maken het bedrag over naar {value}.",
                     "Goedemiddag, we hebben rekening {value} genoteerd.",
                     "Dear madam, the refund goes to {value} this week.",
                     "Dank u, de terugbetaling op {value} is in gang gezet."),
    }),
    Entity("phone", (number("0612345678", 2, ("tel:", "x")),
                     Value("+31 6 12345678", ("+31", "6", "1234", "5678"), ("tel:", "x"))), {
        "incoming": ("Bel me even op {value}, ik ben de hele dag thuis.",
                     "Mijn nummer is {value}, graag terugbellen.",
                     "You can reach me at {value} after five.",
                     "Kunt u {value} bellen? Dat is mijn mobiel."),
        "outgoing": ("Beste meneer, we bellen u morgen op {value}.",
                     "Goedemorgen, we hebben uw nummer {value} genoteerd.",
                     "Dear sir, a colleague will call you on {value} today.",
                     "Dank u, we proberen {value} vanmiddag nog."),
    }),
    Entity("e-mail", (email("jan.devries@ziggo.nl"), email("petra.bakker@hotmail.com")), {
        "incoming": ("Mail me op {value} want ik zit niet op Facebook.",
                     "Stuur het formulier naar {value} graag.",
                     "Please send the documents to {value}",
                     "Mijn mailadres is {value}, daar wacht ik op."),
        "outgoing": ("Beste mevrouw, we sturen de brief naar {value}.",
                     "Goedemiddag, we hebben {value} als uw adres genoteerd.",
                     "Dear madam, we will reply to {value} shortly.",
                     "Dank u, de bevestiging gaat naar {value}."),
    }),
    Entity("card", tuple(number(luhn_complete(first), 4, ("kaart", "x"))
                         for first in ("411111111111111", "555555555555444")), {
        "incoming": ("Ik heb met kaart {value} betaald maar zie niks terug.",
                     "Afgeschreven van {value} en toch geen vergunning.",
                     "I paid with card {value} and was charged twice",
                     "Mijn creditcard {value} is twee keer belast."),
        "outgoing": ("Beste meneer, de betaling met kaart {value} is teruggeboekt.",
                     "Goedemorgen, we zien twee betalingen met {value}.",
                     "Dear sir, the charge on card {value} has been reversed.",
                     "Dank u, de creditcard {value} is gecrediteerd."),
    }),
]


# Formats: each turns a value into its written form, or None where the format does not apply to it.

def between_groups(separator, numbers_only=False):
    def write(value):
        return None if numbers_only and value.is_email else separator.join(value.groups)
    return write


def line_break_inside(line_break):
    def write(value):
        middle = len(value.groups) // 2
        return "".join(value.groups[:middle]) + line_break + "".join(value.groups[middle:])
    return write


def between_characters(inserted):
    return lambda value: inserted.join(value.compact)


def after_characters(inserted):
    return lambda value: "".join(character + inserted for character in value.compact)


def digits_from(zero):
    digits = str.maketrans("0123456789", "".join(chr(zero + i) for i in range(10)))
    return lambda value: None if value.is_email else value.plain.translate(digits)


def at_sign(replacement):
    return lambda value: value.plain.replace("@", replacement) if value.is_email else None


def letter_for_digit(digit, letter):
    return lambda value: value.plain.replace(digit, letter) if digit in value.plain else None


def encoded(encode, every=1):
    """Writes every `every`-th digit (of an e-mail address: its @) as `encode` makes it."""
    def write(value):
        targets = "@" if value.is_email else "0123456789"
        written, seen = [], 0
        for character in value.plain:
            if character in targets:
                written.append(encode(character) if seen % every == 0 else character)
                seen += 1
            else:
                written.append(character)
        return "".join(written)
    return write


def named_entities(value):
    return value.plain.replace("@", "&commat;").replace(".", "&period;") if value.is_email else None


def glued(value):
    before, after = value.glue
    return before + value.compact + after


def reversed_right_to_left(value):
    return "\u202e" + value.compact[::-1] + "\u202c"


FORMATS = [
    ("plain", lambda value: value.plain),
    ("U+00A0 between groups", between_groups("\u00a0")),
    ("U+202F between groups", between_groups("\u202f")),
    ("U+2009 between groups", between_groups("\u2009")),
    ("U+3000 between groups", between_groups("\u3000")),
    ("tab between groups", between_groups("\t")),
    ("LF inside", line_break_inside("\n")),
    ("CRLF inside", line_break_inside("\r\n")),
    ("U+2028 inside", line_break_inside("\u2028")),
    ("space between characters", between_characters(" ")),
    ("U+200B zero-width space", between_characters("\u200b")),
    ("U+200C zero-width non-joiner", between_characters("\u200c")),
    ("U+200D zero-width joiner", between_characters("\u200d")),
    ("U+00AD soft hyphen", between_characters("\u00ad")),
    ("U+2060 word joiner", between_characters("\u2060")),
    ("U+FEFF BOM", between_characters("\ufeff")),
    ("U+0301 after characters", after_characters("\u0301")),
    ("fullwidth digits", digits_from(0xFF10)),
    ("Arabic-Indic digits", digits_from(0x0660)),
    ("ext. Arabic-Indic digits", digits_from(0x06F0)),
    ("Devanagari digits", digits_from(0x0966)),
    ("math bold digits", digits_from(0x1D7CE)),
    ("fullwidth @ U+FF20", at_sign("\uff20")),
    ("small @ U+FE6B", at_sign("\ufe6b")),
    ("dots between groups", between_groups(".", numbers_only=True)),
    ("slashes between groups", between_groups("/", numbers_only=True)),
    ("underscores between groups", between_groups("_", numbers_only=True)),
    ("dashes between groups", between_groups("-", numbers_only=True)),
    ("letter O for 0", letter_for_digit("0", "O")),
    ("letter l for 1", letter_for_digit("1", "l")),
    ("HTML &#NN; (all)", encoded(lambda character: f"&#{ord(character)};")),
    ("HTML &#xNN; (every 2nd)", encoded(lambda character: f"&#x{ord(character):x};", every=2)),
    ("HTML named (&commat;)", named_entities),
    ("percent-encoding", encoded(lambda character: f"%{ord(character):02X}")),
    ("glued to letters", glued),
    ("reversed after U+202E", reversed_right_to_left),
]


# Messages.

@dataclass(frozen=True)
class Message:
    id: str
    format_name: str
    entity: Entity
    direction: str
    value: Value
    text: str


def messages():
    """SENTENCES_PER_CELL messages per format, entity and direction; sentences and values rotate by format."""
    generated = []
    for f, (format_name, write) in enumerate(FORMATS):
        for e, entity in enumerate(ENTITIES):
            forms = [(value, written) for value in entity.values if (written := write(value)) is not None]
            for direction, sentences in entity.sentences.items():
                for n in range(SENTENCES_PER_CELL if forms else 0):
                    value, written = forms[(f + n) % len(forms)]
                    text = sentences[(f + n) % len(sentences)].replace("{value}", written)
                    generated.append(Message(f"{f:02d}-{e}-{direction[:2]}-{n}", format_name, entity, direction,
                                             value, text))
    return generated


def sentences_without_values():
    """Each sentence with its value left out, to show whether a sentence is caught on its own."""
    return [(f"empty-{e}-{direction[:2]}-{s}", sentence.replace(" {value}", ""), direction)
            for e, entity in enumerate(ENTITIES)
            for direction, sentences in entity.sentences.items()
            for s, sentence in enumerate(sentences)]


# Scoring.

def canonical(text):
    """HTML entities and percent-escapes decoded; NFKD (NFKC's compatibility mapping, left decomposed so that
    combining marks come apart) with the marks dropped; every decimal digit in ASCII; lower case; only letters
    and digits kept (no spaces, separators, invisible or format characters); the letters o and l read as 0
    and 1, on both sides of the comparison."""
    text = unicodedata.normalize("NFKD", urllib.parse.unquote(html.unescape(text)))
    kept = []
    for character in text:
        if character.isdecimal():
            kept.append(str(unicodedata.digit(character)))
        elif character.isalnum():
            kept.append(character.lower())
    return "".join(kept).translate(str.maketrans("ol", "01"))


def leak(published, value):
    """'whole' or 'part' when the value, or a run of LEAK_RUN of its characters, is readable in `published`."""
    if published is None:
        return None
    seen = canonical(published)
    wanted = canonical(value.plain)
    for form in (wanted, wanted[::-1]):
        if form in seen:
            return "whole"
    for form in (wanted, wanted[::-1]):
        if any(form[i:i + LEAK_RUN] in seen for i in range(len(form) - LEAK_RUN + 1)):
            return "part"
    return None


def check_sentences_hide_nothing():
    """A sentence must not spell part of a value by itself, nor next to what redaction leaves of it."""
    for entity in ENTITIES:
        for value in entity.values:
            for sentences in entity.sentences.values():
                for sentence in sentences:
                    for redacted in ("[X]", "••••" + value.compact[-4:]):
                        if leak(sentence.replace("{value}", redacted), value):
                            sys.exit(f"pii-formats: the sentence {sentence!r} reads as part of a value")


def outcome(message, result):
    """None when the message is caught, else why not."""
    decision = result.get("decision")
    if decision not in CAUGHT[message.direction]:
        return f"decision {decision}"
    if message.direction == "incoming":
        readable = leak(result.get("text"), message.value)
        if readable:
            return f"{decision}, {readable} readable"
    return None


def print_table(scored):
    width = max(len(name) for name, _ in FORMATS)

    def tally(keep):
        """(caught, total) of the messages `keep` accepts."""
        outcomes = [why for message, why in scored if keep(message)]
        return outcomes.count(None), len(outcomes)

    def row(label, keep):
        cells = [tally(lambda message, entity=entity: keep(message) and message.entity is entity)
                 for entity in ENTITIES] + [tally(keep)]
        print(f"{label:<{width}}  " + "  ".join(f"{f'{caught}/{total}' if total else '-':>9}"
                                                for caught, total in cells))

    print(f"{'format':<{width}}  " + "  ".join(f"{title:>9}" for title in [e.title for e in ENTITIES] + ["all"]))
    for format_name, _ in FORMATS:
        row(format_name, lambda message, name=format_name: message.format_name == name)
    row("total", lambda message: True)
    for direction in CAUGHT:
        caught, total = tally(lambda message: message.direction == direction)
        print(f"{direction}: {caught}/{total} caught")


def print_leaks(scored, limit):
    """Up to `limit` leaks per format, taking each entity and direction in turn."""
    for format_name, _ in FORMATS:
        by_cell = {}
        for message, why in scored:
            if message.format_name == format_name and why is not None:
                by_cell.setdefault((message.entity.title, message.direction), []).append((message, why))
        in_turn = [item for turn in itertools.zip_longest(*by_cell.values()) for item in turn if item]
        for message, why in in_turn[:limit]:
            print(f"  {message.id}  {format_name:<28} {message.entity.title:<9} {message.direction:<9} "
                  f"{message.value.plain[:2]}…  {why}")


def main():
    parser = argparse.ArgumentParser(description="Personal data in unusual formats: caught or leaked.")
    parser.add_argument("binary", help="the civicguard binary")
    parser.add_argument("--show-leaks", type=int, default=0, metavar="N",
                        help="list up to N leaked messages per format (values masked)")
    arguments = parser.parse_args()

    check_sentences_hide_nothing()
    generated = messages()
    empty = sentences_without_values()
    records = [{"id": m.id, "direction": m.direction, "text": m.text} for m in generated]
    records += [{"id": record_id, "direction": direction, "text": text} for record_id, text, direction in empty]
    results = {output["id"]: output for output in run_filter(arguments.binary, records, "pii-formats")}

    scored = [(message, outcome(message, results[message.id])) for message in generated]
    print_table(scored)
    caught_empty = [f"{record_id} ({results[record_id]['decision']})" for record_id, _, direction in empty
                    if results[record_id]["decision"] in CAUGHT[direction]]
    if caught_empty:
        print(f"note: {len(caught_empty)} sentences are caught without a value, so their cells may count too many "
              "as caught: " + ", ".join(caught_empty))
    if arguments.show_leaks > 0:
        print(f"\nleaks, up to {arguments.show_leaks} per format (id, format, entity, direction, value's first 2 "
              "characters, why):")
        print_leaks(scored, arguments.show_leaks)


if __name__ == "__main__":
    main()
