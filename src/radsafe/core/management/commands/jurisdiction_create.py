"""Build a deployment's jurisdiction tree (province › city › county bureau › squad)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction
from radsafe.core.services import jurisdiction_create


class Command(BaseCommand):
    help = "新建辖区节点。Create a jurisdiction under its parent."

    def add_arguments(self, parser):
        parser.add_argument("code", help="代码, e.g. 140881 or 140881-1 for a squad")
        parser.add_argument("name")
        parser.add_argument("--level", required=True, choices=JurisdictionLevel.values)
        parser.add_argument("--parent", help="上级代码 parent code (all levels but province)")

    def handle(self, *args, code, name, level, parent, **options):
        try:
            parent_obj = Jurisdiction.objects.get(code=parent) if parent else None
        except Jurisdiction.DoesNotExist as error:
            raise CommandError(f"找不到上级辖区 {parent}") from error
        try:
            node = jurisdiction_create(code=code, name=name, level=level, parent=parent_obj)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"已创建 {node.name}（{node.path}）")
