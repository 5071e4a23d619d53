"""Network ⇄ the three Arrow IPC streams of docs/data-format.md (format version 1).

Kernel → browser: :func:`network_to_ipc` gives ``{"layers", "nodes", "edges"}`` bytes for the
widget's ``_network`` trait, the HTML export and the jest fixtures. :func:`network_from_ipc` reads
them back (round trips, saved files), checking the version and table names first.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

from nnbundle.errors import NetworkError
from nnbundle.network import Network
from nnbundle.validation import Float32Array

#: The data-format version this module writes and the only one it reads.
FORMAT_VERSION = "1"
#: The three tables, in the order they are written.
TABLES = ("layers", "nodes", "edges")

KEY_VERSION = "nnbundle.format_version"
KEY_TABLE = "nnbundle.table"
KEY_CLASS_NAMES = "nnbundle.class_names"
KEY_NETWORK_NAME = "nnbundle.network_name"

_INT = pa.int32()
_FLOAT = pa.float32()


def _schema(
    table: str, fields: list[pa.Field], extra: Mapping[str, str] | None = None
) -> pa.Schema:
    metadata = {KEY_VERSION: FORMAT_VERSION, KEY_TABLE: table, **(extra or {})}
    return pa.schema(fields, metadata=metadata)


def _stream(schema: pa.Schema, columns: list[pa.Array]) -> bytes:
    batch = pa.RecordBatch.from_arrays(columns, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(batch)
    return bytes(sink.getvalue().to_pybytes())


def _layers_table(net: Network) -> bytes:
    schema = _schema(
        "layers",
        [
            pa.field("index", _INT, nullable=False),
            pa.field("name", pa.utf8(), nullable=False),
            pa.field("size", _INT, nullable=False),
        ],
        {
            KEY_CLASS_NAMES: json.dumps(list(net.class_names), ensure_ascii=False),
            KEY_NETWORK_NAME: net.name,
        },
    )
    columns = [
        pa.array(np.arange(net.num_layers, dtype=np.int32), _INT),
        pa.array(list(net.layer_names), pa.utf8()),
        pa.array(np.asarray(net.layer_sizes, dtype=np.int32), _INT),
    ]
    return _stream(schema, columns)


def _nodes_table(net: Network) -> bytes:
    num_classes = net.num_classes
    importance_type = pa.list_(pa.field("item", _FLOAT, nullable=False), num_classes)
    schema = _schema(
        "nodes",
        [
            pa.field("layer", _INT, nullable=False),
            pa.field("index", _INT, nullable=False),
            pa.field("importance", importance_type, nullable=False),
            pa.field("label", pa.utf8(), nullable=True),
        ],
    )
    sizes = np.asarray(net.layer_sizes, dtype=np.int64)
    flat = np.concatenate([m.reshape(-1) for m in net.node_importance]).astype(np.float32)
    labels: list[str | None] = []
    for size, layer_labels in zip(net.layer_sizes, net.node_labels, strict=True):
        labels.extend([None] * size if layer_labels is None else layer_labels)
    columns = [
        pa.array(np.repeat(np.arange(net.num_layers, dtype=np.int32), sizes), _INT),
        pa.array(np.concatenate([np.arange(s, dtype=np.int32) for s in sizes]), _INT),
        pa.FixedSizeListArray.from_arrays(pa.array(flat, _FLOAT), type=importance_type),
        pa.array(labels, pa.utf8()),
    ]
    return _stream(schema, columns)


def _edges_table(net: Network) -> bytes:
    schema = _schema(
        "edges",
        [pa.field(name, _INT, nullable=False) for name in ("gap", "source", "target")]
        + [pa.field(name, _FLOAT, nullable=False) for name in ("weight", "importance")],
    )
    gaps, sources, targets = [], [], []
    for gap, matrix in enumerate(net.weights):
        n_source, n_target = matrix.shape
        # Row-major order of a [source, target] matrix is "by source, then target".
        gaps.append(np.full(matrix.size, gap, dtype=np.int32))
        sources.append(np.repeat(np.arange(n_source, dtype=np.int32), n_target))
        targets.append(np.tile(np.arange(n_target, dtype=np.int32), n_source))
    columns = [
        pa.array(np.concatenate(gaps), _INT),
        pa.array(np.concatenate(sources), _INT),
        pa.array(np.concatenate(targets), _INT),
        pa.array(np.concatenate([m.reshape(-1) for m in net.weights]), _FLOAT),
        pa.array(np.concatenate([m.reshape(-1) for m in net.edge_importance]), _FLOAT),
    ]
    return _stream(schema, columns)


def network_to_ipc(net: Network) -> dict[str, bytes]:
    """The network as ``{"layers": bytes, "nodes": bytes, "edges": bytes}``, each an Arrow IPC
    stream laid out exactly as docs/data-format.md (version 1) says."""
    return {"layers": _layers_table(net), "nodes": _nodes_table(net), "edges": _edges_table(net)}


# -- decoding -----------------------------------------------------------------------------------


def _read_table(tables: Mapping[str, bytes], table: str) -> pa.Table:
    if table not in tables:
        raise NetworkError(f"Arrow tables: the {table!r} table is missing (got {sorted(tables)})")
    try:
        result = pa.ipc.open_stream(pa.py_buffer(tables[table])).read_all()
    except (pa.ArrowException, OSError, TypeError, ValueError) as exc:
        raise NetworkError(f"{table} table: not a readable Arrow IPC stream ({exc})") from None
    metadata = {k.decode(): v.decode() for k, v in (result.schema.metadata or {}).items()}
    version = metadata.get(KEY_VERSION)
    if version != FORMAT_VERSION:
        raise NetworkError(
            f"{table} table: {KEY_VERSION} is {version!r}; this nnbundle reads version "
            f"{FORMAT_VERSION!r} only"
        )
    if metadata.get(KEY_TABLE) != table:
        raise NetworkError(
            f"{table} table: {KEY_TABLE} says {metadata.get(KEY_TABLE)!r}, expected {table!r}"
        )
    return result


def _column(
    table: pa.Table, table_name: str, column: str, expected: pa.DataType
) -> pa.ChunkedArray:
    if column not in table.column_names:
        raise NetworkError(f"{table_name} table: column {column!r} is missing")
    values = table.column(column)
    if not values.type.equals(expected):
        raise NetworkError(
            f"{table_name} table: column {column!r} has type {values.type}, expected {expected}"
        )
    return values


def _numbers(table: pa.Table, table_name: str, column: str, expected: pa.DataType) -> np.ndarray:
    values = _column(table, table_name, column, expected)
    if values.null_count:
        raise NetworkError(f"{table_name} table: column {column!r} has null values")
    return np.asarray(values.to_numpy())


def network_from_ipc(tables: Mapping[str, bytes]) -> Network:
    """Read the three Arrow streams of :func:`network_to_ipc` back into a :class:`Network`.

    Checks the format version and table names first, then the columns' names and types, row
    order and completeness (every edge of every gap, in order); the Network constructor then
    validates the values. Raises :class:`NetworkError` naming the table and field.
    """
    layers, nodes, edges = (_read_table(tables, name) for name in TABLES)
    metadata = {k.decode(): v.decode() for k, v in (layers.schema.metadata or {}).items()}
    try:
        class_names = json.loads(metadata.get(KEY_CLASS_NAMES, ""))
    except json.JSONDecodeError:
        raise NetworkError(f"layers table: {KEY_CLASS_NAMES} is not a JSON array") from None
    if not isinstance(class_names, list):
        raise NetworkError(f"layers table: {KEY_CLASS_NAMES} is not a JSON array")
    sizes = _numbers(layers, "layers", "size", _INT).astype(np.int64)
    if not np.array_equal(_numbers(layers, "layers", "index", _INT), np.arange(len(sizes))):
        raise NetworkError("layers table: column 'index' must be 0 .. L-1 in order")
    names = [str(n) for n in _column(layers, "layers", "name", pa.utf8()).to_pylist()]
    if len(sizes) < 2 or (sizes < 1).any():
        raise NetworkError(f"layers table: sizes {sizes.tolist()} (need ≥ 2 layers of ≥ 1 node)")

    importance_column = nodes.column("importance") if "importance" in nodes.column_names else None
    if importance_column is None or not pa.types.is_fixed_size_list(importance_column.type):
        raise NetworkError("nodes table: column 'importance' must be fixed_size_list<float32>")
    num_classes = importance_column.type.list_size
    importance_type = pa.list_(pa.field("item", _FLOAT, nullable=False), num_classes)
    importance_values = _column(nodes, "nodes", "importance", importance_type).combine_chunks()
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    expected_layer = np.repeat(np.arange(len(sizes)), sizes)
    expected_index = np.concatenate([np.arange(s) for s in sizes])
    if not (
        np.array_equal(_numbers(nodes, "nodes", "layer", _INT), expected_layer)
        and np.array_equal(_numbers(nodes, "nodes", "index", _INT), expected_index)
    ):
        raise NetworkError("nodes table: rows must be every node, ordered by layer, then index")
    flat: Float32Array = np.asarray(importance_values.flatten().to_numpy(), dtype=np.float32)
    node_importance = [
        flat[start * num_classes : stop * num_classes].reshape(-1, num_classes)
        for start, stop in itertools.pairwise(offsets)
    ]
    labels = _column(nodes, "nodes", "label", pa.utf8()).to_pylist()
    node_labels = [labels[start:stop] for start, stop in itertools.pairwise(offsets)]

    weight = _numbers(edges, "edges", "weight", _FLOAT)
    alpha = _numbers(edges, "edges", "importance", _FLOAT)
    gap_sizes = sizes[:-1] * sizes[1:]
    shapes = list(itertools.pairwise(sizes))
    expected = [
        np.concatenate([np.full(n, g) for g, n in enumerate(gap_sizes)]),
        np.concatenate([np.repeat(np.arange(a), b) for a, b in shapes]),
        np.concatenate([np.tile(np.arange(b), a) for a, b in shapes]),
    ]
    for column, want in zip(("gap", "source", "target"), expected, strict=True):
        if not np.array_equal(_numbers(edges, "edges", column, _INT), want):
            raise NetworkError(
                f"edges table: column {column!r} does not list every edge of every gap, ordered by "
                "gap, then source, then target"
            )
    bounds = list(itertools.pairwise(np.concatenate([[0], np.cumsum(gap_sizes)])))
    return Network(
        weights=[weight[a:b].reshape(s) for (a, b), s in zip(bounds, shapes, strict=True)],
        node_importance=node_importance,
        edge_importance=[alpha[a:b].reshape(s) for (a, b), s in zip(bounds, shapes, strict=True)],
        class_names=class_names,
        layer_names=names,
        node_labels=node_labels,
        name=metadata.get(KEY_NETWORK_NAME, ""),
    )
