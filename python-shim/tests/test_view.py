"""NetworkView: the trait table matches src/widget/traits.ts, values are checked before they are
sent, the network travels as the Arrow bytes of docs/data-format.md."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pytest
import traitlets

from nnbundle import Network, NetworkView
from nnbundle.arrow_codec import network_to_ipc
from nnbundle.view import trait_table

from .support import REPO_ROOT

MakeView = Callable[..., NetworkView]


def traits_ts_table() -> dict[str, object]:
    """python name -> default, read from the TypeScript trait table."""
    source = (REPO_ROOT / "src" / "widget" / "traits.ts").read_text(encoding="utf-8")
    rows = re.findall(r"python: '(\w+)', kind: '\w+', default: ([^ }]+) \}", source)
    assert rows, "no trait rows found in src/widget/traits.ts"
    return {name: ts_literal(value) for name, value in rows}


def ts_literal(text: str) -> object:
    if text in ("true", "false"):
        return text == "true"
    if text.startswith("'"):
        return text.strip("'")
    return float(text)


def test_trait_table_matches_traits_ts() -> None:
    # 0 == 0.0 in Python, so int/float defaults compare by value, as they do in JSON.
    assert trait_table() == traits_ts_table()


def test_parameters_and_state_traits_are_synced() -> None:
    source = (REPO_ROOT / "src" / "widget" / "traits.ts").read_text(encoding="utf-8")
    block = source[source.index("STATE_TRAITS = {") :]
    state = re.findall(r"^\s+\w+: '(\w+)',$", block[: block.index("}")], flags=re.MULTILINE)
    assert sorted(state) == ["_camera", "_network", "error", "status"]
    synced = NetworkView.class_trait_names(sync=True)
    for name in [*trait_table(), *state]:
        assert name in synced


def test_network_is_sent_as_arrow_bytes(make_view: MakeView, small: Network) -> None:
    view = make_view(small, prune_percentage=0.9, color_mode="class", show_class=1)
    assert view._network == network_to_ipc(small)
    assert view.network is small
    assert (view.prune_percentage, view.color_mode, view.show_class) == (0.9, "class", 1)
    assert view.engine == "straight" and view.camera_preset == "left"


def test_replacing_the_network(make_view: MakeView, small: Network) -> None:
    view = make_view(small, show_class=1)
    other = Network.random([5, 3], num_classes=1, seed=4)
    view.network = other
    assert view.network is other
    assert view._network == network_to_ipc(other)
    assert view.show_class == 0  # class 1 does not exist in a one-class network
    with pytest.raises(TypeError, match="view.network needs an nnbundle.Network"):
        view.network = "net"  # type: ignore[assignment]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("prune_percentage", 1.5, r"prune_percentage must be in \[0, 1\], got 1.5"),
        ("prune_percentage", -0.1, r"prune_percentage must be in \[0, 1\], got -0.1"),
        ("node_bandwidth_reduction", 1.0, r"node_bandwidth_reduction must be in \(0, 1\)"),
        ("edge_bandwidth_reduction", 0.0, r"edge_bandwidth_reduction must be in \(0, 1\)"),
        ("sampling_rate", 0.0, "sampling_rate must be > 0, got 0.0"),
        ("layer_width", -1.0, "layer_width must be > 0, got -1.0"),
        ("layer_distance", 0, "layer_distance must be > 0, got 0.0"),
        ("smoothing_iterations", -1, "smoothing_iterations must be ≥ 0, got -1"),
        ("edge_importance_type", 4, r"edge_importance_type must be in \[0, 3\], got 4"),
        ("seed", -1, r"seed must be in \[0, 4294967295\]"),
        ("height", 0, "height must be ≥ 1, got 0"),
        ("node_object_radius", -0.01, "node_object_radius must be ≥ 0"),
        ("edge_importance_threshold", math.nan, "edge_importance_threshold must be a finite"),
        ("layer_width", math.inf, "layer_width must be a finite number, got inf"),
        ("show_class", 2, r"show_class must be a class index in \[0, 1\] .*2 classes\), got 2"),
        ("show_class", -1, "show_class must be ≥ 0, got -1"),
    ],
)
def test_out_of_range_values_raise_trait_error(
    make_view: MakeView, small: Network, name: str, value: float, message: str
) -> None:
    view = make_view(small)
    before = getattr(view, name)
    with pytest.raises(traitlets.TraitError, match=message):
        setattr(view, name, value)
    assert getattr(view, name) == before  # the bad value never reached the front end
    with pytest.raises(traitlets.TraitError, match=message):
        make_view(small, **{name: value})


@pytest.mark.parametrize(
    ("name", "value"),
    [("engine", "gpu"), ("color_mode", "rainbow"), ("camera_preset", "top"), ("background", 0)],
)
def test_enums_refuse_unknown_values(
    make_view: MakeView, small: Network, name: str, value: object
) -> None:
    view = make_view(small)
    with pytest.raises(traitlets.TraitError):
        setattr(view, name, value)


def test_boundary_values_are_accepted(make_view: MakeView, small: Network) -> None:
    view = make_view(small, prune_percentage=1.0, smoothing_iterations=0, edge_importance_type=3)
    view.prune_percentage = 0
    assert view.prune_percentage == 0.0 and isinstance(view.prune_percentage, float)
    view.camera_preset = "upper_back_right"
    view.engine = "exact"
    assert (view.camera_preset, view.engine, view.edge_importance_type) == (
        "upper_back_right",
        "exact",
        3,
    )


def test_camera_from_the_front_end(make_view: MakeView, small: Network) -> None:
    view = make_view(small)
    camera = {"position": [1.0, 2.0, 3.0], "target": [0, 0, 0], "up": [0, 1, 0]}
    view.set_state({"_camera": camera, "status": "ready", "error": ""})
    assert view._camera == camera
    assert view.status == "ready"
    with pytest.raises(traitlets.TraitError, match=r"_camera\['up'\] must be \[x, y, z\]"):
        view._camera = {"up": [0, 1]}
    with pytest.raises(traitlets.TraitError, match=r"_camera\['position'\] must be \[x, y, z\]"):
        view._camera = {"position": [0, math.nan, 1]}


def test_front_end_state_is_read_only_from_python(make_view: MakeView, small: Network) -> None:
    view = make_view(small)
    view.set_state({"error": "layer 'x' has no nodes"})
    assert view.error == "layer 'x' has no nodes"
    with pytest.raises(traitlets.TraitError, match="read-only"):
        view.error = ""


def test_unknown_parameter_suggests_the_right_name(make_view: MakeView, small: Network) -> None:
    with pytest.raises(
        TypeError, match="NetworkView has no parameter 'prune_percent'; did you mean 'prune_perc"
    ):
        make_view(small, prune_percent=0.9)


def test_needs_a_network(make_view: MakeView) -> None:
    with pytest.raises(TypeError, match="NetworkView needs an nnbundle.Network, got list"):
        make_view([[1.0]])


def test_missing_front_end_says_how_to_build_it(
    monkeypatch: pytest.MonkeyPatch, small: Network
) -> None:
    monkeypatch.delattr(NetworkView, "_esm", raising=False)
    with pytest.raises(FileNotFoundError, match="front end is not built.*Run `make build`"):
        NetworkView(small)
