"""Reads the Linear layers of a PyTorch model as weight matrices (torch is imported lazily).

The model's leaf modules are walked in registration order (``model.named_modules()``), which is
the forward order for ``nn.Sequential`` and for MLPs written in the usual way. nn.Linear layers
become gaps; shape-preserving modules are skipped; anything else is refused by name, as nn_vis
refuses every Keras layer but Dense and Flatten (data/model_data.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nnbundle.errors import NetworkError
from nnbundle.validation import Float32Array, as_float32

#: torch.nn classes that change no layer size and carry no weights worth drawing: skipped.
SKIPPED_MODULES = (
    "Flatten", "Identity",
    "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
    "ReLU", "ReLU6", "RReLU", "LeakyReLU", "PReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
    "Sigmoid", "LogSigmoid", "Hardsigmoid", "Tanh", "Hardtanh", "Hardswish", "Hardshrink",
    "Softshrink", "Tanhshrink", "Softplus", "Softsign", "Threshold",
    "Softmax", "Softmin", "LogSoftmax",
)  # fmt: skip

#: Name of the input layer in a network read from torch (the other layers take their Linear's name).
INPUT_LAYER_NAME = "input"


@dataclass(frozen=True)
class TorchLayers:
    """Per gap a float32 (in_features, out_features) matrix; per layer a name."""

    weights: list[Float32Array]
    layer_names: list[str]


def _import_nn() -> Any:
    try:
        from torch import nn
    except ImportError:  # pragma: no cover - torch is a test dependency
        raise ImportError(
            "Network.from_torch needs PyTorch: pip install 'nnbundle[torch]'"
        ) from None
    return nn


def read_linear_layers(model: object) -> TorchLayers:
    """The Linear weights of ``model`` (transposed to [source, target]) and the layer names."""
    nn = _import_nn()
    if not isinstance(model, nn.Module):
        raise TypeError(f"from_torch expects a torch.nn.Module, got {type(model).__name__}")
    skipped = tuple(getattr(nn, name) for name in SKIPPED_MODULES if hasattr(nn, name))
    weights: list[Float32Array] = []
    names = [INPUT_LAYER_NAME]
    previous: tuple[str, int] | None = None  # (name, out_features) of the last Linear seen
    for qualified, module in model.named_modules():
        label = qualified or f"<{type(model).__name__}>"
        has_children = next(iter(module.children()), None) is not None
        if has_children:
            if next(iter(module.parameters(recurse=False)), None) is not None:
                raise NetworkError(
                    f"module {label!r} ({type(module).__name__}) holds its own parameters next to "
                    "its submodules; nnbundle cannot tell how they connect. Only Linear layers are "
                    "supported"
                )
            continue
        if isinstance(module, skipped):
            continue
        if not isinstance(module, nn.Linear):
            raise NetworkError(
                f"layer {label!r} ({type(module).__name__}) is not supported: only Linear layers "
                "are drawn (Flatten, Dropout, Identity and elementwise activations are skipped). "
                "Pass the Linear part of the model (e.g. its classifier head), or use "
                "Network.from_weights"
            )
        if nn.parameter.is_lazy(module.weight):
            raise NetworkError(
                f"layer {label!r} ({type(module).__name__}) is not initialised yet: run one "
                "forward pass first"
            )
        if previous is not None and previous[1] != module.in_features:
            raise NetworkError(
                f"Linear {previous[0]!r} has out_features={previous[1]} but the next Linear "
                f"{label!r} has in_features={module.in_features}: consecutive Linear layers must "
                "chain (modules are read in registration order)"
            )
        # torch stores (out, in); nnbundle wants [source, target]. bfloat16 has no numpy type.
        matrix = module.weight.detach().cpu().float().numpy().T
        weights.append(as_float32(matrix, f"layer {label!r} weight"))
        names.append(label)
        previous = (label, int(module.out_features))
    if not weights:
        raise NetworkError(f"{type(model).__name__} has no Linear layer: nothing to draw")
    return TorchLayers(weights=weights, layer_names=names)
