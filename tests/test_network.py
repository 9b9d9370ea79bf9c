"""The co-mention network's drawing, on a network alone (no database)."""

from articles import network
from articles.comentions import CoMentions, Entity
from articles.network import draw


def star(others: int, extra_links=()) -> CoMentions:
    nodes = [Entity("company", "centre", "Centre Corp")] + [
        Entity("speaker" if n % 2 else "country", f"n{n}", f"Neighbour {n}")
        for n in range(others)]
    weights = [10] + [others - n for n in range(others)]
    links = [(0, n + 1, weights[n + 1]) for n in range(others)] + list(extra_links)
    return CoMentions(nodes, weights, links)


def test_the_same_network_always_draws_the_same_picture():
    assert draw(star(8, [(1, 2, 3)]), "T") == draw(star(8, [(1, 2, 3)]), "T")


def test_every_node_lies_inside_the_drawing():
    drawn = draw(star(15), "T")
    for node in drawn.nodes:
        assert network.MARGIN_X <= node.x <= 100 - network.MARGIN_X
        assert network.MARGIN_TOP <= node.y <= 100 - network.MARGIN_BOTTOM


def test_nodes_and_links_are_sized_by_the_articles_they_share():
    drawn = draw(star(3), "T")
    centre, first, second, third = drawn.nodes
    assert centre.is_centre and centre.radius == network.LARGEST_RADIUS
    assert first.radius > second.radius > third.radius >= network.SMALLEST_RADIUS
    assert max(link.width for link in drawn.links) == network.WIDEST_LINK
    assert [link.weight for link in drawn.links] == [1, 2, 3]  # heaviest drawn last, on top


def test_titles_and_labels_name_each_node_in_full_or_shortened():
    mentions = star(1)
    mentions.nodes[1] = Entity("country", "tr", "A country with a rather long name")
    drawn = draw(mentions, "T")
    assert drawn.nodes[1].label == "A country with a ra…"
    assert drawn.nodes[1].title == "A country with a rather long name (country): 1 shared article"
    assert drawn.nodes[0].title == "Centre Corp (company): 10 articles"


def test_labels_near_an_edge_grow_away_from_it():
    assert network.anchor(network.MARGIN_X) == "start"
    assert network.anchor(50) == "middle"
    assert network.anchor(100 - network.MARGIN_X) == "end"


def test_the_legend_lists_the_kinds_drawn():
    assert draw(star(2), "T").kinds == [("company", "Company"), ("country", "Country"),
                                       ("speaker", "Speaker")]
    assert draw(star(1), "T").kinds == [("company", "Company"), ("country", "Country")]
