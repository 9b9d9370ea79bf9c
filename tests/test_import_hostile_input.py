"""What a hostile or careless file cannot do through the importer: each bad record is
reported and costs only itself."""

import json

import pytest

from articles.models import Article, Statement
from tests.test_import_articles import run

pytestmark = pytest.mark.django_db

HOSTILE_URL = "javascript:alert(document.domain)"


def text_file(tmp_path, name, url="", status="", title="Shipyard wins order"):
    headers = "".join(f"{key}: {value}\n" for key, value in
                      (("URL", url), ("Status", status), ("Published", "2024-05-02")) if value)
    path = tmp_path / name
    path.write_text(f"{headers}\n{title}\n\nThe yard will build two ships.\n",
                    encoding="utf-8")
    return path


def test_a_text_file_with_a_javascript_url_is_a_reported_failure(tmp_path):
    text_file(tmp_path, "bad.txt", url=HOSTILE_URL, title="Hostile")
    text_file(tmp_path, "good.txt", url="https://example.org/ok", title="Fine")
    code, out, err = run(tmp_path)
    assert code == 1
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert "is not a web address" in err
    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/ok"]


def test_a_json_record_with_a_data_url_is_refused_and_its_neighbours_saved(tmp_path):
    rows = [{"title": "Hostile", "body": "Text.", "url": "data:text/html,<script>x</script>"},
            {"title": "Fine", "body": "Other text.", "url": "https://example.org/fine"}]
    (tmp_path / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    code, out, _ = run(tmp_path / "rows.json", "--published", "2024-01-01")
    assert (code, Article.objects.get().title) == (1, "Fine")
    assert "1 failed" in out


def test_a_feed_item_linking_to_javascript_is_refused(tmp_path):
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Hostile</title><link>{HOSTILE_URL}</link>"
        "<description>Body one.</description></item>"
        "<item><title>Fine</title><link>https://example.org/f</link>"
        "<description>Body two.</description></item></channel></rss>", encoding="utf-8")
    run(tmp_path / "feed.xml", "--published", "2024-01-01")
    assert list(Article.objects.values_list("title", "url")) == [
        ("Fine", "https://example.org/f")]


def test_a_status_published_header_does_not_publish(tmp_path):
    run(text_file(tmp_path, "a.txt", status="published"))
    assert Article.objects.get().status == Article.Status.DRAFT


def test_the_editors_choice_of_status_is_the_one_kept(tmp_path):
    run(text_file(tmp_path, "a.txt", status="draft"), "--status", "published")
    assert Article.objects.get().status == Article.Status.PUBLISHED


def json_with_statements(tmp_path):
    row = {"title": "Deal", "body": "“We agreed,” he said.", "published": "2024-01-01",
           "status": "published",
           "statements": [{"text": "We agreed", "speaker": "Ann Lee", "reviewed": True},
                          {"text": "Unsaid", "speaker": "Bo Lin"}]}
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_statements_from_a_file_arrive_unreviewed(tmp_path):
    run(json_with_statements(tmp_path))
    assert Article.objects.get().status == Article.Status.DRAFT
    assert not Statement.objects.filter(is_reviewed=True).exists()
    assert Statement.objects.count() == 2


def test_trusting_the_file_keeps_an_exports_status_and_review_state(tmp_path):
    run(json_with_statements(tmp_path), "--trust-file-status")
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert dict(Statement.objects.values_list("text", "is_reviewed")) == {
        "We agreed": True, "Unsaid": False}


def deeply_nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_deeply_nested_json_line_is_a_failure_and_the_other_lines_are_saved(tmp_path):
    lines = [json.dumps({"title": "Before", "body": "First.", "published": "2024-01-01"}),
             deeply_nested(100_000),
             '{"title": "Nested", "body": "x", "companies": ' + deeply_nested(500) + "}",
             json.dumps({"title": "After", "body": "Last.", "published": "2024-01-01"})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run(tmp_path / "mixed.jsonl")
    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 2 failed" in out
    assert "mixed.jsonl:2: JSON nested too deeply to read" in err
    assert "mixed.jsonl:3: nested more than 20 levels deep" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["After", "Before"]


def test_a_deeply_nested_json_file_is_reported_and_the_next_file_imported(tmp_path):
    (tmp_path / "a.json").write_text(deeply_nested(100_000), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"title": "Fine", "body": "Text.",
                                                 "published": "2024-01-01"}), encoding="utf-8")
    code, out, err = run(tmp_path)
    assert (code, Article.objects.get().title) == (1, "Fine")
    assert "a.json: JSON nested too deeply to read" in err


def test_the_admin_upload_of_a_nested_line_reports_it_and_keeps_the_rest(
        editor_client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.jobs import Job
    from tests.jobs import work_off_queue

    content = "\n".join([json.dumps({"title": "Kept", "body": "Text.",
                                     "published": "2024-01-01"}), deeply_nested(50_000)])
    upload = SimpleUploadedFile("mixed.jsonl", content.encode())
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/articles/article/import/",
                           {"files": [upload], "status": "draft"})
    work_off_queue()  # the upload is imported by a worker, in the background
    job = Job.objects.get()
    response = editor_client.get(f"/admin/articles/job/{job.pk}/change/")
    assert "nested too deeply" in response.content.decode()
    assert Article.objects.get().title == "Kept"
