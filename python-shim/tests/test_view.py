"""NetworkView: the trait table matches src/widget/traits.ts, values are checked before they are
sent, the network travels as the Arrow bytes of docs/data-format.md."""

from __future__ import annotations

import math
import pathlib
import re
from collections.abc import Callable

import pytest
import traitlets

from nnbundle import Network, NetworkView
from nnbundle.arrow_codec import network_to_ipc
from nnbundle.png_request import PngRequest
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
    assert sorted(state) == ["_camera", "_network", "error", "selection", "status"]
    synced = NetworkView.class_trait_names(sync=True)
    for name in [*trait_table(), *state]:
        assert name in synced


def test_network_is_sent_as_arrow_bytes(make_view: MakeView, small: Network) -> None:
    view = make_view(small, prune_percentage=0.9, color_mode="class", show_class=1)
    assert view._network == network_to_ipc(small)
    assert view.network is small
    assert (view.prune_percentage, view.color_mode, view.show_class) == (0.9, "class", 1)
    assert view.engine == "fast" and view.camera_preset == "left"


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


def test_rendering_traits_have_nn_vis_defaults(make_view: MakeView, small: Network) -> None:
    view = make_view(small)
    assert (view.node_render_mode, view.edge_render_mode) == (
        "sphere_transparent",
        "ellipsoid_transparent",
    )
    # nn_vis rendering_config.py code defaults (reference/nn_vis.md §2.2)
    assert (
        view.node_base_opacity,
        view.node_importance_opacity,
        view.node_depth_opacity,
        view.node_opacity_exponent,
    ) == (0.0, 1.0, 0.5, 0.5)
    assert (
        view.edge_base_opacity,
        view.edge_importance_opacity,
        view.edge_depth_opacity,
        view.edge_opacity_exponent,
    ) == (0.0, 1.1, 0.5, 0.25)
    view.edge_render_mode = "line"
    with pytest.raises(traitlets.TraitError):
        view.node_render_mode = "ellipsoid_transparent"  # nn_vis has no ellipsoid nodes


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("edge_base_opacity", 1.5, r"edge_base_opacity must be in \[0, 1\], got 1.5"),
        ("node_depth_opacity", -0.5, r"node_depth_opacity must be in \[0, 1\]"),
        ("edge_opacity_exponent", -1.0, "edge_opacity_exponent must be ≥ 0"),
        ("node_importance_opacity", math.inf, "node_importance_opacity must be a finite number"),
    ],
)
def test_opacity_parameters_are_checked(
    make_view: MakeView, small: Network, name: str, value: float, message: str
) -> None:
    view = make_view(small)
    with pytest.raises(traitlets.TraitError, match=message):
        setattr(view, name, value)


def test_selection_is_checked_and_normalised(make_view: MakeView, small: Network) -> None:
    view = make_view(small)
    assert view.selection == {"nodes": [], "edges": []}
    view.selection = {"nodes": [8, 0, 0]}
    assert view.selection == {"nodes": [0, 8], "edges": []}
    # the front end's clicks arrive the same way
    view.set_state({"selection": {"nodes": [], "edges": [19]}})
    assert view.selection == {"nodes": [], "edges": [19]}
    with pytest.raises(traitlets.TraitError, match=r"selection\['nodes'\] must be a list of ids in \[0, 8\]"):
        view.selection = {"nodes": [9]}
    with pytest.raises(traitlets.TraitError, match=r"selection\['edges'\] .* \[0, 19\]"):
        view.selection = {"edges": [True]}
    with pytest.raises(traitlets.TraitError, match="only 'nodes' and 'edges'"):
        view.selection = {"layers": [0]}
    view.network = Network.random([5, 3], num_classes=1, seed=4)
    assert view.selection == {"nodes": [], "edges": []}  # ids of the old network mean nothing


