"""Network.random follows nn_vis's "Generate Network" (reference/nn_vis.md §3.5), seeded."""

from __future__ import annotations

import numpy as np
import pytest

from nnbundle import Network, NetworkError


@pytest.fixture(scope="module")
def big() -> Network:
    return Network.random([400, 300, 10], num_classes=10, seed=0)


def test_sizes_classes_and_name(big: Network) -> None:
    assert big.layer_sizes == (400, 300, 10)
    assert big.num_classes == 10
    assert big.class_names == tuple(str(c) for c in range(10))
    assert big.name == "random 400-300-10 (seed 0)"


def test_hidden_importance_statistics(big: Network) -> None:
    hidden = np.concatenate(big.node_importance[:-1])
    assert hidden.min() >= 0.0 and hidden.max() < 1.0
    # One class per node: max of two uniforms (mean 2/3); the others (min of two uniforms)^2
    # (mean 1/6). Mean over all entries: (2/3 + 9/6) / 10.
    assert hidden.mean() == pytest.approx((2 / 3 + 9 / 6) / 10, abs=0.01)
    # Rank statistics of a row (Monte-Carlo of the §3.5 recipe, 400k rows, another generator):
    # mean row maximum 0.737, mean row median 0.129.
    assert hidden.max(axis=1).mean() == pytest.approx(0.737, abs=0.025)
    assert np.median(hidden, axis=1).mean() == pytest.approx(0.129, abs=0.015)
    # The dominant class is uniform over classes.
    counts = np.bincount(hidden.argmax(axis=1), minlength=10)
    assert counts.min() > 40 and counts.max() < 100


def test_output_nodes_are_one_hot_for_their_own_index(big: Network) -> None:
    np.testing.assert_array_equal(big.node_importance[-1], np.eye(10, dtype=np.float32))


def test_output_larger_than_class_count_wraps_around() -> None:
    net = Network.random([3, 7], num_classes=3, seed=2)
    assert net.node_importance[-1].argmax(axis=1).tolist() == [0, 1, 2, 0, 1, 2, 0]
    assert net.node_importance[-1].sum(axis=1).tolist() == [1.0] * 7


def test_alpha_uniform_and_weights_are_alpha_with_a_random_sign(big: Network) -> None:
    alpha = np.concatenate([m.ravel() for m in big.edge_importance])
    weights = np.concatenate([m.ravel() for m in big.weights])
    assert alpha.min() >= 0.0 and alpha.max() < 1.0
    assert alpha.mean() == pytest.approx(0.5, abs=0.01)
    np.testing.assert_array_equal(np.abs(weights), alpha)
    assert (weights < 0).mean() == pytest.approx(0.5, abs=0.01)


def test_same_seed_same_network_other_seed_other_network() -> None:
    assert Network.random([8, 6, 4], 4, seed=1) == Network.random([8, 6, 4], 4, seed=1)
    a = Network.random([8, 6, 4], 4, seed=1)
    b = Network.random([8, 6, 4], 4, seed=2)
    assert not np.array_equal(a.weights[0], b.weights[0])


@pytest.mark.parametrize(
    ("sizes", "classes", "message"),
    [
        ([5], 2, "at least 2 layers"),
        ([5, 0, 2], 2, r"layer 1 is empty \(layer_sizes\[1\] = 0\)"),
        ([5, 2.5], 2, r"layer_sizes\[1\] must be an integer"),
        ([3000, 2000], 2, "6,000,000 edges; nnbundle refuses more than 5,000,000"),
        ([4, 2], 0, "at least one class"),
        ([4, 2], 201, "refuses more than 200 classes"),
    ],
)
def test_bad_arguments(sizes: list[int], classes: int, message: str) -> None:
    with pytest.raises(NetworkError, match=message):
        Network.random(sizes, num_classes=classes)
