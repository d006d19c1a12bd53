import pytest
from django.core.management import CommandError, call_command

from radsafe.core.models import AuditEvent, Jurisdiction, User

pytestmark = pytest.mark.django_db


def test_build_a_tree_and_an_inspector_account(capsys):
    call_command("jurisdiction_create", "14", "山西省", level="province")
    call_command("jurisdiction_create", "1408", "运城市", level="city", parent="14")
    call_command("jurisdiction_create", "140881", "永济分局", level="county", parent="1408")
    call_command("jurisdiction_create", "140881-1", "一中队", level="squad", parent="140881")
    assert Jurisdiction.objects.get(code="140881-1").path == "/14/1408/140881/140881-1/"
    call_command("account_create", "zhang", role="inspector", jurisdiction="140881-1", name="张三")
    out = capsys.readouterr().out
    password = out.rsplit("临时密码：", 1)[1].split("（")[0]
    user = User.objects.get(username="zhang")
    assert user.check_password(password)
    assert user.must_change_password and not user.is_demo
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_wrong_level_under_parent_is_refused():
    call_command("jurisdiction_create", "14", "山西省", level="province")
    with pytest.raises(CommandError, match="上级辖区的层级不正确"):
        call_command("jurisdiction_create", "140881", "永济分局", level="county", parent="14")
    assert not Jurisdiction.objects.filter(code="140881").exists()


def test_inspector_must_belong_to_a_squad(world):
    with pytest.raises(CommandError, match="中队执法人员的辖区必须是中队"):
        call_command("account_create", "li", role="inspector", jurisdiction=world.county.code)
    assert not User.objects.filter(username="li").exists()


def test_unknown_unit_is_named():
    with pytest.raises(CommandError, match="找不到辖区或单位"):
        call_command("account_create", "wang", role="unit_officer", unit="91140881XXXXXXXXXX")
