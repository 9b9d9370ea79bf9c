from django.db import migrations

from articles.permissions import grant_editor_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_sectors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_editor_permissions, migrations.RunPython.noop)]
