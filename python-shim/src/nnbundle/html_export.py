"""One self-contained HTML file from a view: the front-end module, the network's Arrow bytes and
the parameters are embedded in ``templates/standalone.html``, whose inline script plays the Jupyter
widget model. Nothing in the file refers to a network address, so it opens offline.
"""

from __future__ import annotations

import base64
import html
import json
import pathlib
import re
from collections.abc import Mapping
from importlib.resources import files

from nnbundle._version import __version__

_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")


def _script_json(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or open a comment;
    non-ASCII (U+2028/9 included) is escaped too."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_standalone_html(
    *,
    esm: str,
    css: str | None,
    network: Mapping[str, bytes],
    state: Mapping[str, object],
    title: str,
) -> str:
    """The page's text: ``esm`` (module source) and ``network`` (table → Arrow bytes) base64,
    ``state`` (trait name → JSON value) as script-safe JSON, ``title`` HTML-escaped."""
    template = (
        files("nnbundle").joinpath("templates").joinpath("standalone.html").read_text("utf-8")
    )
    values = {
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(title),
        # CSS cannot contain "</" without closing <style>; "<\/" means the same in CSS.
        "STYLE": (css or "").replace("</", "<\\/"),
        "STATE": _script_json(dict(state)),
        "NETWORK": _script_json({table: _base64(data) for table, data in network.items()}),
        "ESM": _base64(esm.encode("utf-8")),
    }
    # One pass, so text inserted for one placeholder is never read as another.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def write_standalone_html(
    path: str | pathlib.Path,
    *,
    esm: str,
    css: str | None,
    network: Mapping[str, bytes],
    state: Mapping[str, object],
    title: str,
) -> pathlib.Path:
    """Write :func:`render_standalone_html` to ``path`` (UTF-8) and return the path."""
    target = pathlib.Path(path)
    target.write_text(
        render_standalone_html(esm=esm, css=css, network=network, state=state, title=title),
        encoding="utf-8",
    )
    return target
