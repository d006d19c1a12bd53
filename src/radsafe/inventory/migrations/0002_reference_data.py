from django.db import migrations


def add_reference_data(apps, schema_editor):
    import radioactivedecay

    from radsafe.inventory.reference import DEVICE_TYPES, NUCLIDES

    Nuclide = apps.get_model("inventory", "Nuclide")
    DeviceType = apps.get_model("inventory", "DeviceType")
    for symbol, name_zh, decay_symbol, d_value, exemption, verified in NUCLIDES:
        Nuclide.objects.get_or_create(
            symbol=symbol,
            defaults={
                "name_zh": name_zh,
                "decay_symbol": decay_symbol,
                "half_life_s": radioactivedecay.Nuclide(decay_symbol).half_life("s"),
                "d_value_tbq": d_value,
                "exemption_bq": exemption,
                "verified": verified,
            },
        )
    for order, (name, device_class) in enumerate(DEVICE_TYPES):
        DeviceType.objects.get_or_create(
            name=name, defaults={"device_class": device_class, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
