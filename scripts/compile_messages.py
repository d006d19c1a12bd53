"""Compile the .po catalogues to .mo with polib, so set-up needs no GNU gettext on the machine."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "radsafe" / "locale"

for po_path in LOCALE.glob("*/LC_MESSAGES/*.po"):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
