/**
 * Test helper: builds the three Arrow IPC streams of a network (docs/data-format.md, version 1)
 * with apache-arrow, plus hooks to break one column or metadata key at a time.
 */
import {
  Field,
  FixedSizeList,
  Float32,
  Float64,
  makeData,
  makeVector,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import type { NetworkArrays } from '../../src/compute/types';
import { decodeNetwork } from '../../src/data/decode-network';
import type { NetworkSpec } from './network-spec';

/** Columns and metadata of one table before encoding; tests edit these to make bad variants. */
export interface TableParts {
  columns: Record<string, Vector>;
  metadata: Record<string, string>;
}

/** The three tables of `spec` as editable parts. */
export function networkParts(spec: NetworkSpec): { layers: TableParts; nodes: TableParts; edges: TableParts } {
  const c = spec.classNames.length;
  const layerOf: number[] = [];
  const indexOf: number[] = [];
  spec.layerSizes.forEach((size, l) => {
    for (let i = 0; i < size; i++) {
      layerOf.push(l);
      indexOf.push(i);
    }
  });
  return {
    layers: {
      columns: {
        index: int32(spec.layerSizes.map((_, l) => l)),
        name: utf8(spec.layerNames),
        size: int32(spec.layerSizes),
      },
      metadata: {
        'nnbundle.format_version': '1',
        'nnbundle.table': 'layers',
        'nnbundle.class_names': JSON.stringify(spec.classNames),
        'nnbundle.network_name': spec.name,
      },
    },
    nodes: {
      columns: {
        layer: int32(layerOf),
        index: int32(indexOf),
        importance: float32List(spec.importance.flat(), c),
        label: utf8(spec.labels),
      },
      metadata: { 'nnbundle.format_version': '1', 'nnbundle.table': 'nodes' },
    },
    edges: {
      columns: {
        gap: int32(spec.edges.map((e) => e.gap)),
        source: int32(spec.edges.map((e) => e.source)),
        target: int32(spec.edges.map((e) => e.target)),
        weight: float32(spec.edges.map((e) => e.weight)),
        importance: float32(spec.edges.map((e) => e.alpha)),
      },
      metadata: { 'nnbundle.format_version': '1', 'nnbundle.table': 'edges' },
    },
  };
}

/** An int32 column. */
export function int32(values: number[]): Vector {
  return makeVector(Int32Array.from(values));
}

/** A float32 column. */
export function float32(values: number[]): Vector {
  return makeVector(Float32Array.from(values));
}

/** A float64 column (a wrong type for every float column of the contract). */
export function float64(values: number[]): Vector {
  return makeVector(Float64Array.from(values));
}

/** A utf8 column (not dictionary-encoded), nulls allowed. */
export function utf8(values: (string | null)[]): Vector {
  return vectorFromArray(values, new Utf8());
}

/** A fixed_size_list<float32>[size] column from row-major values. */
export function float32List(flat: number[], size: number, child: Float32 | Float64 = new Float32()): Vector {
  const values = child instanceof Float64 ? Float64Array.from(flat) : Float32Array.from(flat);
  const type = new FixedSizeList(size, new Field('item', child, false));
  return makeVector(makeData({ type, length: flat.length / size, nullCount: 0, child: makeData({ type: child, data: values }) } as never));
}

/** IPC stream bytes of one table. */
export function encodeTable(parts: TableParts): Uint8Array {
  const table = new Table(parts.columns);
  for (const [k, v] of Object.entries(parts.metadata)) table.schema.metadata.set(k, v);
  return tableToIPC(table, 'stream');
}

/** IPC stream bytes of all three tables. */
export function encodeParts(parts: ReturnType<typeof networkParts>): { layers: Uint8Array; nodes: Uint8Array; edges: Uint8Array } {
  return { layers: encodeTable(parts.layers), nodes: encodeTable(parts.nodes), edges: encodeTable(parts.edges) };
}

/** IPC stream bytes of `spec`. */
export function encodeNetwork(spec: NetworkSpec): { layers: Uint8Array; nodes: Uint8Array; edges: Uint8Array } {
  return encodeParts(networkParts(spec));
}

/** `spec` decoded as the widget would (round trip through Arrow). */
export function decodedNetwork(spec: NetworkSpec): NetworkArrays {
  return decodeNetwork(encodeNetwork(spec));
}
