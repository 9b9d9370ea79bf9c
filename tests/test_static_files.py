from django.core.management import call_command


def test_collectstatic_builds_the_compressed_manifest(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/archive.*.css.gz"))


def test_the_stylesheet_stays_small():
    from pathlib import Path

    stylesheet = Path(__file__).resolve().parent.parent / "static" / "css" / "archive.css"
    assert stylesheet.stat().st_size < 20_000
