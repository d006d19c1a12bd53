from django.db import migrations


def add_industries(apps, schema_editor):
    from radsafe.registry.choices import INDUSTRIES

    Industry = apps.get_model("registry", "Industry")
    for order, (code, name) in enumerate(INDUSTRIES):
        Industry.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(add_industries, migrations.RunPython.noop)]
