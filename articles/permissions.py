"""The Editors group: staff who curate the archive but do not manage accounts."""

EDITORS_GROUP = "Editors"
CURATED_APPS = ("articles",)


def grant_editor_permissions(apps, schema_editor=None):
    """Give the Editors group every permission on the archive's own models, and nothing else.

    Takes an app registry so that migrations can call it with their historical models.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; create them now. A
    # migration's historical app configs have no models module, which create_permissions
    # takes for "nothing to do": pretend they have one for the call.
    for app_config in apps.get_app_configs():
        historical = getattr(app_config, "models_module", None) is None
        if historical:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if historical:
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.set(Permission.objects.filter(content_type__app_label__in=CURATED_APPS))
