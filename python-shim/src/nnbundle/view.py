"""``NetworkView``: the Jupyter widget. Kernel → browser: the network as Arrow bytes (``_network``)
and every parameter as a synced trait (the table in src/widget/traits.ts, same names and defaults).
Browser → kernel: ``_camera`` (the orbit camera), ``status``, ``error`` and ``selection`` (which also
goes the other way). Screenshots travel as custom messages (src/widget/messages.ts): the kernel asks,
a view in the browser renders and answers with PNG bytes.

Values are checked here before they are sent, so a bad parameter raises ``traitlets.TraitError`` in
the cell that set it instead of reaching the front end.
"""

from __future__ import annotations

import difflib
import math
import pathlib
from typing import Any

import anywidget
import traitlets as t

from nnbundle.arrow_codec import network_to_ipc
from nnbundle.html_export import write_standalone_html
from nnbundle.network import Network
from nnbundle.png_request import MAX_PNG_SCALE, PNG_SIGNATURE, PngRequest, png_side

#: The built front end (``make build`` writes it); one ES module for anywidget.
ESM_PATH = pathlib.Path(__file__).parent / "static" / "nnbundle.js"
#: Optional stylesheet next to it (the current build inlines its CSS into the module).
CSS_PATH = ESM_PATH.with_suffix(".css")

#: Camera presets (nn_vis utility/camera.py poses, lower-cased).
CAMERA_PRESETS = (
    "front", "right", "left", "lower_back_right", "back_right",
    "upper_back_left", "upper_back_right", "back", "default",
)  # fmt: skip

#: nn_vis's node and edge modes (rendering.json, lower-cased); its debug mode Point is not offered.
NODE_RENDER_MODES = ("none", "sphere", "sphere_transparent")
EDGE_RENDER_MODES = ("none", "sphere", "sphere_transparent", "ellipsoid_transparent", "line")

_INF = math.inf
#: Numeric parameter ranges: (low, high, low inclusive, high inclusive).
_RANGES: dict[str, tuple[float, float, bool, bool]] = {
    "layer_distance": (0.0, _INF, False, False),
    "layer_width": (0.0, _INF, False, False),
    "sampling_rate": (0.0, _INF, False, False),
    "prune_percentage": (0.0, 1.0, True, True),
    "node_bandwidth_reduction": (0.0, 1.0, False, False),
    "edge_bandwidth_reduction": (0.0, 1.0, False, False),
    "edge_importance_type": (0, 3, True, True),
    "smoothing_iterations": (0, _INF, True, False),
    "seed": (0, 2**32 - 1, True, True),
    "show_class": (0, _INF, True, False),
    "node_object_radius": (0.0, _INF, True, False),
    "edge_object_radius": (0.0, _INF, True, False),
    "node_importance_threshold": (0.0, _INF, True, False),
    "edge_importance_threshold": (0.0, _INF, True, False),
    "node_base_opacity": (0.0, 1.0, True, True),
    "node_importance_opacity": (0.0, _INF, True, False),
    "node_depth_opacity": (0.0, 1.0, True, True),
    "node_opacity_exponent": (0.0, _INF, True, False),
    "edge_base_opacity": (0.0, 1.0, True, True),
    "edge_importance_opacity": (0.0, _INF, True, False),
    "edge_depth_opacity": (0.0, 1.0, True, True),
    "edge_opacity_exponent": (0.0, _INF, True, False),
    "height": (1, _INF, True, False),
}
#: Synced traits that are view state, not parameters (the front end writes them; `selection` both ways).
_FRONT_END_STATE = ("error", "status", "selection")
_CAMERA_KEYS = ("position", "target", "up")


_BUILD_HINT = "Run `make build` in the nnbundle repository (it writes that file)"

