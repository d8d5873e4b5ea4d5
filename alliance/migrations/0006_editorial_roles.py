"""The editorial roles, as groups whose permissions the admin enforces.

Editor: creates and edits drafts and sends them to review. Translator: may change but not add,
which the admin takes to mean: edits the English text of existing content, nothing else. Managing editor: everything an editor does, plus reviewing,
scheduling, publishing, unpublishing and deleting. Partner contributor: submits news and events
for the partnerships the account belongs to; an editor must approve them before they appear.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "newsletters": ["issue", "article", "quote", "section"],
    "alliance": ["organisation", "person", "report", "workplanitem"],
    "partnerships": ["thematicpartnership", "convenor"],
    "events": ["event"],
}
WORKFLOW = {"newsletters": ["issue", "article"], "alliance": ["report"], "events": ["event"]}
TRANSLATABLE = {
    "newsletters": ["issue", "article", "quote", "section"],
    "alliance": ["organisation", "person", "report", "workplanitem"],
    "partnerships": ["thematicpartnership"],
    "events": ["event"],
}


def codenames(models, *actions):
    return {
        (app, f"{action}_{model}")
        for app, names in models.items()
        for model in names
        for action in actions
    }


ROLES = {
    "Editor": codenames(CONTENT, "view", "add", "change") | {("newsletters", "delete_quote")},
    "Translator": codenames(CONTENT, "view") | codenames(TRANSLATABLE, "change"),
    "Managing editor": codenames(CONTENT, "view", "add", "change", "delete")
    | {(app, f"publish_{model}") for app, names in WORKFLOW.items() for model in names},
    "Partner contributor": codenames(
        {"newsletters": ["article", "quote"], "events": ["event"]}, "view", "add", "change"
    )
    | codenames(
        {
            "newsletters": ["issue", "section"],
            "alliance": ["person", "organisation"],
            "partnerships": ["thematicpartnership"],
        },
        "view",
    )
    | {("newsletters", "delete_quote")},
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in sorted(wanted)
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0005_workflow"),
        ("newsletters", "0002_workflow"),
        ("events", "0004_workflow"),
        ("partnerships", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
