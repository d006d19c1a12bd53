"""Create an account from the command line: the only way to make the first accounts of a
production deployment, which has no Django admin and no self-registration."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from radsafe.core.choices import Role
from radsafe.core.models import Jurisdiction
from radsafe.core.passwords import temporary_password
from radsafe.core.services import user_create
from radsafe.core.web.forms import unit_model


class Command(BaseCommand):
    help = "创建账号（首次登录须修改密码）。Create an account; the user must change the password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--jurisdiction", help="辖区代码 jurisdiction code, e.g. 140881")
        parser.add_argument("--unit", help="单位统一社会信用代码 (unit officers)")
        parser.add_argument("--name", default="", help="姓名 full name")

    def handle(self, *args, username, role, jurisdiction, unit, name, **options):
        Unit = unit_model()  # the registry's, reached through the user's key: core names no app
        try:
            scope = Jurisdiction.objects.get(code=jurisdiction) if jurisdiction else None
            unit_obj = Unit.objects.get(credit_code=unit.strip().upper()) if unit else None
        except (Jurisdiction.DoesNotExist, Unit.DoesNotExist) as error:
            raise CommandError(f"找不到辖区或单位：{error}") from error
        password = temporary_password()
        try:
            user_create(
                username=username,
                password=password,
                role=role,
                jurisdiction=scope,
                unit=unit_obj,
                full_name=name,
                actor=None,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"已创建 {username}，临时密码：{password}（首次登录须修改）")
