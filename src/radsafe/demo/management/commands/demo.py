"""`python -m radsafe demo [--if-empty]`: load the demo county and print its accounts.

`make run` calls it with --if-empty on every start, so it must be harmless on a loaded database and
must still print the accounts, which is what the newcomer is looking for."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from radsafe.demo.accounts import accounts_table
from radsafe.demo.county import DemoAlreadyLoaded, build_demo
from radsafe.registry.models import Unit


class Command(BaseCommand):
    help = "Load the deterministic demo county (永济) with one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any unit exists (the accounts are printed anyway).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date the licence expiries are relative to (YYYY-MM-DD; default: today).",
        )

    def handle(self, *args, if_empty: bool, today: datetime.date | None, **options):
        with transaction.atomic():
            if if_empty and Unit.objects.exists():
                self.stdout.write(_("数据库中已有单位，未加载演示数据。"))
            else:
                try:
                    county = build_demo(today=today)
                except DemoAlreadyLoaded:
                    raise CommandError(
                        _("演示数据已存在（账号或单位重复）；请使用 --if-empty 或换一个空数据库。")
                    ) from None
                self.stdout.write(
                    self.style.SUCCESS(
                        _("已加载演示县：%(county)s，%(n)d 家单位。")
                        % {"county": county.county.name, "n": len(county.units)}
                    )
                )
        self.stdout.write(accounts_table())
