"""Generated wire stories and their syndicated copies, for `manage.py bench_copies`.

Each story is news on a topic (a company, a country, a product) written from sentence
patterns of trade news with its own figures, dates and people. Its copies are what outlets
do to a wire story: trim the end, retitle, move paragraphs, add a paragraph of their own,
change the dateline — one or several of these at once. Hard negatives are other stories on
the same topic: same company, country and product, the same patterns of writing, other
facts. The seed decides everything, so a run can be repeated and tests use other texts.
"""

import random
from dataclasses import dataclass, field

from articles.corpus import FIRST_NAMES, LAST_NAMES

COUNTRIES = ["Turkey", "Azerbaijan", "Kazakhstan", "India", "Greece", "Egypt", "Brazil",
             "Vietnam", "Poland", "Norway", "Algeria", "Indonesia", "Serbia", "Qatar"]
PRODUCTS = ["frigates", "gas turbines", "armoured vehicles", "a liquefied gas terminal",
            "locomotives", "air defence radars", "a nuclear power unit", "helicopters",
            "a gas pipeline", "corvettes", "wind turbines", "an oil refinery upgrade"]
COMPANY_PARTS = (["Volga", "Caspian", "Nordic", "Aegean", "Anatolian", "Baltic", "Danube",
                  "Ural", "Adriatic", "Sahara"],
                 ["Shipyards", "Turbine Works", "Gas Holding", "Rail Systems", "Dynamics",
                  "Energy", "Aerospace", "Engineering"])
