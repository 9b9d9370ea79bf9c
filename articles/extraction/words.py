"""The vocabulary of news writing that extraction reads names, titles and organisations by."""

import re

UPPER = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
CAPITALIZED = rf"(?<![\w'’\-]){UPPER}[\w'’\-]*"
# "al-Kaabi", "bin Salman", "von der Leyen": particles inside names, in lower case.
NAME_PARTICLES = {"bin", "ibn", "van", "von", "de", "da", "der", "dos", "del", "di", "du"}
PARTICLE = rf"(?:{'|'.join(sorted(NAME_PARTICLES))})"
NAME_WORD = rf"(?:[Aa]l-|[Ee]l-)?{UPPER}[a-zà-ÿā-ž'’\-]+"
# "Lloyd J. Austin III", "Martin Luther King Jr.": generational suffixes end a name and are
# not its surname.
SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")
SUFFIX = r"(?:,?[ ]+(?:Jr\.|Sr\.|II|III|IV)(?![\w.]))"
# A middle initial: "Mark W. Menezes".
INITIAL = rf"(?:[ ]+{UPPER}\.)"
# Ranks and honorifics printed before a name, in full or shortened ("Cmdr.", "Vice Adm.",
# "Mr."): neither part of the name nor the title, which news gives in full elsewhere.
RANKS = (
    r"(?:(?:Vice|Rear|Lt\.|Lieut\.|Brig\.|Maj\.|Flight|Staff|Chief|Master|First)[ ]+)?"
    r"(?:Adm|Gen|Cmdr|Cdr|Capt|Col|Lt|Maj|Sgt|Cpl|Pvt|Ens|Brig|Gov|Sen|Rep|Amb|Mr|Mrs|Ms|Dr|"
    r"Prof|Rev|Hon)\."
)
# "Alexander Potapov", "Pierre Eric Pommellet", "B. B. Nagpal", "Antony J. Blinken",
# "Lloyd J. Austin III" — not "Dr Ahmet Yilmaz".
NAME = (rf"(?<![\w'’\-])(?!(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Dame)\b)"
        rf"(?:{NAME_WORD}{INITIAL}?(?:[ ]+(?:{PARTICLE}[ ]+){{0,2}}{NAME_WORD}){{1,2}}{SUFFIX}?|"
        rf"(?:{UPPER}\.[ ]?){{1,2}}[ ]{NAME_WORD})(?![\w])")

TITLE_WORDS = {
    "director", "manager", "minister", "chief", "executive", "president", "chairman",
    "chairwoman", "chair", "head", "spokesperson", "spokesman", "spokeswoman", "officer",
    "ceo", "cfo", "coo", "deputy", "general", "secretary", "ambassador", "governor",
    "commander", "adviser", "advisor", "founder", "vice", "senior", "undersecretary",
    "chancellor", "mayor", "envoy", "representative", "lead", "engineer", "analyst",
    "partner", "principal", "board", "member", "managing", "first", "assistant",
    "fellow", "researcher", "professor", "economist", "expert", "scholar", "lecturer",
    "admiral", "rear", "colonel", "lieutenant", "brigadier", "marshal", "captain",
    "prince", "sheikh", "emir", "king", "commissioner", "chairperson", "premier", "lawmaker",
    "senator", "legislator", "negotiator", "coordinator", "consul", "aide", "counselor",
    "counsellor", "strategist", "consultant", "editor", "owner", "director-general",
    "secretary-general", "vice-president", "vice-chairman", "vice-chair", "editor-in-chief",
    "commander-in-chief", "lieutenant-general", "major-general", "lieutenant-colonel",
    "co-founder", "co-chair", "deputy-director", "judge",
}
# Words naming a field, which belong to the title after them: "Energy Minister",
# "defense analyst".
PORTFOLIO_WORDS = {
    "defense", "defence", "energy", "foreign", "finance", "economy", "economic", "trade",
    "industry", "interior", "security", "military", "oil", "gas", "nuclear", "naval",
    "aviation", "transport", "justice", "health", "agriculture", "environment", "natural",
    "resources", "infrastructure", "development", "communications", "technology", "prime",
    "armed", "forces", "petroleum", "mines", "mining", "treasury", "home", "state", "culture",
    "education", "labor", "labour", "climate", "digital", "science", "affairs", "commerce",
    "investment", "hydrocarbons", "electricity", "urbanization", "acting", "former",
    "procurement", "export", "exports", "veterans", "maritime", "fisheries", "tourism",
    "housing", "budget", "planning", "integration", "reconstruction", "emergency",
    "emergencies", "situations", "regional", "cooperation", "european", "federal", "national",
    "international", "project", "program", "programme", "sales", "marketing", "operations",
    "logistics", "acquisition", "press",
}
TITLE_CONNECTORS = {"and", "of", "for", "to"}
# "its director", "the company's chief executive": the organisation is the one named last.
OWNER_WORDS = {"its", "company's", "company’s", "firm's", "firm’s", "group's", "group’s"}
# Honorifics are neither names nor titles: "Dr Ahmet Yilmaz" is Ahmet Yilmaz, no title.
HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "lord", "dame", "mister", "madam"}
NOT_NAME_WORDS = HONORIFICS | {
    "the", "a", "an", "meanwhile", "however", "speaking", "noting", "pointing", "according", "he",
    "she", "they", "it", "we", "in", "on", "at", "for", "and", "but", "this", "that",
    "general", "deputy", "minister", "director", "president", "chief", "head",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "interest", "both", "last", "next",
}
CORPORATE_FORMS = (
    "Corporation", "Corp", "Company", "Co", "Group", "Holding", "Holdings", "Inc", "Ltd", "Limited",
    "LLC", "PLC", "AG", "SA", "GmbH", "AS", "ASA", "AB", "NV", "JSC", "PJSC", "Agency",
    "Industries", "Systems", "Works", "Shipyards", "Shipyard", "Bank", "Fund", "Ministry",
    "Authority", "Organization", "Organisation", "Alliance", "Association", "Institute",
    "Energy", "Petroleum", "Airlines", "Aerospace", "Dynamics", "Motors", "Railways",
    "University", "Department", "Commission", "Committee", "Council", "Command",
    "Directorate", "Initiative", "Administration", "Parliament", "Technologies", "Shipbuilding",
    "Airways", "Electric",
)
# Words of company names that are never a person's: "Blue Harbour Shipping".
COMPANY_WORDS = {
    "Shipping", "Marine", "Logistics", "Trading", "Resources", "Capital", "Partners",
    "Solutions", "Technologies", "Technology", "Services", "Power", "Gas", "Oil", "Steel",
    "Chemicals", "Electric", "Global", "Offshore", "Tankers", "Shipbuilding", "Construction",
    "Engineering", "Networks", "Telecom", "Airways", "Aviation", "Defence", "Defense",
    "Nuclear", "Renewables", "Solar", "Wind", "Mining", "Metals", "Pipelines", "Exploration",
    "Infrastructure", "Investments", "Ventures", "Consulting", "Research", "Analytics",
}
# The forms that only a company's registered name ends in: "Cheniere Marketing LLC".
LEGAL_FORMS = {
    "Inc", "Ltd", "Limited", "LLC", "PLC", "Plc", "plc", "AG", "SA", "S.A.", "GmbH", "AS", "ASA",
    "AB", "NV", "N.V.", "BV", "B.V.", "SE", "SpA", "S.p.A.", "A.Ş.", "A.S.", "Oyj", "KGaA", "LLP",
    "LP", "Pty", "Bhd", "JSC", "PJSC", "Corp", "Corporation", "Co",
}


