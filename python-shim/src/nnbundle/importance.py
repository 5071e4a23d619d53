"""Importance from the weights alone, normalised the way nn_vis normalises.

Node importance, two choices: ``flow`` (the default) is the positive part of each node's signed
linear contribution to every output class; ``magnitude`` is the total weight magnitude on all
paths to each class. Both are scaled so each layer's maximum is 1 (nn_vis neural_network.py:
|γ| / layer max); output nodes are one-hot (nn_vis §3.3). Edge importance α: |w| normalised per
gap, by nn_vis's running maximum or globally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from nnbundle.errors import NetworkError
from nnbundle.validation import Float32Array

#: How |w| becomes α in [0, 1]: ``running_max`` is nn_vis's quirk, ``global`` divides by the gap max.
AlphaNormalization = Literal["running_max", "global"]

Float64Array = npt.NDArray[np.float64]


def one_hot_importance(size: int, num_classes: int) -> Float32Array:
    """Output-layer importance: node i is one-hot for class ``i mod num_classes`` (nn_vis §3.3)."""
    importance = np.zeros((size, num_classes), dtype=np.float32)
    importance[np.arange(size), np.arange(size) % num_classes] = 1.0
    return importance


def _scale_to_unit_max(values: Float64Array) -> Float64Array:
    """Divide by the array's maximum so it becomes 1; an all-zero array stays zero (nn_vis: NaN)."""
    peak = float(values.max())
    return values / peak if peak > 0 else values


def magnitude_node_importance(weights: Sequence[Float32Array]) -> list[Float32Array]:
    """Per-class node importance from weight magnitudes alone; C = size of the output layer.

    Node j of layer l gets ``(|W_l| @ |W_l+1| @ ... @ |W_last|)[j, c]`` for class c: the total
    weight magnitude on all paths from j to output node c. Each layer is then divided by its own
    maximum over nodes and classes, so the most important node-class pair of a layer has 1 (nn_vis
    normalises BN-γ importance the same way). The output layer is one-hot. Since every layer is
    rescaled anyway, the product is carried rescaled, which keeps deep networks from overflowing.
    """
    output_size = weights[-1].shape[1]
    flow: Float64Array = np.eye(output_size, dtype=np.float64)
    layers = [one_hot_importance(output_size, output_size)]
    for matrix in reversed(weights):
        flow = _scale_to_unit_max(np.abs(matrix.astype(np.float64)) @ flow)
        layers.append(flow.astype(np.float32))
    layers.reverse()
    return layers


def flow_node_importance(weights: Sequence[Float32Array]) -> list[Float32Array]:
    """Per-class node importance from the signed weights; C = size of the output layer.

    Node j of layer l gets ``max(0, (W_l @ W_l+1 @ ... @ W_last)[j, c])``: how much j excites
    output c along all paths, as if every activation were linear (a ReLU network is, piecewise).
    Unlike ``magnitude``, paths that inhibit a class do not count for it, so nodes lean to a few
    classes, as nn_vis's BN-γ importance does: on a 64-36-16-10 MLP trained on the 8×8 digits the
    dominant class holds 36–44 % of a node's importance here, 11–18 % under ``magnitude``. Each
    layer is divided by its maximum; the output layer is one-hot.
    """
    output_size = weights[-1].shape[1]
    flow: Float64Array = np.eye(output_size, dtype=np.float64)
    layers = [one_hot_importance(output_size, output_size)]
    for matrix in reversed(weights):
        flow = matrix.astype(np.float64) @ flow
        peak = float(np.abs(flow).max())
        if peak > 0:
            flow = flow / peak  # keep deep products in range; the sign pattern is what matters
        layers.append(_scale_to_unit_max(np.maximum(flow, 0.0)).astype(np.float32))
    layers.reverse()
    return layers


def normalize_alpha(weights: Float32Array, mode: AlphaNormalization) -> Float32Array:
    """α = |w| scaled into [0, 1] for one gap's (n_l, n_l+1) matrix.

    ``running_max`` (nn_vis neural_network.py, §3.3 of the reference): source rows are taken in
    order, each divided by the largest |w| seen so far, that row included; row 0 always holds a 1
    and early rows come out larger than under a global maximum. ``global`` divides every |w| by the
    gap's largest |w|. Rows whose divisor is 0 get α = 0 (nn_vis would produce NaN).
    """
    magnitude = np.abs(weights.astype(np.float64))
    if mode == "running_max":
        divisor = np.maximum.accumulate(magnitude.max(axis=1))[:, np.newaxis]
    elif mode == "global":
        divisor = np.full((1, 1), magnitude.max())
    else:
        raise NetworkError(f"alpha_normalization must be 'running_max' or 'global', got {mode!r}")
    alpha = np.divide(magnitude, divisor, out=np.zeros_like(magnitude), where=divisor > 0)
    return alpha.astype(np.float32)
