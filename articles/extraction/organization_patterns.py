"""How news prints an organisation's name, and what looks like one but is not (datelines,
weapons, ships, designations): the patterns organizations.py reads a text with, compiled
once."""

import re

from articles.extraction.words import (
    CAPITALIZED,
    CORPORATE_FORMS,
    LEGAL_FORMS,
    SERVICES,
    TITLE_WORDS,
    UPPER,
)
from articles.folding import fold

# "MOSCOW, March 5 (Reuters) - ", "NEW DELHI (Reuters) - ", "NEW DELHI — ",
# "MOSCOW, April 10. /TASS/.", "WASHINGTON, June 20 -- "
DATELINE = re.compile(
    r"[A-Z]{3,}(?:[ /][A-Z]{3,})*(?:,[^\n]{0,40}?|\s*\([^()\n]{1,20}\))?"
    r"(?:\s+(?:--|[-–—])\s|\.\s*/[A-Z\-]+/\.)")

# "the IDEF fair", "the TTF hub", "NASAMS launchers": an acronym naming an event, a
# market or a thing.
EVENT_AFTER = re.compile(r"\s+(?:fair|exhibition|expo|summit|forum|conference|show|festival|"
                         r"exercises?|drills|talks|format|project|program|programme|hub|index|"
                         r"benchmark|pipeline|terminal|field|plant|reactor|systems?|missiles?|"
                         r"launchers?|jets?|fighters?|tanks?|rockets?|drones?|vehicles?|"
                         r"engines?)\b", re.IGNORECASE)

# Acronyms of things, not of organisations.
NOT_ORGANIZATION_ACRONYMS = {
    "LNG", "LPG", "CNG", "GDP", "UAV", "UAVs", "UCAV", "ICBM", "SAM", "MW", "GW", "GWh",
    "TWh", "BCM", "USD", "EUR", "VAT", "COVID", "CEO", "CFO", "COO", "CTO", "NPP", "HPP",
    "TPP", "SMR", "FOB", "CIF", "R&D", "M&A", "Q&A", "O&M", "P&L", "E&P",
}

DESCRIPTIONS = (
    r"company|maker|manufacturer|producer|exporter|importer|firm|giant|operator|shipbuilder|"
    r"contractor|conglomerate|utility|supplier|developer|carrier|monopoly|corporation"
)
# "Naftogaz, Ukraine's state energy company, said": a name, then what it is.
APPOSED = re.compile(
    rf"(?<![\w'’\-.])({UPPER}[\w\-]+(?:[ ]{UPPER}[\w\-]+)?),[ ]((?:[^,\n]{{0,40}}[ ])?"
    rf"(?:{DESCRIPTIONS}|group|agency|regulator|subsidiary|unit))(?:[ ][^,\n]{{0,30}})?,")
# A capitalised word after another ("Minister Petro Marchuk": both "Petro" and "Marchuk").
AFTER_CAPITALISED = re.compile(rf"(?<![\w'’\-.]){UPPER}[\w\-]+[ ]+(?=({UPPER}[\w\-]+))")
# Between two words of a name: spaces, or one line break (never a blank line, which
# separates the title and paragraphs).
GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
DESCRIBED = re.compile(rf"\b(?:{DESCRIPTIONS})\s+((?:{CAPITALIZED}\s+)*{CAPITALIZED})")
# Patterns that would be tried at every capitalised word are anchored on what is rare
# instead ("(", "Fleet") and read backwards from there: a third of extraction's time
# went to trying them everywhere.
ABBREVIATION = re.compile(rf"{GAP}\(({UPPER}[\wÀ-ž&\-]{{1,11}})\)")
ABBREVIATED = re.compile(
    rf"(?<![\w'’\-])((?:{CAPITALIZED}{GAP}(?:(?:of|for|and|&|de|on){GAP}(?:the{GAP})?)?)*"
    rf"{CAPITALIZED})$")
# "Sabine Pass Liquefaction, LLC", "JERA Co., Inc.": a legal form after a comma.
LEGAL = "|".join(re.escape(form) for form in sorted(LEGAL_FORMS, key=len, reverse=True))
LEGAL_TAIL = rf"(?:,?[ ](?:{LEGAL})\.?(?![\w]))*"
# A run of capitalised words ending in what the organisation is, or before a legal form.
NAME_ENDING = re.compile(
    rf"((?:{CAPITALIZED}{GAP}(?:(?:and|&){GAP})?)*"
    rf"(?:(?:{'|'.join(CORPORATE_FORMS)})(?:\.(?=,))?(?![\w])"
    rf"|{CAPITALIZED}(?=,?[ ](?:{LEGAL})(?:\.|(?![\w]))))"
    rf"{LEGAL_TAIL})")
