from django.db import migrations


def load_countries(apps, schema_editor):
    from articles.country_names import country_records

    Country = apps.get_model("articles", "Country")
    for record in country_records():
        Country.objects.update_or_create(code=record.pop("code"), defaults=record)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
