# A session remembers its prompt card by key instead of by position: a position shifts when an admin
# reorders or switches off cards while a session is open. Open sessions keep the card they were at.

from django.db import migrations, models


def _active_keys(Prompt, organisation_id):
    return list(
        Prompt.objects.filter(organisation_id=organisation_id, active=True)
        .order_by("order", "pk")
        .values_list("key", flat=True)
    )


def index_to_key(apps, schema_editor):
    MappingSession = apps.get_model("network", "MappingSession")
    Prompt = apps.get_model("network", "Prompt")
    open_sessions = MappingSession.objects.filter(finished_at=None, abandoned_at=None).select_related("client")
    keys_by_org = {}
    for session in open_sessions:
        org = session.client.organisation_id
        if org not in keys_by_org:
            keys_by_org[org] = _active_keys(Prompt, org)
        keys = keys_by_org[org]
        if keys:
            session.prompt_key = keys[min(session.prompt_index, len(keys) - 1)]
            session.save(update_fields=["prompt_key"])


def key_to_index(apps, schema_editor):
    MappingSession = apps.get_model("network", "MappingSession")
    Prompt = apps.get_model("network", "Prompt")
    for session in MappingSession.objects.filter(finished_at=None, abandoned_at=None).select_related("client"):
        keys = _active_keys(Prompt, session.client.organisation_id)
        if session.prompt_key in keys:
            session.prompt_index = keys.index(session.prompt_key)
            session.save(update_fields=["prompt_index"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_prompt_effect_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="mappingsession",
            name="prompt_key",
            field=models.CharField(blank=True, max_length=50),
        ),
        migrations.RunPython(index_to_key, key_to_index, elidable=True),
        migrations.RemoveField(
            model_name="mappingsession",
            name="prompt_index",
        ),
    ]
