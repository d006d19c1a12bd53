"""The architecture contracts (design.md "Layout"): `core` imports no app, an app imports only
other apps' models, choices, selectors and workflows, and demo and bench are imported by nobody.
`lint-imports` checks them in CI; these tests show it passes on the tree, that it fails when a
forbidden import is added, and that the contracts name every module an app has, so a module
added later is covered without anyone remembering to list it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("registry", "inventory", "personnel", "readiness")
# What an app may import from another: its vocabulary and its read side.
SHARED_LAYERS = {"models", "choices", "selectors", "workflows"}
NOT_MODULES = {"migrations", "templates", "static", "locale", "management", "templatetags"}
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path, src: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract():
    result = _lint(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("core/probe.py", "from radsafe.registry import views", "core imports no app"),
        (
            "personnel/probe.py",
            "from radsafe.inventory.services import assets",
            "personnel imports other apps' models",
        ),
        ("readiness/probe.py", "from radsafe.demo import county", "demo and bench"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, contract):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "radsafe",
        tmp_path / "src" / "radsafe",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "locale"),
    )
    (tmp_path / "src" / "radsafe" / module).write_text(line + "\n")
    result = _lint(tmp_path, tmp_path / "src")
    assert result.returncode == 1, result.stdout
    assert f"{contract}" in result.stdout
    assert "BROKEN" in result.stdout


def _modules_of(app: str) -> set[str]:
    names = set()
    for entry in (ROOT / "src" / "radsafe" / app).iterdir():
        if entry.name.startswith(("_", ".")) or entry.name in NOT_MODULES:
            continue
        if entry.is_dir() and (entry / "__init__.py").exists():
            names.add(entry.name)
        elif entry.suffix == ".py":
            names.add(entry.stem)
    return names


def test_each_app_contract_forbids_every_other_layer_of_the_other_apps():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contracts = {contract["id"]: contract for contract in config["contracts"]}
    for app in APPS:
        contract = contracts[f"{app}-uses-only-models-and-selectors-of-other-apps"]
        expected = {
            f"radsafe.{other}.{name}"
            for other in APPS
            if other != app
            for name in _modules_of(other) - SHARED_LAYERS
        }
        assert set(contract["forbidden_modules"]) == expected, app


def test_every_workflow_table_names_registered_capabilities():
    from django.core.checks import run_checks

    from radsafe.core.workflows import TABLES, unknown_capabilities_check

    assert unknown_capabilities_check() == []
    assert len(TABLES) >= 4  # registry's units; inventory's sources, incidents, devices
    TABLES.append({("a", "b"): "no.such_capability"})
    try:
        errors = run_checks(tags=["security"])
        assert any(error.id == "radsafe.E001" for error in errors)
    finally:
        TABLES.pop()


def test_every_import_spec_lives_in_its_apps_imports_specs_module():
    """One shape for imports: `<app>/imports/<entity>.py` plus the specs in `imports/specs.py`,
    which is also where the background worker discovers them."""
    found = {
        path.relative_to(ROOT / "src" / "radsafe").as_posix()
        for path in (ROOT / "src" / "radsafe").rglob("*.py")
        if "ImportSpec(" in path.read_text() and "/core/" not in path.as_posix()
    }
    assert found == {f"{app}/imports/specs.py" for app in ("registry", "inventory", "personnel")}
