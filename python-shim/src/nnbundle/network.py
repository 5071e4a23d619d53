"""``Network``: what nnbundle draws — layer sizes and names, per-class node importance, edge weights
and edge importance α — validated once, when it is built, and read-only afterwards.

Builders: :meth:`Network.from_weights` (numpy), :meth:`Network.from_torch` (PyTorch ``Linear``
stacks) and :meth:`Network.random` (nn_vis's random networks). ``arrow_codec`` turns a Network into
the Arrow bytes the widget reads (docs/data-format.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from nnbundle.errors import NetworkError
from nnbundle.importance import (
    AlphaNormalization,
    flow_node_importance,
    magnitude_node_importance,
    normalize_alpha,
)
from nnbundle.random_network import random_parts
from nnbundle.torch_import import read_linear_layers
from nnbundle.validation import (
    Float32Array,
    as_list,
    check_class_names,
    check_edge_importance,
    check_layer_names,
    check_node_importance,
    check_node_labels,
    check_weights,
)

#: What ``node_importance``/``importance`` accept besides arrays: computed from the weights.
ImportanceName = Literal["flow", "magnitude"]
#: Per-layer node labels: None for a layer without labels, else one str-or-None per node.
NodeLabels = Sequence[Sequence[str | None] | None]


def default_layer_names(num_layers: int) -> list[str]:
    """``input``, ``hidden 1`` … ``hidden L-2``, ``output``."""
    return ["input", *(f"hidden {i}" for i in range(1, num_layers - 1)), "output"]


def default_class_names(num_classes: int) -> list[str]:
    """``"0"`` … ``"C-1"``."""
    return [str(c) for c in range(num_classes)]


def _gaps(weights: object) -> list[object]:
    gaps = as_list(weights, "weights")
    if not gaps:
        raise NetworkError(
            "weights is empty: a network needs at least 2 layers (one matrix per gap between "
            "consecutive layers)"
        )
    return gaps


class Network:
    """A feed-forward network as nnbundle draws it. Read-only: builders return new objects.

    Layers are numbered from the input (0) to the output (L−1); gap ``l`` holds the edges from
    layer ``l`` to layer ``l+1``. C is the number of classes. All arrays are read-only float32.

    Most users call a builder; the constructor takes every piece explicitly and validates it
    (raising :class:`NetworkError` naming the offending layer, gap or field).

    Args:
        weights: per gap, the (n_l, n_l+1) weight matrix indexed [source, target].
        node_importance: per layer, an (n_l, C) matrix of class importance, finite and ≥ 0.
        edge_importance: per gap, α with the shape of that gap's weights, in [0, 1].
        class_names: C names; default ``"0"`` … ``"C-1"``.
        layer_names: L names; default ``input``, ``hidden 1`` …, ``output``.
        node_labels: per layer, ``None`` or one label (str or None) per node.
        name: the network's name, shown in the view and in exported files.
    """

    __slots__ = (
        "_class_names",
        "_edge_importance",
        "_layer_names",
        "_name",
        "_node_importance",
        "_node_labels",
        "_weights",
    )

    def __init__(
        self,
        *,
        weights: Sequence[npt.ArrayLike],
        node_importance: Sequence[npt.ArrayLike],
        edge_importance: Sequence[npt.ArrayLike],
        class_names: Sequence[str] | None = None,
        layer_names: Sequence[str] | None = None,
        node_labels: NodeLabels | None = None,
        name: str = "",
    ) -> None:
        gaps = _gaps(weights)
        num_layers = len(gaps) + 1
        names = check_layer_names(
            default_layer_names(num_layers) if layer_names is None else layer_names, num_layers
        )
        matrices = check_weights(gaps, names)
        sizes = [m.shape[0] for m in matrices] + [matrices[-1].shape[1]]
        importance = check_node_importance(node_importance, sizes, names)
        num_classes = importance[0].shape[1]
        if not isinstance(name, str):
            raise NetworkError(f"name must be a string, got {name!r}")
        self._layer_names = names
        self._weights = tuple(matrices)
        self._node_importance = tuple(importance)
        self._edge_importance = tuple(check_edge_importance(edge_importance, matrices, names))
        self._class_names = check_class_names(
            default_class_names(num_classes) if class_names is None else class_names, num_classes
        )
        self._node_labels = check_node_labels(node_labels, sizes, names)
        self._name = name

    # -- builders -----------------------------------------------------------------------------

    @classmethod
    def from_weights(
        cls,
        weights: Sequence[npt.ArrayLike],
        *,
        node_importance: Sequence[npt.ArrayLike] | ImportanceName | None = None,
        edge_importance: Sequence[npt.ArrayLike] | None = None,
        class_names: Sequence[str] | None = None,
        layer_names: Sequence[str] | None = None,
        node_labels: NodeLabels | None = None,
        name: str = "",
        alpha_normalization: AlphaNormalization = "running_max",
    ) -> Network:
        """A network from its weight matrices, ``weights[l]`` of shape (n_l, n_l+1) [source, target].

        ``node_importance``: None or ``"flow"`` (the default) or ``"magnitude"`` computes it from
        the weights (C = output layer size, output layer one-hot, see
        :func:`nnbundle.importance.flow_node_importance` and ``magnitude_node_importance``);
        otherwise one (n_l, C) array per layer, output layer included.
        ``edge_importance``: None computes α = |w| normalised per gap by ``alpha_normalization``
        (``"running_max"``, nn_vis's quirk and the default, or ``"global"``); otherwise one α
        array per gap in [0, 1]. Other arguments as in :class:`Network`.
        """
        if alpha_normalization not in ("running_max", "global"):
            raise NetworkError(
                f"alpha_normalization must be 'running_max' or 'global', got {alpha_normalization!r}"
            )
        gaps = _gaps(weights)
        names = check_layer_names(
            default_layer_names(len(gaps) + 1) if layer_names is None else layer_names,
            len(gaps) + 1,
        )
        matrices = check_weights(gaps, names)
        if node_importance is None or isinstance(node_importance, str):
            if node_importance not in (None, "flow", "magnitude"):
                raise NetworkError(
                    f"node_importance must be 'flow', 'magnitude', None or a list of (n_l, C) arrays, "
                    f"got {node_importance!r}"
                )
            output_size = matrices[-1].shape[1]
            if class_names is not None and len(class_names) != output_size:
                raise NetworkError(
                    f"class_names has {len(class_names)} names but importance from the weights has one "
                    f"class per output node: C = {output_size}"
                )
            compute = magnitude_node_importance if node_importance == "magnitude" else flow_node_importance
            node_importance = compute(matrices)
        if edge_importance is None:
            edge_importance = [normalize_alpha(m, alpha_normalization) for m in matrices]
        return cls(
            weights=matrices,
            node_importance=node_importance,
            edge_importance=edge_importance,
            class_names=class_names,
            layer_names=names,
            node_labels=node_labels,
            name=name,
        )

    @classmethod
    def from_torch(
        cls,
        model: object,
        *,
        importance: ImportanceName
        | Sequence[npt.ArrayLike]
        | Mapping[str, npt.ArrayLike]
        | None = None,
        class_names: Sequence[str] | None = None,
        name: str | None = None,
        alpha_normalization: AlphaNormalization = "running_max",
    ) -> Network:
        """A network from a PyTorch model made of ``nn.Linear`` layers (biases are not drawn).

        Leaf modules are read in registration order; Flatten, Identity, Dropout and elementwise
        activations are skipped, anything else (Conv2d, BatchNorm1d, LSTM …) raises
        :class:`NetworkError` naming the module. Layer names are ``input`` and then each Linear's
        qualified name (``"0"``, ``"classifier.fc1"`` …).

        ``importance``: None, ``"flow"`` or ``"magnitude"`` (from the weights, see :meth:`from_weights`), a
        list of one (n_l, C) array per layer, or a dict from layer name to that array.
        ``name`` defaults to the model's class name.
        """
        layers = read_linear_layers(model)
        node_importance: Sequence[npt.ArrayLike] | ImportanceName | None
        if isinstance(importance, Mapping):
            wanted, given = layers.layer_names, [str(key) for key in importance]
            if sorted(wanted) != sorted(given):
                raise NetworkError(
                    f"importance dict keys must be the layer names {wanted}; "
                    f"missing {sorted(set(wanted) - set(given))}, "
                    f"unknown {sorted(set(given) - set(wanted))}"
                )
            node_importance = [importance[layer] for layer in wanted]
        else:
            node_importance = importance
        return cls.from_weights(
            layers.weights,
            node_importance=node_importance,
            class_names=class_names,
            layer_names=layers.layer_names,
            name=type(model).__name__ if name is None else name,
            alpha_normalization=alpha_normalization,
        )

    @classmethod
    def random(cls, layer_sizes: Sequence[int], num_classes: int = 10, seed: int = 0) -> Network:
        """A random network as nn_vis's "Generate Network" makes it (reference/nn_vis.md §3.5).

        Non-output nodes: one random dominant class gets the max of two uniforms, every other
        class the square of the min of two uniforms. Output node i is one-hot for class
        ``i mod num_classes``. α = uniform[0, 1) per edge; weight = α with a random sign.
        Deterministic for a given seed (``numpy.random.default_rng(seed)``).
        """
        parts = random_parts(layer_sizes, num_classes, seed)
        sizes = "-".join(str(m.shape[0]) for m in parts.node_importance)
        return cls(
            weights=parts.weights,
            node_importance=parts.node_importance,
            edge_importance=parts.edge_importance,
            name=f"random {sizes} (seed {seed})",
        )

    # -- read-only views ----------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The network's name (may be empty)."""
        return self._name

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Nodes per layer, input first."""
        return tuple(int(m.shape[0]) for m in self._node_importance)

    @property
    def layer_names(self) -> tuple[str, ...]:
        """One name per layer."""
        return self._layer_names

    @property
    def class_names(self) -> tuple[str, ...]:
        """One name per class (C names)."""
        return self._class_names

    @property
    def num_layers(self) -> int:
        """L, the number of layers (≥ 2)."""
        return len(self._node_importance)

    @property
    def num_classes(self) -> int:
        """C, the number of classes (≥ 1)."""
        return int(self._node_importance[0].shape[1])

    @property
    def num_nodes(self) -> int:
        """N, the number of nodes in all layers."""
        return sum(self.layer_sizes)

    @property
    def num_edges(self) -> int:
        """E, the number of edges in all gaps."""
        return sum(int(m.size) for m in self._weights)

    @property
    def node_importance(self) -> tuple[Float32Array, ...]:
        """Per layer, the (n_l, C) class importance (read-only float32)."""
        return self._node_importance

    @property
    def weights(self) -> tuple[Float32Array, ...]:
        """Per gap, the (n_l, n_l+1) weights indexed [source, target] (read-only float32)."""
        return self._weights

    @property
    def edge_importance(self) -> tuple[Float32Array, ...]:
        """Per gap, α in [0, 1] with the shape of that gap's weights (read-only float32)."""
        return self._edge_importance

    @property
    def node_labels(self) -> tuple[tuple[str | None, ...] | None, ...]:
        """Per layer, None (no labels) or one label (str or None) per node."""
        return self._node_labels

    def __eq__(self, other: object) -> bool:
        """Equal names, labels and bit-identical arrays."""
        if not isinstance(other, Network):
            return NotImplemented
        return (
            (self._name, self._layer_names, self._class_names, self._node_labels)
            == (other._name, other._layer_names, other._class_names, other._node_labels)
            and self.layer_sizes == other.layer_sizes
            and self.num_classes == other.num_classes
            and all(
                np.array_equal(a, b)
                for mine, theirs in (
                    (self._weights, other._weights),
                    (self._edge_importance, other._edge_importance),
                    (self._node_importance, other._node_importance),
                )
                for a, b in zip(mine, theirs, strict=True)
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        sizes = list(self.layer_sizes)
        return (
            f"Network({self._name!r}, layer_sizes={sizes}, classes={self.num_classes}, "
            f"edges={self.num_edges})"
        )
