"""tests/fixtures/write_fixtures.py writes the files the jest tests decode; they must say what
expected.json says, and the bad-version case must be refused."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from nnbundle import Network, NetworkError
from nnbundle.arrow_codec import network_from_ipc
from nnbundle.view import trait_table

from .support import REPO_ROOT

SCRIPT = REPO_ROOT / "tests" / "fixtures" / "write_fixtures.py"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("fixtures")
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True)
    return out


def load(outdir: pathlib.Path, case: str) -> Network:
    tables = ("layers", "nodes", "edges")
    return network_from_ipc({t: (outdir / f"{case}.{t}.arrows").read_bytes() for t in tables})


def test_every_file_is_written(outdir: pathlib.Path) -> None:
    names = sorted(p.name for p in outdir.iterdir())
    cases = ("bad-version", "random-8-6-4", "small")
    tables = ("edges", "layers", "nodes")
    assert names == sorted(
        [f"{c}.{t}.arrows" for c in cases for t in tables] + ["expected.json", "traits.json"]
    )


def test_small_decodes_to_the_expected_values(outdir: pathlib.Path) -> None:
    expected = json.loads((outdir / "expected.json").read_text(encoding="utf-8"))["small"]
    net = load(outdir, "small")
    assert list(net.layer_sizes) == expected["layerSizes"] == [3, 4, 2]
    assert list(net.layer_names) == expected["layerNames"]
    assert '<b>&"' in net.layer_names[1]
    assert list(net.class_names) == expected["classNames"] == ["cat", "dog"]
    assert expected["layerOffsets"] == [0, 3, 7, 9]
    assert expected["nodeLabels"] == ["red", None, "blue"] + [None] * 6
    flat = np.concatenate([m.ravel() for m in net.node_importance])
    assert flat.tolist() == expected["nodeImportance"]
    # Global node ids: source in layer g, target in layer g + 1.
    assert expected["edgeSource"][:5] == [0, 0, 0, 0, 1]
    assert expected["edgeTarget"][:5] == [3, 4, 5, 6, 3]
    assert expected["edgeSource"][12:14] == [3, 3] and expected["edgeTarget"][12:14] == [7, 8]
    alpha = np.concatenate([m.ravel() for m in net.edge_importance])
    assert alpha.tolist() == expected["edgeAlpha"]
    assert expected["edgeAlpha"][:12] == [
        0.5,
        1,
        0.25,
        0,
        1,
        0.25,
        0.25,
        0.5,
        0.0625,
        0.1875,
        1,
        0.5,
    ]


def test_random_matches_its_builder(outdir: pathlib.Path) -> None:
    expected = json.loads((outdir / "expected.json").read_text(encoding="utf-8"))["random-8-6-4"]
    net = Network.random([8, 6, 4], 4, seed=1)
    assert load(outdir, "random-8-6-4") == net
    assert len(expected["edgeWeight"]) == net.num_edges == 72
    assert expected["edgeWeight"] == np.concatenate([m.ravel() for m in net.weights]).tolist()


def test_bad_version_is_refused(outdir: pathlib.Path) -> None:
    with pytest.raises(NetworkError, match="'999'; this nnbundle reads version '1'"):
        load(outdir, "bad-version")


def test_traits_json_is_the_trait_table(outdir: pathlib.Path) -> None:
    assert json.loads((outdir / "traits.json").read_text(encoding="utf-8")) == trait_table()
