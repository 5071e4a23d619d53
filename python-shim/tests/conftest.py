"""Shared fixtures: small hand-checked networks and a stand-in front end for view tests.

Tests of the Python side of the view (traits, validation, the HTML template) use a tiny fake ES
module so they run without `make build`; test_html_export.py has one test on the real built file.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Iterator

import pytest

import nnbundle.view as view_module
from nnbundle import Network, NetworkView

from .support import FAKE_ESM


@pytest.fixture
def fake_front_end(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Point the view at a fake built module (and no stylesheet); return the module's path."""
    esm = tmp_path / "static" / "nnbundle.js"
    esm.parent.mkdir()
    esm.write_text(FAKE_ESM, encoding="utf-8")
    monkeypatch.setattr(view_module, "ESM_PATH", esm)
    monkeypatch.setattr(view_module, "CSS_PATH", esm.with_suffix(".css"))
    monkeypatch.setattr(NetworkView, "_esm", FAKE_ESM, raising=False)
    return esm


@pytest.fixture
def small() -> Network:
    """3-4-2, two classes, exact binary values everywhere."""
    return Network.from_weights(
        [
            [[0.5, -1.0, 0.25, 0.0], [2.0, 0.5, -0.5, 1.0], [-0.25, 0.75, 4.0, -2.0]],
            [[1.0, -0.5], [0.25, 2.0], [-1.5, 0.5], [0.0, -1.0]],
        ],
        node_importance=[
            [[1.0, 0.0], [0.5, 0.25], [0.0, 0.75]],
            [[0.25, 1.0], [1.0, 0.0], [0.5, 0.5], [0.125, 0.875]],
            [[1.0, 0.0], [0.0, 1.0]],
        ],
        class_names=["cat", "dog"],
        layer_names=["input", 'hidden <b>&"', "output"],
        node_labels=[["red", None, "blue"], None, None],
        name="small",
    )


@pytest.fixture
def make_view(fake_front_end: pathlib.Path) -> Iterator[Callable[..., NetworkView]]:
    """Build NetworkViews on the fake front end; every view made is closed after the test."""
    made: list[NetworkView] = []

    def make(network: Network, **params: object) -> NetworkView:
        view = NetworkView(network, **params)
        made.append(view)
        return view

    yield make
    for view in made:
        view.close()
