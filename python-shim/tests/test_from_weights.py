"""Network.from_weights: shapes, defaults, and the two default importances against hand-checked
numbers (signed flow or magnitude flow for nodes; nn_vis's running-maximum α for edges)."""

from __future__ import annotations

import numpy as np
import pytest

from nnbundle import Network
from nnbundle.importance import flow_node_importance, magnitude_node_importance, normalize_alpha


def test_shapes_sizes_and_defaults() -> None:
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=(3, 2))]
    net = Network.from_weights(weights)
    assert net.layer_sizes == (5, 4, 3, 2)
    assert net.num_layers == 4
    assert net.num_classes == 2  # importance from the weights: one class per output node
    assert net.num_nodes == 14
    assert net.num_edges == 20 + 12 + 6
    assert net.layer_names == ("input", "hidden 1", "hidden 2", "output")
    assert net.class_names == ("0", "1")
    assert net.name == ""
    assert [m.shape for m in net.node_importance] == [(5, 2), (4, 2), (3, 2), (2, 2)]
    assert [m.shape for m in net.edge_importance] == [(5, 4), (4, 3), (3, 2)]
    assert all(m.dtype == np.float32 for m in (*net.weights, *net.node_importance))
    np.testing.assert_array_equal(net.weights[1], weights[1].astype(np.float32))
    assert net.node_labels == (None, None, None, None)


def test_arrays_are_read_only_copies() -> None:
    weights = np.ones((2, 3), dtype=np.float32)
    net = Network.from_weights([weights])
    weights[0, 0] = 5.0  # the caller's array changes; the network must not
    assert net.weights[0][0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        net.weights[0][0, 0] = 2.0


def test_flow_importance_is_the_default_hand_checked() -> None:
    # W1 = [[2, 0], [-1, 1]] -> hidden flow W1 / 2 = [[1, 0], [-0.5, 0.5]], positive part [[1, 0], [0, 0.5]];
    # input flow W0 @ (W1 / 2) = [[2, -1], [-1.5, 1.5]] / 2, positive part [[1, 0], [0, 0.75]].
    net = Network.from_weights([[[1.0, -2.0], [0.0, 3.0]], [[2.0, 0.0], [-1.0, 1.0]]])
    np.testing.assert_allclose(net.node_importance[0], [[1.0, 0.0], [0.0, 0.75]])
    np.testing.assert_allclose(net.node_importance[1], [[1.0, 0.0], [0.0, 0.5]])
    np.testing.assert_array_equal(net.node_importance[2], np.eye(2))
    explicit = Network.from_weights([[[1.0, -2.0], [0.0, 3.0]], [[2.0, 0.0], [-1.0, 1.0]]], node_importance="flow")
    assert explicit == net


def test_flow_importance_deep_nets_stay_finite_with_unit_max() -> None:
    rng = np.random.default_rng(3)
    weights = [rng.normal(scale=1e6, size=(30, 30)).astype(np.float32) for _ in range(12)]
    weights.append(rng.normal(size=(30, 10)).astype(np.float32))
    layers = flow_node_importance(weights)
    assert all(np.isfinite(m).all() and (m >= 0).all() for m in layers)
    assert [float(m.max()) for m in layers] == [1.0] * 14


def test_magnitude_importance_hand_checked() -> None:
    # |W1| = [[2, 0], [1, 1]] -> hidden = |W1| / 2; input = |W0| @ |W1| = [[4, 2], [3, 3]] / 4.
    net = Network.from_weights([[[1.0, -2.0], [0.0, 3.0]], [[2.0, 0.0], [-1.0, 1.0]]], node_importance="magnitude")
    np.testing.assert_allclose(net.node_importance[0], [[1.0, 0.5], [0.75, 0.75]])
    np.testing.assert_allclose(net.node_importance[1], [[1.0, 0.0], [0.5, 0.5]])
    np.testing.assert_array_equal(net.node_importance[2], np.eye(2))


def test_magnitude_importance_layer_max_is_one_and_deep_nets_do_not_overflow() -> None:
    rng = np.random.default_rng(3)
    weights = [rng.normal(scale=1e6, size=(30, 30)).astype(np.float32) for _ in range(12)]
    weights.append(rng.normal(size=(30, 10)).astype(np.float32))
    layers = magnitude_node_importance(weights)
    assert all(np.isfinite(m).all() for m in layers)
    assert [float(m.max()) for m in layers] == [1.0] * 14


def test_magnitude_importance_of_a_dead_layer_is_zero_not_nan() -> None:
    for kind in ("flow", "magnitude"):
        net = Network.from_weights([np.zeros((3, 2)), np.ones((2, 2))], node_importance=kind)
        np.testing.assert_array_equal(net.node_importance[0], np.zeros((3, 2)))


def test_running_max_alpha_hand_checked() -> None:
    # Row maxima 0.5, 0.2, 2.0 -> running maxima 0.5, 0.5, 2.0 (nn_vis neural_network.py).
    weights = np.array([[0.5, -0.25], [0.2, 0.1], [-2.0, 1.0]], dtype=np.float32)
    expected = [[1.0, 0.5], [0.4, 0.2], [1.0, 0.5]]
    np.testing.assert_allclose(normalize_alpha(weights, "running_max"), expected, rtol=1e-6)
    net = Network.from_weights([weights])
    np.testing.assert_allclose(net.edge_importance[0], expected, rtol=1e-6)


def test_global_alpha_divides_by_the_gap_maximum() -> None:
    weights = [[0.5, -0.25], [0.2, 0.1], [-2.0, 1.0]]
    net = Network.from_weights([weights], alpha_normalization="global")
    np.testing.assert_allclose(net.edge_importance[0], [[0.25, 0.125], [0.1, 0.05], [1.0, 0.5]])


def test_running_max_row_of_zeros_gets_alpha_zero() -> None:
    alpha = normalize_alpha(np.array([[0.0, 0.0], [0.0, 3.0]], dtype=np.float32), "running_max")
    np.testing.assert_array_equal(alpha, [[0.0, 0.0], [0.0, 1.0]])


def test_explicit_importances_names_and_labels_are_kept() -> None:
    net = Network.from_weights(
        [[[1.0, 2.0]]],
        node_importance=[[[0.2, 0.3, 0.5]], [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]],
        edge_importance=[[[0.25, 1.0]]],
        class_names=["a", "b", "c"],
        layer_names=["in", "out"],
        node_labels=[["x"], [None, "y"]],
        name="tiny",
    )
    assert net.layer_sizes == (1, 2)
    assert net.num_classes == 3
    assert net.class_names == ("a", "b", "c")
    assert net.layer_names == ("in", "out")
    assert net.node_labels == (("x",), (None, "y"))
    np.testing.assert_array_equal(net.edge_importance[0], [[0.25, 1.0]])
    np.testing.assert_allclose(net.node_importance[0], [[0.2, 0.3, 0.5]])
    assert repr(net) == "Network('tiny', layer_sizes=[1, 2], classes=3, edges=2)"


def test_one_node_layers_are_valid() -> None:
    net = Network.from_weights([[[2.0]], [[1.0, -1.0]]])
    assert net.layer_sizes == (1, 1, 2)


def test_equality_compares_every_array() -> None:
    weights = [[[1.0, 2.0], [3.0, 4.0]]]
    assert Network.from_weights(weights) == Network.from_weights(weights)
    other = Network.from_weights([[[1.0, 2.0], [3.0, 4.5]]])
    assert Network.from_weights(weights) != other
    assert Network.from_weights(weights) != Network.from_weights(weights, name="x")
