"""Screenshots of a view: the kernel asks the browser for a PNG with a custom message and gets the
bytes back in another (src/widget/messages.ts). :class:`PngRequest` is what the kernel holds in
between: a kernel cannot wait for its front end inside a cell, so the file is written when the
answer arrives, after the cell has finished.
"""

from __future__ import annotations

import itertools
import pathlib
from collections.abc import Callable

#: Largest screenshot side and scale the front end accepts (src/widget/messages.ts).
MAX_PNG_SIDE = 16384
MAX_PNG_SCALE = 8.0
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_request_ids = itertools.count(1)


class PngRequest:
    """A screenshot asked of the browser by :meth:`NetworkView.save_png`.

    A kernel cannot wait for its front end inside a cell (the browser's answer is only read after the
    cell finishes), so ``save_png`` returns this object at once. The PNG is written to :attr:`path`
    when the first view of the widget answers; check :attr:`done` (or just show the object) in a
    later cell, or pass a callback to :meth:`add_done_callback`. If the widget is not displayed in
    any browser, nothing answers and the request stays pending.
    """

    def __init__(self, path: pathlib.Path, width: int | None, height: int | None, scale: float):
        self.id = f"png-{next(_request_ids)}"
        self.path = path
        self.requested = (width, height, scale)
        #: The written picture's (width, height) in pixels, once done.
        self.size: tuple[int, int] | None = None
        #: Why the browser could not make the picture or the file could not be written, or None.
        self.error: str | None = None
        self._finished = False
        self._callbacks: list[Callable[[PngRequest], None]] = []

    @property
    def done(self) -> bool:
        """Whether the browser answered (the file is written, or :attr:`error` says why not)."""
        return self._finished

    def add_done_callback(self, callback: Callable[[PngRequest], None]) -> None:
        """Call ``callback(request)`` when the answer arrives (at once if it already has)."""
        if self._finished:
            callback(self)
        else:
            self._callbacks.append(callback)

    def complete(self, png: bytes | None, size: tuple[int, int] | None, error: str | None) -> None:
        """Record the browser's answer: write ``png`` (of ``size`` pixels), or keep ``error``."""
        if png is not None and size is not None:
            # This runs in the widget's message handler, which only logs what it raises: a path
            # that cannot be written must end the request with the reason, not leave it waiting.
            try:
                self.path.write_bytes(png)
            except OSError as err:
                error = f"the PNG could not be written to {self.path}: {err.strerror or err}"
            else:
                self.size = size
        self.error = error
        self._finished = True
        for callback in self._callbacks:
            callback(self)
        self._callbacks.clear()

    def __repr__(self) -> str:
        if not self._finished:
            state = "waiting for the browser (the file is written after this cell; is the view displayed?)"
        elif self.error is not None:
            state = f"failed: {self.error}"
        else:
            assert self.size is not None
            state = f"written, {self.size[0]}×{self.size[1]} pixels"
        return f"PngRequest({str(self.path)!r}: {state})"


def png_side(name: str, value: int | None) -> int | None:
    """``value`` checked as a screenshot side in pixels (None: the view's own size)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PNG_SIDE:
        raise ValueError(f"{name} must be None or an integer in [1, {MAX_PNG_SIDE}], got {value!r}")
    return value
