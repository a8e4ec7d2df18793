"""Give the Moderator role the comment queue, the rules and closing; erasing stays with admins."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "view_commentrules",
    "add_commentrules",
    "change_commentrules",
    "view_closeddiscussion",
    "add_closeddiscussion",
    "delete_closeddiscussion",
]


def moderator_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="comments", codename__in=MODERATOR_PERMISSIONS
    )


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Moderator")
    group.permissions.add(*moderator_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderator"):
        group.permissions.remove(*moderator_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_rules_and_closed_discussions"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