# "Baku Energy Week": a capitalised word after the ending goes on with another name.
GOING_ON = re.compile(r"\s+([A-Z][a-z][\w\-]*)")
# The capitalised run a phrase ends in: "Russian state-run company Rostec".
PHRASE_END_RUN = re.compile(
    rf"((?:{CAPITALIZED}(?:\s+(?:of|for|and|&|de)\s+|\s+))*{CAPITALIZED})$")
# "State Atomic Energy Corporation ROSATOM": the name's own word after what it is.
CAPITALS_AFTER = re.compile(rf"[ ]({UPPER}{{3,}})(?![\w])")
# Endings that also name a topic: "Nuclear Energy", "Clean Energy".
TOPIC_ENDINGS = {"Energy", "Petroleum"}
# A name's words right after "of"/"on" that follow a capitalised word: "Uses of Nuclear
# Energy", "Action on Clean Energy" — unless that word is a title ("CEO of Naval Group").
TITLE_GOES_ON_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?!(?:{'|'.join(w.capitalize() for w in sorted(TITLE_WORDS))})\b)"
    rf"{UPPER}[\w\-]*[ ]+(?:of|on|in|for|and)[ ]+$")
# "Ministry of Defence", "Department of Energy".
OFFICE_OF = re.compile(
    rf"(?<![\w])((?:Ministry|Department|Presidency|Directorate|Office|Agency|Bureau|"
    rf"Commission|Committee|Council|Administration|Authority)\s+(?:of|for)\s+"
    rf"(?:the\s+)?{CAPITALIZED}(?:\s+(?:(?:and|of)\s+)?{CAPITALIZED})*)")
# What a company is, then its name in quotation marks: "State Corporation “Rosatom”".
QUOTED_COMPANY = re.compile(
    r"\b(?:Corporation|Company|Concern|Holding|Group|JSC|PJSC|OJSC|CJSC|LLC|OOO|OAO|ZAO|AO)"
    rf"\s+[\"“«]({UPPER}[^\"“”«»\n]{{1,40}}?)[\"”»]")
QUOTED_NAME_AFTER = re.compile(rf"\s+[\"“«]{UPPER}")
SERVICE_PREFIXES = {"u.s.", "u.k.", "royal", "imperial"}
# "Bulgarian Navy", "Royal Netherlands Air Force": the prefix is checked against countries.
SERVICE = re.compile(rf"(?<![\w])(?:{SERVICES})(?![\w])")
BEFORE_SERVICE = re.compile(rf"(?<![\w.])(?:(?:U\.S\.|U\.K\.|{UPPER}[\w'’\-]+)[ ]+){{1,3}}$")
ORDINAL = (r"\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|"
           r"Tenth")
# "U.S. Army Materiel Command": a capitalised word after a service goes on with its name.
FOLLOWING_WORD = re.compile(rf"[ ]+{UPPER}[\w\-]*")
# "U.S. 6th Fleet", "the Black Sea Fleet", "Third Army", "Ninth Air Force".
UNIT = re.compile(r"(?<![\w])(?:Fleet|Army|Air[ ]Force|Corps)(?![\w])")
BEFORE_FLEET = re.compile(
    rf"(?<![\w.])(?:(?:U\.S\.|U\.K\.)[ ]+)?(?:(?:{ORDINAL}|{CAPITALIZED})[ ]+){{1,3}}$")
BEFORE_NUMBERED_UNIT = re.compile(rf"(?<![\w.])(?:(?:U\.S\.|U\.K\.)[ ]+)?(?:{ORDINAL})[ ]+$")
# "Chairman of the Joint Chiefs of Staff": the body a title is held at.
HEAD_OF = re.compile(
    r"\b(?:[Cc]hairman|[Cc]hairwoman|[Cc]hair|[Hh]ead|[Cc]hief|[Dd]irector|[Cc]ommander|"
    r"[Pp]resident|[Ss]ecretary|[Mm]embers?)\s+of\s+the\s+"
    rf"({CAPITALIZED}(?:[ ]+(?:(?:of|for|and|&)[ ]+)?{CAPITALIZED})*)")
