"""factory_boy factories. Users get a pre-hashed password so that tests which never log in with it
pay for argon2 once, not per user."""

import datetime
import itertools

import factory
from django.contrib.auth.hashers import make_password

from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.core.models import Jurisdiction, User
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit
from radsafe.registry.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

TEST_PASSWORD = "Test-passw0rd"
_HASHED = make_password(TEST_PASSWORD)
_serial = itertools.count(1)


def valid_credit_code(n: int | None = None) -> str:
    """A credit code with a correct check character, unique per call (or per n)."""
    n = next(_serial) if n is None else n
    body = ""
    for _ in range(9):
        n, digit = divmod(n, 31)
        body = CREDIT_CODE_ALPHABET[digit] + body
    first17 = "91140881" + body
    return first17 + credit_code_check_char(first17)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    code = factory.Sequence(lambda n: f"J{n:05d}")
    name = factory.Sequence(lambda n: f"辖区{n}")
    level = JurisdictionLevel.PROVINCE
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else '/'}{o.code}/")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = _HASHED
    role = Role.BUREAU_LEAD
    must_change_password = False


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试单位{n}")
    credit_code = factory.LazyFunction(valid_credit_code)
    address = "山西省永济市"
    status = UnitStatus.NORMAL
    squad = None
    scope_path = factory.LazyAttribute(lambda o: (o.squad or o.jurisdiction).path)
    licence_expires_on = None

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create:
            self.industries.set(extracted or [Industry.objects.get(code="diagnosis")])


class LicenceFactory(factory.django.DjangoModelFactory):
    """Use `radsafe.registry.services.licence_create` where the unit's expiry summary matters;
    this factory also refreshes it so fixtures stay consistent."""

    class Meta:
        model = Licence
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    number = factory.Sequence(lambda n: f"晋环辐证[{n:05d}]")
    authority = "山西省生态环境厅"
    authority_level = AuthorityLevel.PROVINCE
    scope = "使用Ⅲ类射线装置"
    issued_on = datetime.date(2022, 1, 1)
    expires_on = datetime.date(2027, 1, 1)

    @factory.post_generation
    def refresh_unit(self, create, extracted, **kwargs):
        if create:
            from radsafe.registry.services import _refresh_licence_summary

            _refresh_licence_summary(self.unit_id)
            self.unit.refresh_from_db()


# --- Inventory -------------------------------------------------------------------------------
def nuclide(symbol: str = "Cs-137"):
    """Nuclides are reference rows from the data migration, not factory-made."""
    from radsafe.inventory.models import Nuclide

    return Nuclide.objects.get(symbol=symbol)


_source_serial = itertools.count(1)


def source_code(category: str = "4", year: str = "18", nuclide_code: str = "CS") -> str:
    return f"01{year}{nuclide_code}{next(_source_serial):05d}{category}"


class StorageSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inventory.StorageSite"

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"源库{n}")
    kind = "temporary"
    place = "厂区东侧"
    dual_lock = True
    video = True
    alarm = True


class SourceFactory(factory.django.DjangoModelFactory):
    """A row as the services would leave it, without the arrival event: tests of the register
    add events through the services."""

    class Meta:
        model = "inventory.Source"

    code = factory.LazyFunction(source_code)
    nuclide = factory.LazyFunction(nuclide)
    activity_bq = 3.7e9
    reference_date = datetime.date(2018, 1, 1)
    category_at_manufacture = factory.LazyAttribute(
        lambda o: None if o.code[-1] == "N" else int(o.code[-1])
    )
    unit = factory.SubFactory(UnitFactory)
    scope_path = factory.LazyAttribute(lambda o: o.unit.scope_path)
    site = None
    status = "stored"
    use = "料位计"


def device_type(name: str = "医用诊断X射线机"):
    from radsafe.inventory.models import DeviceType

    return DeviceType.objects.get(name=name)


class RayDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inventory.RayDevice"

    unit = factory.SubFactory(UnitFactory)
    scope_path = factory.LazyAttribute(lambda o: o.unit.scope_path)
    name = factory.Sequence(lambda n: f"X射线机{n}")
    device_type = factory.LazyFunction(device_type)
    device_class = 3
    model = "XR-100"
    status = "in_use"
