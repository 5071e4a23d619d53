"""Every way a network can be wrong gives a NetworkError naming the layer, gap or field, before
anything is encoded or sent."""

from __future__ import annotations

import numpy as np
import pytest

from nnbundle import Network, NetworkError

W0 = [[1.0, 2.0, 3.0, 4.0], [0.5, 0.5, 0.5, 0.5], [1.0, 0.0, -1.0, 0.0]]  # 3 -> 4
W1 = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]]  # 4 -> 2
IMPORTANCE = [np.full((3, 2), 0.5), np.full((4, 2), 0.5), np.eye(2)]


def with_value(matrix: list[list[float]], row: int, col: int, value: float) -> np.ndarray:
    array = np.array(matrix, dtype=np.float64)
    array[row, col] = value
    return array


def test_network_error_is_a_value_error() -> None:
    assert issubclass(NetworkError, ValueError)


@pytest.mark.parametrize(
    ("value", "shown"), [(np.nan, "nan"), (np.inf, "inf"), (-np.inf, "-inf"), (1e39, "inf")]
)
def test_non_finite_weight_names_gap_and_position(value: float, shown: str) -> None:
    weights = [W0, with_value(W1, 2, 1, value)]
    with pytest.raises(
        NetworkError,
        match=rf"weights\[1\] \(gap 1 \('hidden 1' -> 'output'\)\) contains {shown} at source 2, "
        "target 1",
    ):
        Network.from_weights(weights)


def test_nan_in_node_importance_names_layer_node_and_class() -> None:
    importance = [IMPORTANCE[0], with_value(IMPORTANCE[1].tolist(), 3, 0, np.nan), IMPORTANCE[2]]
    with pytest.raises(
        NetworkError,
        match=r"node_importance\[1\] \(layer 1 'hidden 1'\) contains nan at node 3, class 0",
    ):
        Network.from_weights([W0, W1], node_importance=importance)


def test_inconsistent_layer_size_names_the_layer_and_both_shapes() -> None:
    with pytest.raises(
        NetworkError,
        match=r"layer 1 'fc' has two sizes: weights\[0\] has shape \(3, 4\) \(4 targets\) but "
        r"weights\[1\] has shape \(5, 2\) \(5 sources\)",
    ):
        Network.from_weights([W0, np.ones((5, 2))], layer_names=["in", "fc", "out"])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([np.ones((3, 0)), np.ones((0, 2))], r"layer 1 'hidden 1' is empty \(size 0"),
        ([np.ones((0, 4)), W1], r"layer 0 'input' is empty \(size 0"),
    ],
)
def test_empty_layers(weights: list[np.ndarray], message: str) -> None:
    with pytest.raises(NetworkError, match=message):
        Network.from_weights(weights)


def test_fewer_than_two_layers() -> None:
    with pytest.raises(NetworkError, match="weights is empty: a network needs at least 2 layers"):
        Network.from_weights([])


def test_weights_must_be_two_dimensional_and_numeric() -> None:
    with pytest.raises(NetworkError, match=r"weights\[0\] .* has shape \(3,\); expected a 2-D"):
        Network.from_weights([[1.0, 2.0, 3.0]])
    with pytest.raises(NetworkError, match=r"weights\[0\] .* must hold real numbers, got dtype"):
        Network.from_weights([[["a", "b"]]])
    with pytest.raises(NetworkError, match=r"weights\[0\] .* is not a rectangular numeric array"):
        Network.from_weights([[[1.0, 2.0], [3.0]]])
    with pytest.raises(NetworkError, match="weights must be a list with one item per layer"):
        Network.from_weights("W0")


def test_negative_node_importance_names_layer_node_and_class() -> None:
    importance = [with_value(IMPORTANCE[0].tolist(), 2, 0, -0.5), IMPORTANCE[1], IMPORTANCE[2]]
    with pytest.raises(
        NetworkError,
        match=r"node_importance\[0\] \(layer 0 'input'\) has a negative value -0.5 at node 2, "
        "class 0: importance must be ≥ 0",
    ):
        Network.from_weights([W0, W1], node_importance=importance)


