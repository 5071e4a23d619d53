"""nnbundle: a trained neural network as an interactive, class-coloured, edge-bundled 3D picture
in a notebook cell.

>>> import nnbundle as nb
>>> net = nb.Network.random([8, 6, 4], num_classes=4, seed=1)
>>> view = nb.NetworkView(net, prune_percentage=0.5)  # doctest: +SKIP
"""

from __future__ import annotations

from nnbundle._version import __version__
from nnbundle.errors import NetworkError
from nnbundle.network import Network
from nnbundle.view import NetworkView

__all__ = ["Network", "NetworkError", "NetworkView", "__version__"]