# "S&P Global", "Procter & Gamble".
AMPERSAND_NAME = re.compile(
    rf"(?<![\w&])((?:{UPPER}[\w]*&{UPPER}[\w]*|{CAPITALIZED}[ ]+&[ ]+{CAPITALIZED})"
    rf"(?:[ ]+{CAPITALIZED})*)")
ACRONYM = re.compile(rf"(?<![\w])({UPPER}{{2,}}[A-ZÀ-Ž\d]*)(?![\w]|-[\w])")
# "DDG 80", "F 16": a designation with its number is a product.
DESIGNATION_AFTER = re.compile(r"[ ]\d")
# "passing exercise (PASSEX)", "(non-FTA)": an acronym spelt out in lower case is a thing;
# so is a weapon's: "Surface to Air Missile System, or NASAMS", "Modular Missile (CAMM)".
SPELT_OUT = re.compile(rf"(?:[ ]+\((?:non-)?|,[ ]+or[ ]+)({UPPER}[A-Za-z\-]{{1,11}})(?![\w])")
WORD_BEFORE = re.compile(r"([\w\-]+)$")
# A stock ticker is not a name of its own: "(LMT.N)", "(NYSE: LMT)".
TICKER = re.compile(r"\(([A-Z0-9]{1,6})\.[A-Z]{1,2}\)|"
                    r"\b(?:NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX):[ ]?([A-Z]{1,6})\b")
# "Naftogaz said in a statement": what makes statements and filings is an organisation.
STATEMENT_BY = re.compile(
    rf"(?<![\w'’\-.])({UPPER}[\w\-]+)[ ]+(?:said|says|announced|confirmed)[ ]+(?:in|on)[ ]+"
    r"(?:a|its)[ ]+(?:statement|filing|press[ ]release|website|regulatory[ ]filing)")
# Who else issues statements, capitalised at the start of a sentence.
STATEMENT_NOUNS = {
    "officials", "police", "authorities", "prosecutors", "analysts", "investigators",
    "organizers", "organisers", "rescuers", "militants", "rebels", "residents", "witnesses",
    "sources", "diplomats", "lawmakers", "experts", "critics", "regulators", "companies",
    "producers", "traders", "officers", "troops", "lawyers", "activists", "both", "each",
    "others", "many", "some", "all", "spokespeople", "ministers", "leaders", "negotiators",
}
WEAPON_NOUNS = re.compile(r"(?:system|missile|rocket|launcher|radar)s?", re.IGNORECASE)
SIBLING = rf"{UPPER}[\w'’\-&]*(?:[ ]+{UPPER}[\w'’\-&]*){{1,3}}"
COORDINATED_BEFORE = re.compile(rf"(?<![\w'’\-])({SIBLING})(?:,[ ]+|[ ]+and[ ]+)$")
COORDINATED_AFTER = re.compile(rf"(?:,[ ]+|[ ]+and[ ]+)({SIBLING})(?![\w'’\-&]|[ ]+{UPPER})")
WEAPON_WORDS = {"missile", "rocket", "artillery", "launch", "launcher", "radar", "weapon",
                "weapons", "howitzer", "mortar", "anti-aircraft", "anti-tank", "anti-ship"}
# The last word of a weapon's or vehicle's name, never of an organisation's.
WEAPON_ENDINGS = {"missile", "missiles", "rocket", "rockets", "launcher", "launchers",
                  "radar", "howitzer", "drone", "drones", "vehicle", "vehicles", "tank",
                  "tanks", "aircraft", "jet", "jets", "fighter", "destroyer", "frigate",
                  "submarine", "corvette", "helicopter", "carriers", "munition", "munitions"}


def spelt_out_things(text: str) -> set[str]:
    """The acronyms in `text` that name things: tickers, and acronyms spelt out in lower case
    or after a weapon."""
    things = {code for match in TICKER.finditer(text) for code in match.groups() if code}
    for match in SPELT_OUT.finditer(text):
        before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before and (before.group(1)[0].islower() and "(" in match.group()
                       or WEAPON_NOUNS.fullmatch(before.group(1))):
            things.add(match.group(1))
    return things


def names_a_weapon(words: list[str]) -> bool:
    """ "High Mobility Artillery Rocket Systems": a weapon, not the company that makes it."""
    return fold(words[-1]) in WEAPON_ENDINGS or len(words) >= 2 \
        and words[-1] in ("System", "Systems") and fold(words[-2]) in WEAPON_WORDS