@pytest.mark.parametrize("value", [1.5, -0.25, np.nan])
def test_alpha_outside_unit_interval(value: float) -> None:
    alpha = [np.full((3, 4), 0.5), with_value(np.full((4, 2), 0.5).tolist(), 1, 1, value)]
    with pytest.raises(
        NetworkError,
        match=r"edge_importance\[1\] \(gap 1 \('hidden 1' -> 'output'\)\) (has|contains) "
        rf"{value} at source 1, target 1",
    ):
        Network.from_weights([W0, W1], edge_importance=alpha)


def test_alpha_wrong_shape_or_count() -> None:
    with pytest.raises(NetworkError, match=r"edge_importance\[0\] .* has shape \(4, 3\); expected"):
        Network.from_weights([W0, W1], edge_importance=[np.zeros((4, 3)), np.zeros((4, 2))])
    with pytest.raises(NetworkError, match="edge_importance has 1 arrays but the network has 2"):
        Network.from_weights([W0, W1], edge_importance=[np.zeros((3, 4))])


def test_importance_shape_must_be_nodes_by_classes() -> None:
    importance = [IMPORTANCE[0], np.full((2, 4), 0.5), IMPORTANCE[2]]
    with pytest.raises(
        NetworkError,
        match=r"node_importance\[1\] \(layer 1 'hidden 1'\) has shape \(2, 4\); expected \(4, C\)",
    ):
        Network.from_weights([W0, W1], node_importance=importance)
    with pytest.raises(NetworkError, match=r"has shape \(3,\); expected \(3, C\)"):
        Network.from_weights([W0, W1], node_importance=[np.ones(3), *IMPORTANCE[1:]])


def test_importance_class_count_must_agree_across_layers() -> None:
    importance = [IMPORTANCE[0], IMPORTANCE[1], np.ones((2, 3))]
    with pytest.raises(
        NetworkError,
        match=r"node_importance\[2\] \(layer 2 'output'\) has 3 classes but node_importance\[0\] "
        "has 2",
    ):
        Network.from_weights([W0, W1], node_importance=importance)


def test_importance_needs_one_array_per_layer() -> None:
    with pytest.raises(NetworkError, match="node_importance has 2 arrays but the network has 3"):
        Network.from_weights([W0, W1], node_importance=IMPORTANCE[:2])


def test_class_names_must_match_class_count() -> None:
    with pytest.raises(NetworkError, match="class_names has 3 names but .* C = 2"):
        Network.from_weights([W0, W1], class_names=["a", "b", "c"])
    with pytest.raises(NetworkError, match="class_names has 1 names but the node importance has"):
        Network.from_weights([W0, W1], node_importance=IMPORTANCE, class_names=["a"])
    with pytest.raises(NetworkError, match=r"class_names\[1\] must be a string, got 7"):
        Network.from_weights([W0, W1], class_names=["a", 7])  # type: ignore[list-item]


def test_layer_names_and_labels_must_fit_the_layers() -> None:
    with pytest.raises(NetworkError, match="layer_names has 2 names but the network has 3 layers"):
        Network.from_weights([W0, W1], layer_names=["a", "b"])
    with pytest.raises(NetworkError, match=r"node_labels\[0\] \(layer 0 'input'\) has 2 labels"):
        Network.from_weights([W0, W1], node_labels=[["a", "b"], None, None])
    with pytest.raises(NetworkError, match="node_labels has 1 entries but the network has 3"):
        Network.from_weights([W0, W1], node_labels=[None])


def test_too_many_edges_are_refused_with_the_count() -> None:
    weights = np.zeros((2500, 2001), dtype=np.float32)  # 5,002,500 edges
    with pytest.raises(
        NetworkError, match="the network has 5,002,500 edges; nnbundle refuses more than 5,000,000"
    ):
        Network.from_weights([weights])


def test_too_many_classes_are_refused() -> None:
    importance = [np.ones((2, 201)), np.ones((2, 201))]
    with pytest.raises(NetworkError, match="201 classes; nnbundle refuses more than 200 classes"):
        Network.from_weights([np.ones((2, 2))], node_importance=importance)


def test_bad_option_values() -> None:
    with pytest.raises(NetworkError, match="alpha_normalization must be 'running_max' or 'global'"):
        Network.from_weights([W0], alpha_normalization="max")  # type: ignore[arg-type]
    with pytest.raises(NetworkError, match="node_importance must be 'flow', 'magnitude', None or a list"):
        Network.from_weights([W0], node_importance="gamma")
    with pytest.raises(NetworkError, match="name must be a string"):
        Network.from_weights([W0], name=3)  # type: ignore[arg-type]
