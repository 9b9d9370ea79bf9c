from django.db import migrations
from django.utils.text import slugify

# The starting taxonomy; editors extend it in the admin. Two levels at most.
SECTORS = {
    ("Defense", "Arms, military equipment and the industry that makes them."): [
        "Aerospace",
        "Land systems",
        "Naval systems",
        "Air and missile defense",
        "Engines and propulsion",
        "Electronics and communications",
    ],
    ("Energy", "Oil, gas, power and the equipment and routes that carry them."): [
        "Natural gas",
        "Oil",
        "Pipelines",
        "Nuclear power",
        "Renewables",
        "Electricity and grids",
    ],
    ("Rail and infrastructure", "Railways, rolling stock, roads, ports and construction."): [
        "Rolling stock",
        "Railways",
        "Roads and bridges",
        "Ports",
    ],
}


def load_sectors(apps, schema_editor):
    Sector = apps.get_model("articles", "Sector")
    for (name, description), children in SECTORS.items():
        parent, _ = Sector.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
        for child in children:
            Sector.objects.get_or_create(
                slug=slugify(child), defaults={"name": child, "parent": parent}
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_countries")]

    operations = [migrations.RunPython(load_sectors, migrations.RunPython.noop)]
