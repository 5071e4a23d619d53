"""Network.from_torch on real (small) PyTorch models: Linear layers read and transposed, harmless
modules skipped, everything else refused by its qualified name."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pytest
import torch
from torch import nn

from nnbundle import Network, NetworkError


def mlp() -> nn.Sequential:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(6, 4), nn.ReLU(), nn.Dropout(0.2), nn.Linear(4, 3))


def test_sequential_mlp_becomes_layers_and_gaps() -> None:
    model = mlp()
    net = Network.from_torch(model, class_names=["a", "b", "c"])
    assert net.layer_sizes == (6, 4, 3)
    assert net.layer_names == ("input", "1", "4")
    assert net.name == "Sequential"
    assert net.class_names == ("a", "b", "c")
    # torch stores (out, in); the network is [source, target].
    np.testing.assert_array_equal(net.weights[0], model[1].weight.detach().numpy().T)
    np.testing.assert_array_equal(net.weights[1], model[4].weight.detach().numpy().T)
    expected = Network.from_weights(
        [model[1].weight.detach().numpy().T, model[4].weight.detach().numpy().T]
    )
    for mine, reference in zip(net.node_importance, expected.node_importance, strict=True):
        np.testing.assert_array_equal(mine, reference)


def test_named_submodules_give_qualified_layer_names() -> None:
    model = nn.Sequential(
        OrderedDict(
            body=nn.Sequential(OrderedDict(fc1=nn.Linear(3, 5), act=nn.GELU())),
            head=nn.Linear(5, 2, bias=False),
            out=nn.LogSoftmax(dim=1),
        )
    )
    net = Network.from_torch(model, name="named")
    assert net.layer_names == ("input", "body.fc1", "head")
    assert net.name == "named"


def test_double_precision_and_grad_weights_become_float32() -> None:
    model = nn.Sequential(nn.Linear(3, 2)).double()
    net = Network.from_torch(model)
    assert net.weights[0].dtype == np.float32
    assert net.weights[0].shape == (3, 2)


def test_importance_as_list_and_as_dict() -> None:
    model = mlp()
    given = [np.full((6, 2), 0.5), np.full((4, 2), 0.25), np.eye(3, 2)]
    by_list = Network.from_torch(model, importance=given)
    by_dict = Network.from_torch(
        model, importance={"input": given[0], "1": given[1], "4": torch.tensor(given[2])}
    )
    assert by_list == by_dict
    assert by_list.num_classes == 2
    np.testing.assert_array_equal(by_list.node_importance[1], np.full((4, 2), 0.25))


def test_importance_dict_with_wrong_keys_names_them() -> None:
    with pytest.raises(NetworkError, match=r"missing \['4'\], unknown \['fc9'\]"):
        Network.from_torch(mlp(), importance={"input": np.ones((6, 3)), "1": np.ones((4, 3)),
                                              "fc9": np.eye(3)})  # fmt: skip


def test_conv2d_is_refused_by_qualified_name_and_type() -> None:
    model = nn.Sequential(
        OrderedDict(
            features=nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU()),
            flat=nn.Flatten(),
            classifier=nn.Linear(8, 2),
        )
    )
    with pytest.raises(NetworkError, match=r"layer 'features\.0' \(Conv2d\) is not supported"):
        Network.from_torch(model)


@pytest.mark.parametrize(
    ("module", "type_name"),
    [(nn.BatchNorm1d(4), "BatchNorm1d"), (nn.LSTM(4, 4), "LSTM"), (nn.GLU(), "GLU")],
)
def test_other_layers_are_refused(module: nn.Module, type_name: str) -> None:
    model = nn.Sequential(nn.Linear(3, 4), module, nn.Linear(4, 2))
    with pytest.raises(NetworkError, match=rf"layer '1' \({type_name}\) is not supported"):
        Network.from_torch(model)


def test_linear_size_mismatch_names_both_layers() -> None:
    model = nn.Sequential(OrderedDict(fc1=nn.Linear(4, 3), fc2=nn.Linear(5, 2)))
    with pytest.raises(
        NetworkError, match=r"Linear 'fc1' has out_features=3 but the next Linear 'fc2' has in_fe"
    ):
        Network.from_torch(model)


def test_model_without_linear_layers() -> None:
    with pytest.raises(NetworkError, match="has no Linear layer"):
        Network.from_torch(nn.Sequential(nn.ReLU(), nn.Flatten()))


def test_uninitialised_lazy_linear() -> None:
    with pytest.raises(NetworkError, match="not initialised yet"):
        Network.from_torch(nn.Sequential(nn.LazyLinear(3), nn.Linear(3, 2)))


def test_module_with_own_parameters_and_children_is_refused() -> None:
    class Scaled(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(3, 2)
            self.scale = nn.Parameter(torch.ones(2))

    with pytest.raises(NetworkError, match=r"module '<Scaled>' \(Scaled\) holds its own param"):
        Network.from_torch(Scaled())


def test_not_a_module() -> None:
    with pytest.raises(TypeError, match="expects a torch.nn.Module, got list"):
        Network.from_torch([np.ones((2, 2))])


def test_unknown_importance_name() -> None:
    with pytest.raises(NetworkError, match="node_importance must be 'flow', 'magnitude'"):
        Network.from_torch(mlp(), importance="taylor")
