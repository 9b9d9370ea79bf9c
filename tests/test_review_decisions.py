"""Every decision on the review page is recorded, as the quality figures need it."""

import pytest

from articles.models import Article, ReviewDecision, Statement
from tests.factories import make_article, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_with_suggestions(db):
    speaker = make_speaker(name="Lars Berg")
    article = make_article(title="Shipyard wins order", status=Article.Status.DRAFT,
                           body='"This order secures jobs," said Lars Berg. "We hire."')
    suggestions = [
        make_statement(article, speaker=speaker, text=text, is_reviewed=False, position=number,
                       proposed_by=rule, confidence=confidence)
        for number, (text, rule, confidence) in enumerate([
            ("This order secures jobs", "adjacent-name", 0.95),
            ("We hire", "pronoun", 0.6),
            ("said Lars", "adjacent-name", 0.9),
            ("We hire more", "continuation", 0.4),
        ], start=1)
    ]
    return article, speaker, suggestions


def review(client, article, decisions, missed=()):
    """Post the review page as an editor does: `decisions` by suggestion, the rest "later"."""
    data = {"missed-TOTAL_FORMS": str(max(len(missed), 1)), "missed-INITIAL_FORMS": "0"}
    undecided = {s: ("later", s.text, s.speaker) for s in article.statements.unreviewed()}
    for statement, (decision, text, speaker) in {**undecided, **decisions}.items():
        data.update({f"suggestion-{statement.pk}-decision": decision,
                     f"suggestion-{statement.pk}-text": text,
                     f"suggestion-{statement.pk}-speaker": speaker.pk if speaker else ""})
    for number, (text, speaker) in enumerate(missed):
        data.update({f"missed-{number}-text": text,
                     f"missed-{number}-speaker": speaker.pk if speaker else ""})
    return client.post(f"/admin/articles/article/{article.pk}/review/", data, follow=True)


def test_each_kind_of_decision_is_recorded_with_the_rule_that_proposed_it(
        editor_client, editor, article_with_suggestions):
    article, speaker, (kept, trimmed, wrong, misattributed) = article_with_suggestions
    other = make_speaker(name="Ingrid Solberg")
    review(editor_client, article, {
        kept: ("accept", kept.text, speaker),
        trimmed: ("accept", "We hire.", speaker),
        wrong: ("reject", wrong.text, speaker),
        misattributed: ("accept", misattributed.text, other),
    }, missed=[("A quote extraction never saw", other)])

    recorded = {d.proposed_text or d.final_text: d for d in ReviewDecision.objects.all()}
    assert {text: (d.outcome, d.sieve, d.confidence) for text, d in recorded.items()} == {
        "This order secures jobs": ("accepted", "adjacent-name", 0.95),
        "We hire": ("text_corrected", "pronoun", 0.6),
        "said Lars": ("rejected", "adjacent-name", 0.9),
        "We hire more": ("speaker_corrected", "continuation", 0.4),
        "A quote extraction never saw": ("added", "", None),
    }
    assert all(d.editor == editor and d.article == article for d in recorded.values())
    assert recorded["We hire more"].proposed_speaker == "Lars Berg"
    assert recorded["We hire more"].final_speaker == "Ingrid Solberg"


def test_a_rejected_suggestion_is_deleted_but_its_decision_stays(
        editor_client, article_with_suggestions):
    article, speaker, (kept, *others) = article_with_suggestions
    review(editor_client, article, {kept: ("reject", kept.text, speaker)})
    assert not Statement.objects.filter(pk=kept.pk).exists()
    decision = ReviewDecision.objects.get()
    assert (decision.outcome, decision.statement, decision.proposed_text) == (
        "rejected", None, "This order secures jobs")


def test_deciding_later_records_nothing(editor_client, article_with_suggestions):
    article, speaker, suggestions = article_with_suggestions
    review(editor_client, article, {s: ("later", s.text, speaker) for s in suggestions})
    assert not ReviewDecision.objects.exists()
    assert Statement.objects.unreviewed().count() == 4


def test_a_missed_statement_is_saved_reviewed_after_the_others(
        editor_client, article_with_suggestions):
    article, speaker, _ = article_with_suggestions
    response = review(editor_client, article, {}, missed=[("Shipbuilding is back", speaker)])
    added = Statement.objects.get(text="Shipbuilding is back")
    assert (added.is_reviewed, added.speaker, added.position) == (True, speaker, 5)
    assert "0 suggestions accepted, 0 rejected, 1 missed statements added." in \
        response.content.decode()


def test_the_review_page_shows_the_least_certain_suggestion_first_with_its_rule(
        editor_client, article_with_suggestions):
    article, *_ = article_with_suggestions
    html = editor_client.get(f"/admin/articles/article/{article.pk}/review/").content.decode()
    order = [html.index(f"confidence {value}") for value in ("0.40", "0.60", "0.90", "0.95")]
    assert order == sorted(order)
    assert "Proposed by the rule “continuation”, confidence 0.40." in html


def test_a_statement_added_inline_to_an_extracted_article_counts_as_missed(
        editor_client, editor, article_with_suggestions):
    article, speaker, _ = article_with_suggestions
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    data = change_form_data(page, **{"statements-TOTAL_FORMS": "5",
                                     "statements-4-text": "Added in the article form",
                                     "statements-4-kind": "direct",
                                     "statements-4-position": "9"})
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = ReviewDecision.objects.get()
    assert (decision.outcome, decision.final_text, decision.editor) == (
        "added", "Added in the article form", editor)


def change_form_data(page, **overrides):
    """The admin change form's current values, as the browser would post them back."""
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({name: [obj.pk for obj in value] if hasattr(value, "__iter__") and
                 not isinstance(value, str) else value for name, value in data.items()})
    data["published_on"] = form.initial["published_on"].isoformat()
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{key}": value
                     for key, value in management.initial.items()})
        for inline_form in formset.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                data[inline_form.add_prefix(name)] = getattr(value, "pk", value) or ""
    data.update(overrides)
    return data
