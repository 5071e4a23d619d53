"""save_html writes one offline file: module, network bytes and parameters embedded, outside text
escaped, no network address loaded. The last test runs on the real built front end."""

from __future__ import annotations

import base64
import html.parser
import json
import pathlib
import re
from collections.abc import Callable

import nnbundle.view as view_module
from nnbundle import Network, NetworkView
from nnbundle.arrow_codec import network_from_ipc
from nnbundle.view import trait_table

from .support import FAKE_ESM

MakeView = Callable[..., NetworkView]
HOSTILE = "</script><script>alert(1)</script> & <b>"
URL = re.compile(r"https?://[^\s\"'`)<>\\]*")


class PageParser(html.parser.HTMLParser):
    """Collects the text of each element with an id, the <title> and every tag with its attrs."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append("title" if tag == "title" else dict(attrs).get("id"))

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.title += data
        elif self._open and self._open[-1]:
            key = self._open[-1]
            self.by_id[key] = self.by_id.get(key, "") + data


def parse(path: pathlib.Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def assert_loads_nothing(page: str) -> None:
    """No element or import that would fetch anything."""
    assert URL.findall(page) == []
    assert not re.search(r"<script[^>]*\ssrc=", page)
    assert not re.search(r"<link[^>]*\shref=", page)
    assert "fetch(" not in page and "importScripts(" not in page
    assert not re.search(r"\bfrom\s*[\"']", page)  # no static import of anything


def test_file_embeds_module_network_parameters_and_camera(
    make_view: MakeView, small: Network, tmp_path: pathlib.Path
) -> None:
    view = make_view(small, prune_percentage=0.75, color_mode="class", show_class=1)
    view.set_state({"_camera": {"position": [1, 2, 3], "target": [0, 0, 0], "up": [0, 1, 0]}})
    out = view.save_html(tmp_path / "report.html")
    assert out == tmp_path / "report.html" and out.is_file()
    page = parse(out)
    state = json.loads(page.by_id["nnbundle-state"])
    assert {name: state[name] for name in trait_table()} == {
        **trait_table(),
        "prune_percentage": 0.75,
        "color_mode": "class",
        "show_class": 1,
    }
    assert state["_camera"] == {"position": [1, 2, 3], "target": [0, 0, 0], "up": [0, 1, 0]}
    network = json.loads(page.by_id["nnbundle-network"])
    assert sorted(network) == ["edges", "layers", "nodes"]
    decoded = network_from_ipc({k: base64.b64decode(v) for k, v in network.items()})
    assert decoded == small
    assert base64.b64decode(page.by_id["nnbundle-esm"]).decode() == FAKE_ESM
    module_scripts = [a for tag, a in page.tags if tag == "script" and a.get("type") == "module"]
    assert len(module_scripts) == 1


def test_file_loads_nothing_from_anywhere(
    make_view: MakeView, small: Network, tmp_path: pathlib.Path
) -> None:
    text = make_view(small).save_html(tmp_path / "a.html").read_text(encoding="utf-8")
    assert_loads_nothing(text)
    assert "URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))" in text


def test_title_and_network_name_are_escaped(make_view: MakeView, tmp_path: pathlib.Path) -> None:
    net = Network.from_weights([[[1.0, 2.0]]], name=HOSTILE, class_names=[HOSTILE, "b"])
    view = make_view(net)
    for out in (view.save_html(tmp_path / "default.html"), view.save_html(tmp_path / "t.html",
                                                                          title=HOSTILE)):  # fmt: skip
        text = out.read_text(encoding="utf-8")
        assert HOSTILE not in text
        assert "<script>alert(1)" not in text
        assert (
            text.count("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;") == 2
        )
        page = parse(out)
        assert page.title == HOSTILE  # what the reader sees is the text itself
        # Only the template's own scripts: 3 data blocks and the module.
        assert [tag for tag, _ in page.tags].count("script") == 4
        assert_loads_nothing(text)


def test_explicit_title_replaces_the_network_name(
    make_view: MakeView, small: Network, tmp_path: pathlib.Path
) -> None:
    page = parse(make_view(small).save_html(tmp_path / "x.html", title="MNIST 784-81-49-10"))
    assert page.title == "MNIST 784-81-49-10"


def test_stylesheet_is_embedded_without_closing_the_style_element(
    make_view: MakeView, small: Network, fake_front_end: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    fake_front_end.with_suffix(".css").write_text(".a{color:red}</style><b>x</b>", encoding="utf-8")
    text = make_view(small).save_html(tmp_path / "s.html").read_text(encoding="utf-8")
    assert ".a{color:red}<\\/style><b>x<\\/b></style>" in text


def test_save_html_with_the_built_front_end(small: Network, tmp_path: pathlib.Path) -> None:
    esm_path = view_module.ESM_PATH
    assert esm_path.is_file(), f"{esm_path} is missing: run `make build` first"
    assert "_esm" in NetworkView.__dict__, "nnbundle was imported before the front end was built"
    view = NetworkView(small)
    try:
        out = view.save_html(tmp_path / "real.html")
    finally:
        view.close()
    page = parse(out)
    module = base64.b64decode(page.by_id["nnbundle-esm"]).decode("utf-8")
    assert module == esm_path.read_text(encoding="utf-8")
    # The minified bundle may hold XML namespace constants (three.js, SVG); nothing else.
    urls = sorted(set(URL.findall(module)))
    assert [u for u in urls if not u.startswith("http://www.w3.org/")] == [], urls
    assert not re.search(r"""(import\s*\(|from|fetch\(|importScripts\()\s*["'`]https?:""", module)
    template_part = out.read_text(encoding="utf-8").replace(page.by_id["nnbundle-esm"], "")
    assert_loads_nothing(template_part)
