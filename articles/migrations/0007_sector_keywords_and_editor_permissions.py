from django.db import migrations

from articles.permissions import grant_editor_permissions

# Starting keywords for extraction; editors refine them in the admin.
KEYWORDS = {
    "defense": ["defense", "defence", "military", "army", "arms", "weapons", "armed forces"],
    "aerospace": ["aircraft", "helicopter", "fighter jet", "drone", "avionics", "aerospace"],
    "land-systems": ["armored vehicle", "armoured vehicle", "tank", "howitzer", "artillery"],
    "naval-systems": ["frigate", "corvette", "submarine", "warship", "shipyard", "navy"],
    "air-and-missile-defense": ["air defense", "air defence", "missile", "radar"],
    "engines-and-propulsion": ["engine", "turbine", "propulsion"],
    "electronics-and-communications": ["electronics", "communications", "sensor"],
    "energy": ["energy"],
    "natural-gas": ["natural gas", "lng", "gas field", "gas supply", "gas supplies"],
    "oil": ["oil", "crude", "refinery", "petroleum"],
    "pipelines": ["pipeline", "gas transmission", "compressor station"],
    "nuclear-power": ["nuclear power", "reactor", "nuclear plant"],
    "renewables": ["solar", "wind farm", "renewable", "hydropower"],
    "electricity-and-grids": ["electricity", "power grid", "interconnector", "power plant"],
    "rail-and-infrastructure": ["infrastructure"],
    "rolling-stock": ["locomotive", "rolling stock", "wagon", "train"],
    "railways": ["railway", "rail line", "railroad"],
    "roads-and-bridges": ["highway", "motorway", "bridge", "road construction"],
    "ports": ["port", "terminal", "harbour", "harbor"],
}


def add_keywords(apps, schema_editor):
    Sector = apps.get_model("articles", "Sector")
    for slug, keywords in KEYWORDS.items():
        Sector.objects.filter(slug=slug, keywords=[]).update(keywords=keywords)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_review_history_keywords")]

    operations = [
        migrations.RunPython(add_keywords, migrations.RunPython.noop),
        # The new historical models' permissions, for the Editors group too.
        migrations.RunPython(grant_editor_permissions, migrations.RunPython.noop),
    ]