ROLES = ["chief executive", "deputy minister", "head of exports", "spokeswoman",
         "director general", "sales director", "energy minister", "board chairman"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
OUTLETS = ["Daily Courier", "Energy Herald", "Defence Review", "Business Gazette",
           "Morning Post", "Trade Weekly", "Pipeline Journal", "Capital Times"]

SENTENCES = [
    "{company} said on {day} it had signed a contract with {country} for {product} worth "
    "about {money}.",
    "The deal covers {number} units, with the first to be delivered in {month} {year}.",
    "\"{quote_start} {product} will give {country} {benefit},\" {person}, {role} of "
    "{company}, told reporters.",
    "{person}, {role} of {company}, said talks with {country} had lasted {number} months.",
    "Officials in {country} said local firms would supply {percent} percent of the parts.",
    "The agreement follows a memorandum of understanding signed in {month} {year}.",
    "{company} expects its exports to rise by {percent} percent this year.",
    "Financing of {money} will come from a group of banks led by {bank}.",
    "Analysts said the order was the largest {company} had won since {year}.",
    "The {product} will be built at a plant near {town}, which employs {number} people.",
    "{country} has been looking for new suppliers since {year}, {person} said.",
    "\"We are ready to deliver on time and on budget,\" {person} said in a statement.",
    "Under the terms of the deal, {company} will also train {number} engineers from "
    "{country}.",
    "A second phase worth {money} could follow in {year}, the {role} added.",
    "Shares of {company} rose {percent} percent in {town} trading after the announcement.",
    "The project had been delayed by a dispute over prices in {month}.",
    "{country} plans to order {number} more units by {year}, according to the ministry.",
    "The contract includes maintenance for {number} years and a transfer of technology.",
    "Rivals from {rival_country} had also bid for the tender, officials said.",
    "{person} said the first payment of {money} was made in {month}.",
]
QUOTE_STARTS = ["This order proves that", "We believe", "Our partners know that",
                "The new", "Put simply,"]
BENEFITS = ["the capacity it needs", "a stronger position in the region", "lower costs",
            "more jobs at home", "energy security for a decade"]
BANKS = ["Meridian Bank", "the regional development bank", "Eastgate Capital",
         "an export credit agency"]
TOWNS = ["Izmir", "Sumqayit", "Aktau", "Pune", "Thessaloniki", "Alexandria", "Gdansk",
         "Bergen", "Oran", "Surabaya", "Novi Sad", "Doha"]
EDITS = ["trim", "retitle", "reorder", "added paragraph", "dateline"]


@dataclass
class Generated:
    key: str        # the story it belongs to: copies share their original's key
    title: str
    paragraphs: list[str]
    outlet: str
    day: int        # days after the first story, for publication dates
    edits: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class GeneratedSet:
    articles: list[Generated] = field(default_factory=list)

    def pairs(self):
        by_key = {}
        for number, article in enumerate(self.articles):
            by_key.setdefault(article.key, []).append(number)
        return {(a, b) for members in by_key.values() for a in members for b in members if a < b}


class StoryWriter:
    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def pick(self, options):
        return self.random.choice(options)

    def topic(self) -> dict:
        return {"company": f"{self.pick(COMPANY_PARTS[0])} {self.pick(COMPANY_PARTS[1])}",
                "country": self.pick(COUNTRIES), "product": self.pick(PRODUCTS)}

    def sentence(self, topic: dict, person: str, role: str) -> str:
        money = f"{self.random.randint(2, 990)} million {self.pick(['dollars', 'euros'])}"
        return self.pick(SENTENCES).format(
            **topic, person=person, role=role, money=money, bank=self.pick(BANKS),
            number=self.random.randint(2, 400), percent=self.random.randint(3, 60),
            month=self.pick(MONTHS), year=self.random.randint(2015, 2031),
            day=self.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
            town=self.pick(TOWNS), rival_country=self.pick(COUNTRIES),
            quote_start=self.pick(QUOTE_STARTS), benefit=self.pick(BENEFITS))

    def paragraphs(self, topic: dict, count: int) -> list[str]:
        person = f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"
        role = self.pick(ROLES)
        return [" ".join(self.sentence(topic, person, role)
                         for _ in range(self.random.randint(2, 3))) for _ in range(count)]

    def title(self, topic: dict) -> str:
        return self.pick([
            "{company} wins {country} order for {product}",
            "{country} signs for {product} from {company}",
            "{company} and {country} agree on {product}",
            "New {country} contract for {company}",
        ]).format(**topic)

    def story(self, key: str, day: int, topic: dict | None = None) -> Generated:
        topic = topic or self.topic()
        return Generated(key, self.title(topic), self.paragraphs(topic, self.random.randint(4, 8)),
                         outlet="Wire Agency", day=day)

    def copy(self, original: Generated, topic: dict) -> Generated:
        edits = tuple(sorted(self.random.sample(EDITS, self.random.randint(1, 3))))
        paragraphs = list(original.paragraphs)
        title = original.title
        if "trim" in edits:
            keep = max(2, round(len(paragraphs) * self.random.uniform(0.5, 0.85)))
            paragraphs = paragraphs[:keep]
        if "reorder" in edits and len(paragraphs) > 2:
            first, second = self.random.sample(range(1, len(paragraphs)), 2)
            paragraphs[first], paragraphs[second] = paragraphs[second], paragraphs[first]
        if "added paragraph" in edits:
            paragraphs.insert(self.random.randint(1, len(paragraphs)),
                              self.paragraphs(topic, 1)[0])
        if "dateline" in edits:
            paragraphs[0] = f"{self.pick(TOWNS).upper()} ({self.pick(OUTLETS)}) - {paragraphs[0]}"
        if "retitle" in edits:
            title = self.title(topic) + self.pick(["", " - report", ": sources", " (update)"])
        return Generated(original.key, title, paragraphs, outlet=self.pick(OUTLETS),
                         day=original.day + self.random.randint(0, 3), edits=edits)

    def generated_set(self, stories: int) -> GeneratedSet:
        """`stories` wire stories, each with 0-4 copies; one in three has another story on
        the same topic, and one in ten three more of them."""
        found = GeneratedSet()
        for number in range(stories):
            topic = self.topic()
            day = self.random.randint(0, 360)
            original = self.story(f"story-{number}", day, topic)
            found.articles.append(original)
            found.articles.extend(self.copy(original, topic)
                                  for _ in range(self.random.randint(0, 4)))
            roll = self.random.random()
            siblings = 3 if roll < 0.1 else 1 if roll < 0.33 else 0
            for sibling in range(siblings):
                found.articles.append(self.story(f"story-{number}-same-topic-{sibling}",
                                                 day + self.random.randint(0, 30), topic))
        return found


def precision_recall(expected: set, predicted: set) -> tuple[float, float]:
    """Pairwise: of the pairs put in one story, how many are copies; of the copies, how many
    were put in one story."""
    right = len(expected & predicted)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(expected) if expected else 1.0
    return precision, recall
