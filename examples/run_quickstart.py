"""Executes a notebook headless with nbclient in its own folder, then checks that it wrote the
exported HTML file it promises. Used by `make demo HEADLESS=1`.

Usage: python examples/run_quickstart.py NOTEBOOK EXPECTED_HTML
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def main(notebook: str, expected_html: str) -> int:
    path = Path(notebook).resolve()
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    html = Path(expected_html).resolve()
    if not html.is_file():
        print(f"error: {path.name} ran but did not write {html}", file=sys.stderr)
        return 1
    print(f"executed {path.name}; wrote {html} ({html.stat().st_size // 1024} KiB): open it in a browser, offline")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
