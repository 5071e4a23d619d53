"""Constants the tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

import pathlib

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]

#: A stand-in widget module: enough for anywidget and for the HTML template, no URLs in it.
FAKE_ESM = "export default { render({ model, el }) { el.textContent = model.get('status'); } };\n"