class SentMessages:
    """Records what the view sends to the front end instead of sending it."""

    def __init__(self, view: NetworkView, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[dict[str, object]] = []
        monkeypatch.setattr(view, "send", lambda content, buffers=None: self.messages.append(content))


PNG = b"\x89PNG\r\n\x1a\n" + b"rest of the file"


def test_save_png_asks_the_browser_and_writes_the_first_answer(
    make_view: MakeView, small: Network, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    view = make_view(small)
    sent = SentMessages(view, monkeypatch)
    target = tmp_path / "net.png"
    request = view.save_png(target, width=320, height=200, scale=2)
    assert sent.messages == [
        {"type": "screenshot", "id": request.id, "width": 320, "height": 200, "scale": 2.0}
    ]
    assert not request.done and not target.exists()
    assert "waiting for the browser" in repr(request)
    seen: list[PngRequest] = []
    request.add_done_callback(seen.append)
    answer = {"type": "screenshot", "id": request.id, "ok": True, "width": 640, "height": 400}
    view._handle_custom_msg(answer, [memoryview(PNG)])
    assert request.done and request.error is None and request.size == (640, 400)
    assert target.read_bytes() == PNG
    assert seen == [request]
    assert repr(request) == f"PngRequest({str(target)!r}: written, 640×400 pixels)"
    # a second view of the same widget answers too: ignored
    view._handle_custom_msg({**answer, "width": 1}, [memoryview(PNG + b"x")])
    assert target.read_bytes() == PNG and request.size == (640, 400)


def test_save_png_reports_the_browsers_error(
    make_view: MakeView, small: Network, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    view = make_view(small)
    SentMessages(view, monkeypatch)
    request = view.save_png(tmp_path / "big.png", width=16384, height=16384, scale=8)
    error = "a 131072×131072 picture exceeds this browser's WebGL limit of 8192 pixels per side"
    view._handle_custom_msg({"type": "screenshot", "id": request.id, "ok": False, "error": error}, [])
    assert request.done and request.error == error and request.size is None
    assert not (tmp_path / "big.png").exists()
    assert "failed: a 131072×131072 picture" in repr(request)
    # bytes that are not a PNG are refused, not written
    other = view.save_png(tmp_path / "bad.png")
    answer = {"type": "screenshot", "id": other.id, "ok": True, "width": 1, "height": 1}
    view._handle_custom_msg(answer, [memoryview(b"<html>")])
    assert other.error == "the browser sent no PNG" and not (tmp_path / "bad.png").exists()


def test_save_png_reports_a_file_it_cannot_write(
    make_view: MakeView, small: Network, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    view = make_view(small)
    SentMessages(view, monkeypatch)
    target = tmp_path / "no-such-folder" / "net.png"
    request = view.save_png(target, width=320, height=200, scale=2)
    answer = {"type": "screenshot", "id": request.id, "ok": True, "width": 640, "height": 400}
    view._handle_custom_msg(answer, [memoryview(PNG)])
    # done with the reason, not "waiting for the browser" forever with the error in the kernel's log
    assert request.done and request.size is None and not target.exists()
    assert request.error is not None and request.error.startswith(f"the PNG could not be written to {target}: ")
    assert "failed: the PNG could not be written" in repr(request)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"width": 0}, r"width must be None or an integer in \[1, 16384\], got 0"),
        ({"height": 2.5}, r"height must be None or an integer"),
        ({"scale": 0}, r"scale must be a number in \(0, 8\], got 0"),
        ({"scale": 9}, r"scale must be a number in \(0, 8\]"),
    ],
)
def test_save_png_checks_its_arguments_before_asking(
    make_view: MakeView,
    small: Network,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: pathlib.Path,
    kwargs: dict[str, float],
    message: str,
) -> None:
    view = make_view(small)
    sent = SentMessages(view, monkeypatch)
    with pytest.raises(ValueError, match=message):
        view.save_png(tmp_path / "x.png", **kwargs)  # type: ignore[arg-type]
    assert sent.messages == []


def test_reset_camera_is_a_message_to_every_view(
    make_view: MakeView, small: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(small)
    sent = SentMessages(view, monkeypatch)
    view.reset_camera()
    assert sent.messages == [{"type": "reset_camera"}]
