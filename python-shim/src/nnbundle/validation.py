"""Checks on the raw pieces of a network, run before anything is encoded or sent to the browser.

Each check converts its input to read-only float32 (float64 → float32, as docs/data-format.md
requires) or to tuples of ``str``, and raises :class:`NetworkError` with a message that names the
offending layer, gap or field. Past this module the package only sees validated data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from nnbundle.errors import NetworkError

#: Refuse networks with more edges than this: the browser would not cope (784-256-128-10 has 234,752).
MAX_EDGES = 5_000_000
#: Refuse more classes than this: every node and edge sample carries C floats in the front end.
MAX_CLASSES = 200

Float32Array = npt.NDArray[np.float32]


def layer_label(index: int, layer_names: Sequence[str]) -> str:
    """``layer 1 'fc1'``: how error messages name a layer."""
    return f"layer {index} {layer_names[index]!r}"


def gap_label(gap: int, layer_names: Sequence[str]) -> str:
    """``gap 0 ('input' -> 'fc1')``: how error messages name the edges between two layers."""
    return f"gap {gap} ({layer_names[gap]!r} -> {layer_names[gap + 1]!r})"


def as_list(value: object, field: str) -> list[object]:
    """A sequence of per-layer or per-gap items as a list; a string or a scalar is refused."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise NetworkError(f"{field} must be a list with one item per layer or gap, got {value!r}")
    return list(value)


def as_float32(value: object, field: str) -> Float32Array:
    """A read-only float32 copy of a numpy array, nested list or torch tensor (detached, on CPU)."""
    detach = getattr(value, "detach", None)
    if callable(detach):
        value = detach().cpu().numpy()
    try:
        source = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise NetworkError(f"{field} is not a rectangular numeric array: {exc}") from None
    if source.dtype.kind not in "iuf":
        raise NetworkError(f"{field} must hold real numbers, got dtype {source.dtype}")
    # Values beyond the float32 range become inf here and are reported by require_finite.
    with np.errstate(over="ignore"):
        array = np.array(source, dtype=np.float32)
    array.setflags(write=False)
    return array


def require_finite(array: Float32Array, field: str, axes: tuple[str, str]) -> None:
    """Refuse NaN and ±inf, naming the first bad position by ``axes`` (e.g. source/target)."""
    bad = ~np.isfinite(array)
    if bad.any():
        row, col = (int(i) for i in np.unravel_index(int(np.argmax(bad)), array.shape))
        raise NetworkError(
            f"{field} contains {array[row, col]} at {axes[0]} {row}, {axes[1]} {col}: every value "
            "must be finite (float64 values beyond ±3.4e38 become inf in float32)"
        )


def check_layer_names(layer_names: object, num_layers: int) -> tuple[str, ...]:
    """One string per layer."""
    names = as_list(layer_names, "layer_names")
    if len(names) != num_layers:
        raise NetworkError(
            f"layer_names has {len(names)} names but the network has {num_layers} layers"
        )
    for index, name in enumerate(names):
        if not isinstance(name, str):
            raise NetworkError(f"layer_names[{index}] must be a string, got {name!r}")
    return tuple(str(name) for name in names)


def check_weights(weights: object, layer_names: Sequence[str]) -> list[Float32Array]:
    """One finite (n_l, n_{l+1}) matrix per gap, indexed [source, target], sizes that chain."""
    matrices = [
        as_float32(w, f"weights[{gap}] ({gap_label(gap, layer_names)})")
        for gap, w in enumerate(as_list(weights, "weights"))
    ]
    for gap, matrix in enumerate(matrices):
        field = f"weights[{gap}] ({gap_label(gap, layer_names)})"
        if matrix.ndim != 2:
            raise NetworkError(
                f"{field} has shape {matrix.shape}; expected a 2-D (n_{gap}, n_{gap + 1}) "
                "matrix indexed [source, target]"
            )
        for side, layer in ((0, gap), (1, gap + 1)):
            if matrix.shape[side] == 0:
                raise NetworkError(
                    f"{layer_label(layer, layer_names)} is empty (size 0, from {field} with shape "
                    f"{matrix.shape}): every layer needs at least one node"
                )
        if gap > 0 and matrices[gap - 1].shape[1] != matrix.shape[0]:
            previous = matrices[gap - 1]
            raise NetworkError(
                f"{layer_label(gap, layer_names)} has two sizes: weights[{gap - 1}] has shape "
                f"{previous.shape} ({previous.shape[1]} targets) but weights[{gap}] has shape "
                f"{matrix.shape} ({matrix.shape[0]} sources); each matrix is (n_l, n_l+1), "
                "indexed [source, target]"
            )
    total = sum(int(m.size) for m in matrices)
    if total > MAX_EDGES:
        raise NetworkError(
            f"the network has {total:,} edges; nnbundle refuses more than {MAX_EDGES:,} "
            "(the browser cannot bundle or draw that many): show a smaller part of the model"
        )
    for gap, matrix in enumerate(matrices):
        require_finite(
            matrix, f"weights[{gap}] ({gap_label(gap, layer_names)})", ("source", "target")
        )
    return matrices


