"""The Arrow encoding is exactly docs/data-format.md (names, types, order, metadata) and decodes
back to the same network; wrong versions, tables or bytes are refused by name."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from nnbundle import Network, NetworkError
from nnbundle.arrow_codec import network_from_ipc, network_to_ipc


def read(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(data).read_all()


def metadata(table: pa.Table) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in table.schema.metadata.items()}


def test_layers_table(small: Network) -> None:
    table = read(network_to_ipc(small)["layers"])
    assert table.schema.names == ["index", "name", "size"]
    assert [str(t) for t in table.schema.types] == ["int32", "string", "int32"]
    assert table.to_pydict() == {
        "index": [0, 1, 2],
        "name": ["input", 'hidden <b>&"', "output"],
        "size": [3, 4, 2],
    }
    assert metadata(table) == {
        "nnbundle.format_version": "1",
        "nnbundle.table": "layers",
        "nnbundle.class_names": '["cat", "dog"]',
        "nnbundle.network_name": "small",
    }


def test_nodes_table(small: Network) -> None:
    table = read(network_to_ipc(small)["nodes"])
    assert table.schema.names == ["layer", "index", "importance", "label"]
    importance_type = table.schema.field("importance").type
    assert pa.types.is_fixed_size_list(importance_type)
    assert importance_type.list_size == 2 and importance_type.value_type == pa.float32()
    assert [str(t) for t in (table.schema.field(n).type for n in ("layer", "index", "label"))] == [
        "int32",
        "int32",
        "string",
    ]
    assert table.schema.field("label").nullable
    data = table.to_pydict()
    assert data["layer"] == [0, 0, 0, 1, 1, 1, 1, 2, 2]
    assert data["index"] == [0, 1, 2, 0, 1, 2, 3, 0, 1]
    assert data["importance"][:4] == [[1.0, 0.0], [0.5, 0.25], [0.0, 0.75], [0.25, 1.0]]
    assert data["label"] == ["red", None, "blue", None, None, None, None, None, None]
    assert metadata(table) == {"nnbundle.format_version": "1", "nnbundle.table": "nodes"}


def test_edges_table_is_ordered_by_gap_source_target(small: Network) -> None:
    table = read(network_to_ipc(small)["edges"])
    assert table.schema.names == ["gap", "source", "target", "weight", "importance"]
    assert [str(t) for t in table.schema.types] == ["int32", "int32", "int32", "float", "float"]
    data = table.to_pydict()
    assert data["gap"] == [0] * 12 + [1] * 8
    assert data["source"][:8] == [0, 0, 0, 0, 1, 1, 1, 1]
    assert data["target"][:8] == [0, 1, 2, 3, 0, 1, 2, 3]
    assert data["source"][12:] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert data["weight"][:4] == [0.5, -1.0, 0.25, 0.0]
    # nn_vis running maximum: row maxima 1, 2, 4 in gap 0.
    assert data["importance"][:12] == [0.5, 1, 0.25, 0, 1, 0.25, 0.25, 0.5, 0.0625, 0.1875, 1, 0.5]
    assert metadata(table) == {"nnbundle.format_version": "1", "nnbundle.table": "edges"}


def test_float64_input_is_sent_as_float32() -> None:
    net = Network.from_weights([np.array([[0.1, 0.2]], dtype=np.float64)])
    table = read(network_to_ipc(net)["edges"])
    assert table.schema.field("weight").type == pa.float32()
    assert table.column("weight").to_pylist() == [float(np.float32(0.1)), float(np.float32(0.2))]


def test_unicode_names_survive(small: Network) -> None:
    net = Network.from_weights([[[1.0]]], class_names=["chat é 猫"], name="réseau ✓")
    tables = network_to_ipc(net)
    assert json.loads(metadata(read(tables["layers"]))["nnbundle.class_names"]) == ["chat é 猫"]
    assert network_from_ipc(tables).name == "réseau ✓"


@pytest.mark.parametrize(
    "build",
    [
        lambda: Network.random([8, 6, 4], 4, seed=1),
        lambda: Network.random([1, 5, 1, 3], 2, seed=9),
        lambda: Network.from_weights([[[0.3, -0.7]]], node_labels=[["only"], ["a", None]]),
    ],
)
def test_round_trip(build: object) -> None:
    net = build()  # type: ignore[operator]
    assert network_from_ipc(network_to_ipc(net)) == net


def test_round_trip_small(small: Network) -> None:
    decoded = network_from_ipc(network_to_ipc(small))
    assert decoded == small
    assert decoded.layer_names[1] == 'hidden <b>&"'
    assert decoded.node_labels == (("red", None, "blue"), None, None)


def test_wrong_version_names_both_versions(small: Network) -> None:
    tables = network_to_ipc(small)
    table = read(tables["nodes"])
    table = table.replace_schema_metadata(
        {**table.schema.metadata, b"nnbundle.format_version": b"999"}
    )
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    tables["nodes"] = sink.getvalue().to_pybytes()
    with pytest.raises(
        NetworkError,
        match="nodes table: nnbundle.format_version is '999'; this nnbundle reads version '1'",
    ):
        network_from_ipc(tables)


def test_swapped_tables_are_refused(small: Network) -> None:
    tables = network_to_ipc(small)
    tables["layers"], tables["nodes"] = tables["nodes"], tables["layers"]
    with pytest.raises(NetworkError, match="layers table: nnbundle.table says 'nodes'"):
        network_from_ipc(tables)


def test_corrupt_and_missing_tables(small: Network) -> None:
    tables = network_to_ipc(small)
    with pytest.raises(NetworkError, match="edges table: not a readable Arrow IPC stream"):
        network_from_ipc({**tables, "edges": b"not arrow at all"})
    with pytest.raises(NetworkError, match="edges table: not a readable Arrow IPC stream"):
        network_from_ipc({**tables, "edges": tables["edges"][:-40]})
    del tables["edges"]
    with pytest.raises(NetworkError, match="the 'edges' table is missing"):
        network_from_ipc(tables)


def test_wrong_column_type_is_named() -> None:
    net = Network.from_weights([[[1.0, 2.0]]])
    tables = network_to_ipc(net)
    edges = read(tables["edges"])
    weight = edges.column("weight").cast(pa.float64())
    edges = edges.set_column(3, pa.field("weight", pa.float64()), weight)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, edges.schema) as writer:
        writer.write_table(edges)
    with pytest.raises(
        NetworkError, match="edges table: column 'weight' has type double, expected float"
    ):
        network_from_ipc({**tables, "edges": sink.getvalue().to_pybytes()})
