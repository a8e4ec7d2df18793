"""The editorial roles as groups. Moderators get nothing on stories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Translator": [
        "view_source",
        "view_story",
        "change_story",
        "view_originalversion",
        "view_revision",
        "view_storyevent",
    ],
    "Reviewer": [
        "view_source",
        "view_story",
        "change_story",
        "review_story",
        "view_originalversion",
        "view_revision",
        "view_storyevent",
    ],
    "Publisher": [
        "view_source",
        "add_source",
        "change_source",
        "view_story",
        "add_story",
        "change_story",
        "review_story",
        "publish_story",
        "view_originalversion",
        "view_revision",
        "view_storyevent",
    ],
    "Moderator": [],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