def is_legal_form(word: str) -> bool:
    """ "Inc.", "S.A.", "Co.,": the word, with its full stop or comma, is a legal form."""
    return word.rstrip(",") in LEGAL_FORMS or word.rstrip(",.") in LEGAL_FORMS
# Armed services, named after the country or crown they serve: "Bulgarian Navy",
# "U.S. Navy", "Royal Netherlands Air Force", "Georgian Coast Guard".
SERVICES = (
    r"Navy|Army|Air[ ]Force|Coast[ ]Guard|Marine[ ]Corps|Space[ ]Force|Armed[ ]Forces|"
    r"National[ ]Guard|Naval[ ]Forces|Ground[ ]Forces|Aerospace[ ]Forces|Defen[cs]e[ ]Forces|"
    r"Border[ ]Guard|Air[ ]and[ ]Space[ ]Forces"
)
# Ship prefixes name a ship, not an organisation: "USS Porter", "HMS Queen Elizabeth".
SHIP_PREFIXES = {
    "USS", "USNS", "HMS", "HMCS", "HMAS", "HMNZS", "INS", "BGS", "TCG", "RFS", "FGS", "HNLMS",
    "ROKS", "JS", "PNS", "ORP", "NRP", "ITS", "ESPS", "KRI", "BNS", "HDMS", "HNoMS", "HSwMS",
    "FS", "ROS", "UKRS", "USCGC",
}


SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|pointed out|points out|"
    r"explained|explains|stated|states|warned|warns|insisted|insists|argued|argues|claimed|"
    r"claims|recalled|recalls|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|remarked|"
    r"continued|asserted|announced|commented|wrote|writes|replied|answered|confirmed|"
    r"acknowledged|highlighted|observed|declared|described|describes|called|calls|urged|"
    r"concluded|agreed|admitted|predicted|suggested|vowed|promised|reiterated|reiterates|"
    r"conceded|cautioned|assured|revealed|disclosed|responded|countered|elaborated|clarified|"
    r"complained|lamented|joked|quipped|hailed|welcomed|maintained|affirmed|reaffirmed|"
    r"mentioned|tweeted|posted|"
    r"(?:was|is|were|are)\s+quoted\s+(?:as\s+saying|by)"
)
PRONOUNS = r"\b(?:he|she|He|She)\b"
# A run of capitalised words, initials ("J.") and country prefixes ("U.S.") among them.
RUN_WORD = rf"(?:(?:[A-Z]\.){{2,}}|{RANKS}|Jr\.|Sr\.|[A-Z]\.|(?:al-|el-)?[A-Z][\w\-]*)"
CAPITALIZED_RUN = re.compile(
    rf"(?<![\w'’\-.])(?:al-)?{RUN_WORD}(?:[ ]+(?:{PARTICLE}[ ]+){{0,2}}{RUN_WORD})+"
    r"(?![\w])"
)
# Speakers the article does not name: their words are recorded with no speaker.
UNNAMED = (
    r"\b(?:(?:an?|the|one\s+of\s+the|two|three|several)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:spokesperson|spokesman|spokeswoman|official|source|representative|statement|diplomat|"
    r"executive|analyst|company|ministry|firm|government|embassy|agency|bank|person|insider)s?)"
    r"(?:\s+(?:for|of|at|familiar\s+with|close\s+to)\s+[^,\"“”]{1,60})?"
    # "White House officials", "Western diplomats": plural, with no article.
    r"|\b(?:[A-Z][\w.\-]*\s+){1,3}(?:officials|diplomats|sources|analysts|executives|"
    r"spokespeople|observers|experts|insiders)\b"
)
PROPER_NAME = re.compile(
    rf"(?:the\s+)?{CAPITALIZED}(?:\s+(?:(?:of|for|and|&|de|on)\s+)?{CAPITALIZED})*"
    r"(?:\s+\([^()]{1,15}\))?"
)