def _front_end_source() -> str:
    """The built ES module's text, or an error that says how to build it."""
    if not ESM_PATH.is_file():
        raise FileNotFoundError(
            f"nnbundle's front end is not built: {ESM_PATH} is missing. {_BUILD_HINT}"
        )
    return ESM_PATH.read_text(encoding="utf-8")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _describe_range(low: float, high: float, low_in: bool, high_in: bool) -> str:
    if high == _INF:
        return f"{'≥' if low_in else '>'} {_number(low)}"
    return f"in {'[' if low_in else '('}{_number(low)}, {_number(high)}{']' if high_in else ')'}"


class NetworkView(anywidget.AnyWidget):
    """An interactive 3D view of a :class:`Network` in a notebook cell.

    ``NetworkView(network, **params)``: ``params`` are any of the traits below. Processing
    parameters re-run bundling in the browser; rendering parameters only redraw. Assign
    ``view.network = other`` to show another network in the same view.
    """

    # anywidget reads a Path into the module text when the class is created and raises if the file
    # is missing, so the path is only declared when the bundle exists; __init__ explains otherwise.
    if ESM_PATH.is_file():
        _esm = ESM_PATH
    if CSS_PATH.is_file():
        _css = CSS_PATH

    # -- processing (nn_vis processing.json, reference/nn_vis.md §2.1) --
    layer_distance = t.Float(0.4, help="z spacing between consecutive layers").tag(sync=True)
    layer_width = t.Float(1.0, help="edge length of each layer's square node grid").tag(sync=True)
    sampling_rate = t.Float(15.0, help="samples per unit length along edges").tag(sync=True)
    prune_percentage = t.Float(0.0, help="fraction of edges dropped, lowest first").tag(sync=True)
    node_bandwidth_reduction = t.Float(0.95, help="node bandwidth factor per level").tag(sync=True)
    edge_bandwidth_reduction = t.Float(0.9, help="edge bandwidth factor per level").tag(sync=True)
    edge_importance_type = t.Int(0, help="0 interpolate, 1 start, 2 sum, 3 end").tag(sync=True)
    smoothing = t.Bool(True, help="Laplacian smoothing after every edge level").tag(sync=True)
    smoothing_iterations = t.Int(8, help="smoothing passes per edge level").tag(sync=True)
    engine = t.Enum(("fast", "exact", "straight"), "fast", help="bundler").tag(sync=True)
    seed = t.Int(0, help="seed for everything random in processing").tag(sync=True)
    # -- rendering (nn_vis rendering.json, §2.2) --
    color_mode = t.Enum(("independent", "all", "class"), "all", help="colour mode").tag(sync=True)
    show_class = t.Int(0, help="class shown when color_mode is 'class'").tag(sync=True)
    node_object_radius = t.Float(0.04, help="node sphere size factor").tag(sync=True)
    edge_object_radius = t.Float(0.02, help="edge ellipsoid size factor").tag(sync=True)
    node_importance_threshold = t.Float(0.01, help="nodes at or below are hidden").tag(sync=True)
    edge_importance_threshold = t.Float(0.01, help="edges at or below are hidden").tag(sync=True)
    node_render_mode = t.Enum(
        NODE_RENDER_MODES, "sphere_transparent", help="how nodes are drawn"
    ).tag(sync=True)
    edge_render_mode = t.Enum(
        EDGE_RENDER_MODES, "ellipsoid_transparent", help="how edges are drawn"
    ).tag(sync=True)
    node_base_opacity = t.Float(0.0, help="node alpha floor").tag(sync=True)
    node_importance_opacity = t.Float(1.0, help="node alpha: importance weight").tag(sync=True)
    node_depth_opacity = t.Float(0.5, help="node alpha: depth weight").tag(sync=True)
    node_opacity_exponent = t.Float(0.5, help="node alpha: chord exponent").tag(sync=True)
    edge_base_opacity = t.Float(0.0, help="edge alpha floor").tag(sync=True)
    edge_importance_opacity = t.Float(1.1, help="edge alpha: importance weight").tag(sync=True)
    edge_depth_opacity = t.Float(0.5, help="edge alpha: depth weight").tag(sync=True)
    edge_opacity_exponent = t.Float(0.25, help="edge alpha: chord exponent").tag(sync=True)
    background = t.Enum(("light", "dark"), "light", help="page theme").tag(sync=True)
    height = t.Int(480, help="view height in CSS pixels").tag(sync=True)
    # -- camera (nn_vis utility/camera.py, §8.6) --
    camera_preset = t.Enum(CAMERA_PRESETS, "left", help="preset camera pose").tag(sync=True)
    auto_rotate = t.Bool(False, help="orbit the camera continuously").tag(sync=True)
    # -- data and front-end state --
    _network = t.Dict(help="{'layers', 'nodes', 'edges'}: Arrow IPC stream bytes").tag(sync=True)
    _camera = t.Dict(help="{'position', 'target', 'up'}: [x, y, z] each").tag(sync=True)
    error = t.Unicode("", read_only=True, help="error shown by the front end").tag(sync=True)
    status = t.Unicode("", read_only=True, help="front-end state, e.g. 'ready'").tag(sync=True)
    selection: t.Dict[str, list[int]] = t.Dict(
        {"nodes": list[int](), "edges": list[int]()},
        help="selected {'nodes': [global node ids], 'edges': [edge ids]}; clicks in the view set it",
    ).tag(sync=True)

    _net: Network
    _png_requests: dict[str, PngRequest]

    def __init__(self, network: Network, **params: Any) -> None:
        if "_esm" not in NetworkView.__dict__:
            raise FileNotFoundError(
                f"nnbundle's front end is not built: {ESM_PATH} was missing when nnbundle was "
                f"imported. {_BUILD_HINT}, then restart the kernel"
            )
        if not isinstance(network, Network):
            raise TypeError(f"NetworkView needs an nnbundle.Network, got {type(network).__name__}")
        known = set(self.class_trait_names())
        for name in params:
            if name not in known:
                close = difflib.get_close_matches(name, sorted(trait_table()), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise TypeError(f"NetworkView has no parameter {name!r}{hint}")
        self._net = network  # show_class is checked against it while params are applied
        self._png_requests = {}
        super().__init__(_network=network_to_ipc(network), **params)
        self.on_msg(self._on_front_end_msg)

    @property
    def network(self) -> Network:
        """The network shown; assigning another one re-sends it and re-runs processing."""
        return self._net

    @network.setter
    def network(self, network: Network) -> None:
        if not isinstance(network, Network):
            raise TypeError(f"view.network needs an nnbundle.Network, got {type(network).__name__}")
        payload = network_to_ipc(network)
        with self.hold_sync():
            self._net = network
            if self.show_class >= network.num_classes:
                self.show_class = 0
            self.selection = {"nodes": [], "edges": []}
            self._network = payload

    def save_html(self, path: str | pathlib.Path, *, title: str | None = None) -> pathlib.Path:
        """Write the view as ONE self-contained, offline, interactive HTML file; return its path.

        The file embeds the front end, the network bytes, every parameter and the current camera.
        ``title`` defaults to the network's name (or "nnbundle"); it is HTML-escaped.
        """
        state: dict[str, object] = {name: getattr(self, name) for name in trait_table()}
        state.update(_camera=dict(self._camera), error="", status="", selection=dict(self.selection))
        css = CSS_PATH.read_text(encoding="utf-8") if CSS_PATH.is_file() else None
        return write_standalone_html(
            path,
            esm=_front_end_source(),
            css=css,
            network=network_to_ipc(self._net),
            state=state,
            title=title if title is not None else (self._net.name or "nnbundle"),
        )

    def save_png(
        self,
        path: str | pathlib.Path,
        width: int | None = None,
        height: int | None = None,
        scale: float = 1.0,
    ) -> PngRequest:
        """Ask the browser for a PNG of the current view and write it to ``path``.

        The picture is (``width``·``scale``) × (``height``·``scale``) pixels; ``width`` and
        ``height`` default to the view's size in the page, and the camera keeps its pose (the
        aspect follows the requested size). Returns a :class:`PngRequest` at once: the file is
        written when the browser answers, which is after the current cell has finished.
        """
        width = png_side("width", width)
        height = png_side("height", height)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not (
            0 < scale <= MAX_PNG_SCALE
        ):
            raise ValueError(f"scale must be a number in (0, {MAX_PNG_SCALE:g}], got {scale!r}")
        request = PngRequest(pathlib.Path(path), width, height, float(scale))
        self._png_requests[request.id] = request
        self.send(
            {
                "type": "screenshot",
                "id": request.id,
                "width": width,
                "height": height,
                "scale": float(scale),
            }
        )
        return request

    def reset_camera(self) -> None:
        """Move the camera of every view back to its preset pose (``camera_preset``)."""
        self.send({"type": "reset_camera"})

    def _on_front_end_msg(self, _widget: object, content: Any, buffers: list[Any]) -> None:
        if not isinstance(content, dict) or content.get("type") != "screenshot":
            return
        # Every view of the widget answers; the first answer counts.
        request = self._png_requests.pop(str(content.get("id")), None)
        if request is None:
            return
        png = bytes(buffers[0]) if buffers else b""
        if content.get("ok") is True and png.startswith(PNG_SIGNATURE):
            size = (int(content.get("width", 0)), int(content.get("height", 0)))
            request.complete(png, size, None)
        else:
            error = content.get("error") or "the browser sent no PNG"
            request.complete(None, None, str(error))

    @t.validate(*_RANGES)
    def _check_range(self, proposal: t.Bunch) -> Any:
        name: str = proposal["trait"].name
        value = proposal["value"]
        if isinstance(value, float) and not math.isfinite(value):
            raise t.TraitError(f"{name} must be a finite number, got {value}")
        low, high, low_in, high_in = _RANGES[name]
        if not (
            (low <= value if low_in else low < value)
            and (value <= high if high_in else value < high)
        ):
            raise t.TraitError(
                f"{name} must be {_describe_range(low, high, low_in, high_in)}, got {value}"
            )
        if name == "show_class" and value >= self._net.num_classes:
            raise t.TraitError(
                f"show_class must be a class index in [0, {self._net.num_classes - 1}] for this "
                f"network ({self._net.num_classes} classes), got {value}"
            )
        return value

    @t.validate("selection")
    def _check_selection(self, proposal: t.Bunch) -> Any:
        value = proposal["value"]
        limits = {"nodes": self._net.num_nodes, "edges": self._net.num_edges}
        unknown = set(value) - set(limits)
        if unknown:
            raise t.TraitError(f"selection has only 'nodes' and 'edges', got {sorted(unknown)}")
        checked: dict[str, list[int]] = {}
        for key, limit in limits.items():
            ids = value.get(key, [])
            if not isinstance(ids, (list, tuple)) or not all(
                isinstance(i, int) and not isinstance(i, bool) and 0 <= i < limit for i in ids
            ):
                raise t.TraitError(
                    f"selection[{key!r}] must be a list of ids in [0, {limit - 1}], got {ids!r}"
                )
            checked[key] = sorted(set(ids))
        return checked

    @t.validate("_camera")
    def _check_camera(self, proposal: t.Bunch) -> Any:
        camera = proposal["value"]
        for key in _CAMERA_KEYS:
            if key not in camera:
                continue
            vector = camera[key]
            if not (
                isinstance(vector, (list, tuple))
                and len(vector) == 3
                and all(
                    isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                    for x in vector
                )
            ):
                raise t.TraitError(
                    f"_camera[{key!r}] must be [x, y, z], 3 finite numbers; got {vector!r}"
                )
        return camera


def trait_table() -> dict[str, object]:
    """Every parameter trait of :class:`NetworkView` (python name → default), i.e. the rows of
    src/widget/traits.ts; the jest tests compare the two through ``traits.json``."""
    own = NetworkView.class_own_traits(sync=True)
    return {
        name: trait.default()
        for name, trait in own.items()
        if not name.startswith("_") and name not in _FRONT_END_STATE
    }
