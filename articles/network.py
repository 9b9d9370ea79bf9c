"""A co-mention network laid out for a server-rendered SVG, with networkx.

A force-directed layout (the articles two entities share pull them together) with a
fixed seed, so the same data always draws the same picture and cached pages agree.
Positions are percentages of the drawing, whose size the stylesheet sets for each screen
(taller than wide on a phone), and sizes are pixels, so labels keep their size.
"""

import math
from dataclasses import dataclass

import networkx

from articles.charts import plural
from articles.comentions import CoMentions, Entity

MARGIN_X = 6.0        # %: the outermost nodes' labels grow inwards (see anchor)
MARGIN_TOP = 6.0      # %
MARGIN_BOTTOM = 10.0  # %: the label sits under its node
LARGEST_RADIUS = 16   # px
SMALLEST_RADIUS = 5   # px
WIDEST_LINK = 6.0     # px
LABEL_LENGTH = 20     # characters; the full name is in the node's title and the table
# A label sits on a white box (over lines and other nodes) a little wider than its text,
# whose width at the drawing's 11px is guessed from its length: no font metrics here.
CHARACTER_WIDTH = 6.4  # px
LABEL_PADDING = 3      # px
# Labelled on every screen; on a phone the others are named by their title and the table.
MAJOR_NODES = 8
SEED = 13
# networkx's spring length is 1/sqrt(n) of the drawing; longer springs spread the nodes
# over it instead of bunching them around the centre they are all tied to.
SPRING_LENGTH = 2.5
KINDS = {"company": "Company", "country": "Country", "speaker": "Speaker"}


@dataclass(frozen=True)
class Node:
    entity: Entity
    weight: int
    x: float
    y: float
    radius: float
    label: str
    anchor: str
    title: str
    is_centre: bool
    is_major: bool

    @property
    def label_dx(self) -> float:
        return {"start": -self.radius, "end": self.radius}.get(self.anchor, 0)

    @property
    def label_dy(self) -> float:
        return self.radius + 13

    @property
    def box_width(self) -> float:
        return round(len(self.label) * CHARACTER_WIDTH + 2 * LABEL_PADDING, 1)

    @property
    def box_dx(self) -> float:
        """The box's left edge from the node, in px (the node's position is in percent)."""
        if self.anchor == "start":
            return self.label_dx - LABEL_PADDING
        if self.anchor == "end":
            return self.label_dx - self.box_width + LABEL_PADDING
        return -self.box_width / 2

    @property
    def box_dy(self) -> float:
        return self.label_dy - 11


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    weight: int


@dataclass(frozen=True)
class Network:
    title: str
    description: str
    nodes: list[Node]
    links: list[Link]

    @property
    def kinds(self) -> list[tuple[str, str]]:
        """The kinds of node drawn, for the legend."""
        present = {node.entity.kind for node in self.nodes}
        return [(kind, label) for kind, label in KINDS.items() if kind in present]


def shortened(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def anchor(x: float) -> str:
    """Labels near an edge grow away from it, so that none is cut off on a narrow screen."""
    if x < 30:
        return "start"
    return "end" if x > 70 else "middle"


def positions(mentions: CoMentions) -> dict[int, tuple[float, float]]:
    """Node index -> (x, y), each in 0..1."""
    graph = networkx.Graph()
    graph.add_nodes_from(range(len(mentions.nodes)))
    graph.add_weighted_edges_from(mentions.links)
    layout = networkx.spring_layout(graph, weight="weight", seed=SEED, iterations=200,
                                    k=SPRING_LENGTH / math.sqrt(len(mentions.nodes)))
    xs = [float(x) for x, _ in layout.values()]
    ys = [float(y) for _, y in layout.values()]

    def unit(value, values):
        low, high = min(values), max(values)
        return 0.5 if high - low < 1e-9 else (value - low) / (high - low)

    return {index: (unit(float(x), xs), unit(float(y), ys)) for index, (x, y) in layout.items()}


def draw(mentions: CoMentions, title: str) -> Network:
    placed = positions(mentions)
    heaviest_node = max(mentions.weights[1:])
    heaviest_link = max(weight for *_, weight in mentions.links)
    width = 100 - 2 * MARGIN_X
    depth = 100 - MARGIN_TOP - MARGIN_BOTTOM

    def where(index):
        x, y = placed[index]
        return round(MARGIN_X + x * width, 3), round(MARGIN_TOP + y * depth, 3)

    nodes = []
    for index, (entity, weight) in enumerate(zip(mentions.nodes, mentions.weights, strict=True)):
        x, y = where(index)
        is_centre = index == 0
        share = 1 if is_centre else math.sqrt(weight / heaviest_node)
        radius = round(SMALLEST_RADIUS + share * (LARGEST_RADIUS - SMALLEST_RADIUS), 1)
        shared = (f"{plural(weight, 'article')}" if is_centre
                  else f"{plural(weight, 'shared article')}")
        nodes.append(Node(
            entity, weight, x, y,
            radius=radius, label=shortened(entity.name), anchor=anchor(x),
            title=f"{entity.name} ({KINDS[entity.kind].lower()}): {shared}",
            is_centre=is_centre, is_major=index <= MAJOR_NODES,
        ))
    links = []
    for one, other, weight in mentions.links:
        (x1, y1), (x2, y2) = where(one), where(other)
        links.append(Link(x1, y1, x2, y2, round(1 + (WIDEST_LINK - 1) * weight / heaviest_link, 2),
                          weight))
    # The centre's links drawn last would cross the others' nodes: lightest first, below.
    links.sort(key=lambda link: link.weight)
    return Network(title, describe(mentions), nodes, links)


def describe(mentions: CoMentions) -> str:
    centre = mentions.nodes[0].name
    strongest = ", ".join(f"{entity.name} ({weight})" for entity, weight in mentions.others[:3])
    return (f"{plural(len(mentions.others), 'other')} appearing with {centre}, sized by the "
            f"articles they share with it; most often {strongest}. The table below lists them all.")
