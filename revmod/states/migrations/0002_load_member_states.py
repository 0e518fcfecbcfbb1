from django.db import migrations


def load_member_states(apps, schema_editor):
    from revmod.states.services import sync_member_states

    sync_member_states(apps.get_model("states", "MemberState"))


class Migration(migrations.Migration):
    dependencies = [("states", "0001_initial")]

    operations = [migrations.RunPython(load_member_states, migrations.RunPython.noop)]