def check_num_classes(num_classes: int, field: str) -> None:
    """1 ≤ C ≤ MAX_CLASSES."""
    if num_classes < 1:
        raise NetworkError(f"{field}: a network needs at least one class, got {num_classes}")
    if num_classes > MAX_CLASSES:
        raise NetworkError(
            f"{field}: {num_classes} classes; nnbundle refuses more than {MAX_CLASSES} classes"
        )


def check_node_importance(
    node_importance: object, layer_sizes: Sequence[int], layer_names: Sequence[str]
) -> list[Float32Array]:
    """One finite, non-negative (n_l, C) matrix per layer, the same C for every layer."""
    items = as_list(node_importance, "node_importance")
    if len(items) != len(layer_sizes):
        raise NetworkError(
            f"node_importance has {len(items)} arrays but the network has {len(layer_sizes)} "
            "layers: give one (n_l, C) array per layer, output layer included"
        )
    matrices: list[Float32Array] = []
    for layer, (item, size) in enumerate(zip(items, layer_sizes, strict=True)):
        field = f"node_importance[{layer}] ({layer_label(layer, layer_names)})"
        matrix = as_float32(item, field)
        if matrix.ndim != 2 or matrix.shape[0] != size:
            raise NetworkError(
                f"{field} has shape {matrix.shape}; expected ({size}, C): a row per node, "
                "a column per class"
            )
        if layer == 0:
            check_num_classes(matrix.shape[1], field)
        elif matrix.shape[1] != matrices[0].shape[1]:
            raise NetworkError(
                f"{field} has {matrix.shape[1]} classes but node_importance[0] has "
                f"{matrices[0].shape[1]}: every layer needs the same number of classes C"
            )
        require_finite(matrix, field, ("node", "class"))
        if (matrix < 0).any():
            node, cls = (int(i) for i in np.argwhere(matrix < 0)[0])
            raise NetworkError(
                f"{field} has a negative value {matrix[node, cls]} at node {node}, class {cls}: "
                "importance must be ≥ 0"
            )
        matrices.append(matrix)
    return matrices


def check_edge_importance(
    edge_importance: object, weights: Sequence[Float32Array], layer_names: Sequence[str]
) -> list[Float32Array]:
    """One α matrix per gap, the shape of that gap's weights, every value in [0, 1]."""
    items = as_list(edge_importance, "edge_importance")
    if len(items) != len(weights):
        raise NetworkError(
            f"edge_importance has {len(items)} arrays but the network has {len(weights)} gaps"
        )
    matrices: list[Float32Array] = []
    for gap, (item, w) in enumerate(zip(items, weights, strict=True)):
        field = f"edge_importance[{gap}] ({gap_label(gap, layer_names)})"
        matrix = as_float32(item, field)
        if matrix.shape != w.shape:
            raise NetworkError(
                f"{field} has shape {matrix.shape}; expected {w.shape}, the shape of weights[{gap}]"
            )
        require_finite(matrix, field, ("source", "target"))
        outside = (matrix < 0) | (matrix > 1)
        if outside.any():
            source, target = (int(i) for i in np.argwhere(outside)[0])
            raise NetworkError(
                f"{field} has {matrix[source, target]} at source {source}, target {target}: "
                "edge importance α must lie in [0, 1]"
            )
        matrices.append(matrix)
    return matrices


def check_class_names(class_names: object, num_classes: int) -> tuple[str, ...]:
    """One string per class."""
    names = as_list(class_names, "class_names")
    if len(names) != num_classes:
        raise NetworkError(
            f"class_names has {len(names)} names but the node importance has C = {num_classes} "
            "classes (its number of columns)"
        )
    for index, name in enumerate(names):
        if not isinstance(name, str):
            raise NetworkError(f"class_names[{index}] must be a string, got {name!r}")
    return tuple(str(name) for name in names)


def check_node_labels(
    node_labels: object, layer_sizes: Sequence[int], layer_names: Sequence[str]
) -> tuple[tuple[str | None, ...] | None, ...]:
    """Per layer: ``None`` (no labels) or one string-or-None per node."""
    if node_labels is None:
        return tuple(None for _ in layer_sizes)
    items = as_list(node_labels, "node_labels")
    if len(items) != len(layer_sizes):
        raise NetworkError(
            f"node_labels has {len(items)} entries but the network has {len(layer_sizes)} "
            "layers: give one list (or None) per layer"
        )
    result: list[tuple[str | None, ...] | None] = []
    for layer, (item, size) in enumerate(zip(items, layer_sizes, strict=True)):
        if item is None:
            result.append(None)
            continue
        field = f"node_labels[{layer}] ({layer_label(layer, layer_names)})"
        labels = as_list(item, field)
        if len(labels) != size:
            raise NetworkError(f"{field} has {len(labels)} labels but the layer has {size} nodes")
        for node, label in enumerate(labels):
            if label is not None and not isinstance(label, str):
                raise NetworkError(f"{field}[{node}] must be a string or None, got {label!r}")
        # A layer whose labels are all None is stored as None, so equal networks compare equal.
        has_label = any(label is not None for label in labels)
        result.append(tuple(labels) if has_label else None)  # type: ignore[arg-type]
    return tuple(result)
