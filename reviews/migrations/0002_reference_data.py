from django.db import migrations


def load(apps, schema_editor):
    from reviews.reference import load_reference_data

    load_reference_data(
        apps.get_model("reviews", "Instrument"), apps.get_model("reviews", "Cluster"), apps.get_model("reviews", "StepDuration")
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
