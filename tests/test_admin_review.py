import pytest

from articles.models import Article, Company, Speaker, SpeakerRole, Statement
from tests.factories import make_article, make_company, make_role, make_speaker, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggested(db):
    speaker = make_speaker(name="Lars Berg", is_reviewed=False)
    company = make_company(name="Nordic Yards", is_reviewed=False)
    article = make_article(title="Shipyard wins order", status=Article.Status.DRAFT,
                           body='"This order secures jobs," said Lars Berg.', companies=[company])
    first = make_statement(article, speaker=speaker, text="This order secures jobs,",
                           is_reviewed=False, position=1)
    second = make_statement(article, speaker=speaker, text="A wrong quote.", is_reviewed=False,
                            position=2)
    return article, speaker, company, first, second


def review_url(article):
    return f"/admin/articles/article/{article.pk}/review/"


def review_data(**fields):
    """The review form as a browser posts it: the decisions, and no missed statement added."""
    return {"missed-TOTAL_FORMS": "1", "missed-INITIAL_FORMS": "0", **fields}


def test_the_review_screen_marks_each_suggestion_in_the_text(editor_client, suggested):
    article, *_ = suggested
    html = editor_client.get(review_url(article)).content.decode()
    assert '<mark title="Suggestion 1">This order secures jobs,</mark>' in html
    assert "Keep Lars Berg" in html and "Keep Nordic Yards" in html


def test_an_editor_accepts_corrects_and_rejects_suggestions(editor_client, suggested):
    article, speaker, company, first, second = suggested
    other = make_speaker(name="Ingrid Solberg")
    response = editor_client.post(review_url(article), review_data(**{
        f"suggestion-{first.pk}-decision": "accept",
        f"suggestion-{first.pk}-text": "This order secures jobs.",
        f"suggestion-{first.pk}-speaker": other.pk,
        f"suggestion-{first.pk}-speaker_title": "chief executive",
        f"suggestion-{second.pk}-decision": "reject",
        f"suggestion-{second.pk}-text": second.text,
        f"speaker-{speaker.pk}-accept": "on",
        f"company-{company.pk}-accept": "on",
    }), follow=True)
    assert "1 suggestions accepted, 1 rejected, 0 missed statements added." in \
        response.content.decode()
    first.refresh_from_db()
    assert (first.is_reviewed, first.text, first.speaker, first.speaker_title) == (
        True, "This order secures jobs.", other, "chief executive")
    assert not Statement.objects.filter(pk=second.pk).exists()
    assert Speaker.objects.get(pk=speaker.pk).is_reviewed
    assert Company.objects.get(pk=company.pk).is_reviewed


def test_a_rejected_new_company_is_unlinked_and_removed(editor_client, suggested):
    article, speaker, company, first, second = suggested
    editor_client.post(review_url(article), review_data(**{
        f"suggestion-{first.pk}-decision": "later", f"suggestion-{first.pk}-text": first.text,
        f"suggestion-{second.pk}-decision": "later", f"suggestion-{second.pk}-text": second.text,
        f"speaker-{speaker.pk}-accept": "on",
    }))
    assert not Company.objects.filter(pk=company.pk).exists()
    assert Statement.objects.unreviewed().count() == 2


def test_readers_see_only_reviewed_statements(client, suggested):
    article, *_ = suggested
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    response = client.get(article.get_absolute_url())
    assert list(response.context["statements"]) == []
    assert 'class="statement"' not in response.content.decode()


def test_publishing_with_unreviewed_suggestions_needs_confirmation(editor_client, suggested):
    article, *_ = suggested
    data = {
        "title": article.title, "slug": article.slug, "status": "published",
        "published_on": article.published_on.isoformat(), "body": article.body,
        "summary": "", "url": "", "byline": "", "source": "",
        "statements-TOTAL_FORMS": "0", "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0", "statements-MAX_NUM_FORMS": "1000",
    }
    url = f"/admin/articles/article/{article.pk}/change/"
    response = editor_client.post(url, data)
    assert "suggestions nobody has reviewed yet" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    editor_client.post(url, {**data, "publish_unreviewed": "on"})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_the_publish_action_skips_articles_waiting_for_review(editor_client, suggested):
    article, *_ = suggested
    ready = make_article(title="Ready", status=Article.Status.DRAFT)
    response = editor_client.post("/admin/articles/article/", {
        "action": "publish", "_selected_action": [article.pk, ready.pk]}, follow=True)
    html = response.content.decode()
    assert "suggestions to review first: “Shipyard wins order”" in html
    assert "1 article published." in html
    assert list(Article.objects.published()) == [ready]


def test_merging_speakers_moves_statements_and_keeps_the_old_name_as_alias(editor_client):
    keep = make_speaker(name="Viktor Kladov")
    duplicate = make_speaker(name="V. Kladov", aliases=["Viktor Kladow"])
    make_statement(make_article(), speaker=duplicate)
    make_role(duplicate, title="director")
    selected = {"action": "merge", "_selected_action": [keep.pk, duplicate.pk]}
    page = editor_client.post("/admin/articles/speaker/", selected)
    assert "Choose the entry to keep" in page.content.decode()
    editor_client.post("/admin/articles/speaker/", {**selected, "target": keep.pk})
    keep.refresh_from_db()
    assert keep.aliases == ["V. Kladov", "Viktor Kladow"]
    assert keep.statements.count() == 1
    assert SpeakerRole.objects.get().speaker == keep
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()


def test_merging_companies_moves_links_roles_and_subsidiaries(editor_client):
    keep = make_company(name="United Engine Corporation")
    duplicate = make_company(name="UEC Group")
    child = make_company(name="Engine Plant", parent=duplicate)
    both = make_article(companies=[keep, duplicate])
    only = make_article(companies=[duplicate])
    make_statement(only, speaker_organization=duplicate)
    editor_client.post("/admin/articles/company/", {
        "action": "merge", "_selected_action": [keep.pk, duplicate.pk], "target": keep.pk})
    keep.refresh_from_db()
    assert keep.aliases == ["UEC Group"]
    assert set(keep.articles.all()) == {both, only}
    assert keep.statements.count() == 1
    child.refresh_from_db()
    assert child.parent == keep


def test_every_change_is_recorded_and_viewable(editor_client):
    article = make_article(title="First title")
    article.title = "Second title"
    article.save()
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Second title" in html
    assert article.history.count() == 2


def test_readers_cannot_open_the_review_or_import_pages(client, suggested):
    article, *_ = suggested
    for url in (review_url(article), "/admin/articles/article/import/"):
        assert client.get(url).status_code == 302
