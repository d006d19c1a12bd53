"""Copy the holding unit's scope path onto sources and ray devices (see CopiedScopeQuerySet)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_scope_paths(apps, schema_editor):
    Unit = apps.get_model("registry", "Unit")
    path = Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).values("scope_path")[:1])
    for name in ("Source", "RayDevice"):
        apps.get_model("inventory", name).objects.update(scope_path=path)


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_reference_data"),
        ("registry", "0003_licence_device_classes_licence_source_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="scope_path",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="raydevice",
            name="scope_path",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.RunPython(copy_scope_paths, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="source",
            index=models.Index(fields=["scope_path", "code"], name="inventory_s_scope_p_code_idx"),
        ),
        migrations.AddIndex(
            model_name="raydevice",
            index=models.Index(fields=["scope_path", "unit"], name="inventory_r_scope_p_unit_idx"),
        ),
    ]
