"""Who may edit the glossary: reviewers and publishers; translators read it; moderators nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Translator": ["view_glossaryterm"],
    "Reviewer": [
        "view_glossaryterm",
        "add_glossaryterm",
        "change_glossaryterm",
        "delete_glossaryterm",
    ],
    "Publisher": [
        "view_glossaryterm",
        "add_glossaryterm",
        "change_glossaryterm",
        "delete_glossaryterm",
    ],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="translation", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; the groups need them now.
    app_config = apps.get_app_config("translation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("translation", "0002_house_style_terms"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
