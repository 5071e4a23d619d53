"""Random networks as nn_vis's "Generate Network" makes them (reference/nn_vis.md §3.5), seeded.

Used for demos, tests and benchmarks when no trained model is at hand. Draws come from one
``numpy.random.Generator(PCG64(seed))``, layer by layer, so a (sizes, classes, seed) triple always
gives the same network.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnbundle.errors import NetworkError
from nnbundle.importance import one_hot_importance
from nnbundle.validation import MAX_EDGES, Float32Array, check_num_classes


@dataclass(frozen=True)
class RandomParts:
    """The arrays of a random network: per-gap weights and α, per-layer node importance."""

    weights: list[Float32Array]
    edge_importance: list[Float32Array]
    node_importance: list[Float32Array]


def check_layer_sizes(layer_sizes: Sequence[int]) -> list[int]:
    """At least two layers, each a positive integer, at most MAX_EDGES edges in all."""
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise NetworkError(f"layer_sizes {sizes}: a network needs at least 2 layers")
    for layer, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise NetworkError(f"layer_sizes[{layer}] must be an integer, got {size!r}")
        if size < 1:
            raise NetworkError(f"layer {layer} is empty (layer_sizes[{layer}] = {size})")
    edges = sum(a * b for a, b in itertools.pairwise(sizes))
    if edges > MAX_EDGES:
        raise NetworkError(
            f"layer_sizes {sizes} make {edges:,} edges; nnbundle refuses more than {MAX_EDGES:,}"
        )
    return [int(size) for size in sizes]


def _hidden_importance(rng: np.random.Generator, size: int, num_classes: int) -> Float32Array:
    """nn_vis node.py random_importance_init: one random dominant class gets the max of two
    uniforms, every other class the square of the min of two uniforms."""
    dominant = rng.integers(0, num_classes, size=size)
    first = rng.random((size, num_classes))
    second = rng.random((size, num_classes))
    importance = np.minimum(first, second) ** 2
    rows = np.arange(size)
    importance[rows, dominant] = np.maximum(first, second)[rows, dominant]
    return importance.astype(np.float32)


def random_parts(layer_sizes: Sequence[int], num_classes: int, seed: int) -> RandomParts:
    """Random importance (nn_vis §3.5) and weights = α with a random sign, α = uniform[0, 1).

    Output node i is one-hot for class ``i mod num_classes`` (nn_vis: one-hot for its own index,
    where the output size always equals the class count).
    """
    sizes = check_layer_sizes(layer_sizes)
    check_num_classes(num_classes, "num_classes")
    rng = np.random.default_rng(seed)
    node_importance = [_hidden_importance(rng, size, num_classes) for size in sizes[:-1]]
    node_importance.append(one_hot_importance(sizes[-1], num_classes))
    weights: list[Float32Array] = []
    alphas: list[Float32Array] = []
    for source_size, target_size in itertools.pairwise(sizes):
        alpha = rng.random((source_size, target_size), dtype=np.float32)
        sign = np.where(rng.random((source_size, target_size)) < 0.5, -1.0, 1.0)
        alphas.append(alpha)
        weights.append((alpha * sign).astype(np.float32))
    return RandomParts(weights=weights, edge_importance=alphas, node_importance=node_importance)
