"""The one error type for bad networks: raised in the kernel, before anything reaches the browser."""

from __future__ import annotations


class NetworkError(ValueError):
    """A network (weights, importance, names, sizes or Arrow bytes) is not valid.

    The message names the offending layer, gap or field and says what was expected, e.g.
    ``node_importance[1] (layer 1 'fc1') has a negative value -0.5 at node 2, class 0``.
    It subclasses :class:`ValueError`, so ``except ValueError`` catches it too.
    """
