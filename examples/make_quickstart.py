"""Writes examples/quickstart.ipynb from the cells below (the notebook is the user-facing file;
this script keeps its source reviewable). Run: .venv/bin/python examples/make_quickstart.py"""

from pathlib import Path

import nbformat

CELLS = [
    ("markdown", (
        "# nnbundle quickstart\n\nTrain a small PyTorch MLP on scikit-learn's 8×8 digits, "
        "then look at it as a 3D, class-coloured network in this cell."
    )),
    ("code", """import torch
from sklearn.datasets import load_digits

import nnbundle as nb

torch.manual_seed(0)
digits = load_digits()
X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
y = torch.tensor(digits.target)
model = torch.nn.Sequential(
    torch.nn.Linear(64, 36), torch.nn.ReLU(),
    torch.nn.Linear(36, 16), torch.nn.ReLU(),
    torch.nn.Linear(16, 10),
)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for _epoch in range(60):
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
accuracy = (model(X).argmax(1) == y).float().mean().item()
print(f"train accuracy {accuracy:.3f}")"""),
    ("code", """net = nb.Network.from_torch(model, class_names=[str(d) for d in range(10)], name="digits MLP")
view = nb.NetworkView(net)
view"""),
    ("markdown", (
        "Parameters are widget traits: set them from code and the view re-processes "
        "(processing parameters) or only redraws (rendering parameters)."
    )),
    ("code", """view.prune_percentage = 0.8      # keep the 20 % most important edges
view.camera_preset = "upper_back_right"
"""),
    ("code", """from pathlib import Path

Path("out").mkdir(exist_ok=True)
view.save_html("out/quickstart.html", title="digits MLP")
print("wrote out/quickstart.html")"""),
    ("markdown", "Class mode shows what one class uses: everything unrelated to digit 3 fades to white."),
    ("code", """view.color_mode = "class"
view.show_class = 3"""),
]


def main() -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in CELLS:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        nb.cells.append(cell)
    out = Path(__file__).with_name("quickstart.ipynb")
    nbformat.write(nb, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
