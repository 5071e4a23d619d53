/**
 * Kernel → front end: the three Arrow IPC streams of a network (docs/data-format.md, version 1)
 * become one `NetworkArrays` of fresh typed arrays, decoded once. Every rule of the contract is
 * checked here, so compute code downstream can trust its input; a violation is a
 * `NetworkFormatError` naming the table and the field.
 */
import type { Table } from 'apache-arrow';
import type { NetworkArrays } from '../compute/types';
import { parseArrowTable, readFloat32Column, readFloat32ListColumn, readInt32Column, readUtf8Column } from './arrow-columns';
import { NetworkFormatError } from './network-format-error';
import { toBytes, type BytesLike } from './to-bytes';

/** The data-format version this decoder reads (`nnbundle.format_version`). */
export const FORMAT_VERSION = '1';

/** The three IPC streams of a network, as the `_network` trait holds them. */
export interface NetworkTables {
  readonly layers: BytesLike;
  readonly nodes: BytesLike;
  readonly edges: BytesLike;
}

type TableName = keyof NetworkTables;
const TABLE_NAMES: readonly TableName[] = ['layers', 'nodes', 'edges'];

/** Parses one table and checks its version (first) and its `nnbundle.table` tag. */
function openTable(tables: NetworkTables, name: TableName): Table {
  const table = parseArrowTable(toBytes((tables as unknown as Record<string, unknown>)[name], name), name);
  const meta = table.schema.metadata;
  const version = meta.get('nnbundle.format_version');
  if (version === undefined) {
    throw new NetworkFormatError(name, 'nnbundle.format_version', `metadata key missing; expected format version "${FORMAT_VERSION}"`);
  }
  if (version !== FORMAT_VERSION) {
    throw new NetworkFormatError(
      name,
      'nnbundle.format_version',
      `format version "${version}" found, this widget reads version "${FORMAT_VERSION}"; update the nnbundle Python package and the widget together`,
    );
  }
  const tag = meta.get('nnbundle.table');
  if (tag !== name) {
    throw new NetworkFormatError(name, 'nnbundle.table', `metadata says ${tag === undefined ? 'nothing' : `"${tag}"`}, expected "${name}"`);
  }
  return table;
}

/** `nnbundle.class_names`: a JSON array of C ≥ 1 strings. */
function readClassNames(layers: Table): string[] {
  const field = 'nnbundle.class_names';
  const raw = layers.schema.metadata.get(field);
  if (raw === undefined) throw new NetworkFormatError('layers', field, 'metadata key missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new NetworkFormatError('layers', field, 'is not valid JSON; expected an array of class name strings');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((c) => typeof c === 'string')) {
    throw new NetworkFormatError('layers', field, 'must be a JSON array of at least one string');
  }
  return parsed as string[];
}

/** Layer sizes, names and the offsets that turn (layer, index) into global node ids. */
function decodeLayers(layers: Table): { sizes: Int32Array; names: string[]; offsets: Int32Array } {
  const index = readInt32Column(layers, 'layers', 'index');
  const sizes = readInt32Column(layers, 'layers', 'size');
  const names = readUtf8Column(layers, 'layers', 'name', false) as string[];
  const count = sizes.length;
  if (count < 2) throw new NetworkFormatError('layers', null, `has ${count} rows; a network needs at least 2 layers`);
  const offsets = new Int32Array(count + 1);
  let total = 0;
  for (let l = 0; l < count; l++) {
    if (index[l] !== l) throw new NetworkFormatError('layers', 'index', `row ${l} holds ${index[l]}; rows must be layers 0..${count - 1} in order`);
    const size = sizes[l]!;
    if (size < 1) throw new NetworkFormatError('layers', 'size', `layer ${l} has size ${size}; every layer needs at least 1 node`);
    total += size;
    // Node ids are int32 everywhere (edge columns, kept-edge lists).
    if (total > 0x7fffffff) throw new NetworkFormatError('layers', 'size', `sizes sum to more than 2^31 - 1 nodes`);
    offsets[l + 1] = total;
  }
  return { sizes, names, offsets };
}

/** Node importance, labels, and the check that rows run layer by layer, index by index. */
function decodeNodes(nodes: Table, offsets: Int32Array, numClasses: number): { importance: Float32Array; labels: (string | null)[] } {
  const count = offsets[offsets.length - 1]!;
  if (nodes.numRows !== count) {
    throw new NetworkFormatError('nodes', null, `has ${nodes.numRows} rows, but the layer sizes sum to ${count}`);
  }
  const layer = readInt32Column(nodes, 'nodes', 'layer');
  const index = readInt32Column(nodes, 'nodes', 'index');
  for (let l = 0, row = 0; l + 1 < offsets.length; l++) {
    for (let i = 0; row < offsets[l + 1]!; i++, row++) {
      if (layer[row] !== l || index[row] !== i) {
        throw new NetworkFormatError(
          'nodes',
          layer[row] !== l ? 'layer' : 'index',
          `row ${row} is (layer ${layer[row]}, index ${index[row]}), expected (layer ${l}, index ${i}); rows must be ordered by layer, then index`,
        );
      }
    }
  }
  const { values: importance, listSize } = readFloat32ListColumn(nodes, 'nodes', 'importance');
  if (listSize !== numClasses) {
    throw new NetworkFormatError('nodes', 'importance', `has ${listSize} values per node, but nnbundle.class_names lists ${numClasses} classes`);
  }
  for (let k = 0; k < importance.length; k++) {
    const v = importance[k]!;
    // Written as a negated range test so that NaN fails it too.
    if (!(v >= 0 && v < Infinity)) {
      const row = Math.floor(k / numClasses);
      throw new NetworkFormatError('nodes', 'importance', `node ${row} (layer ${layer[row]}, index ${index[row]}) class ${k % numClasses} is ${v}; importance must be finite and >= 0`);
    }
  }
  return { importance, labels: readUtf8Column(nodes, 'nodes', 'label', true) };
}

/** Edge columns with source/target turned into global node ids, after every range and order check. */
function decodeEdges(edges: Table, sizes: Int32Array, offsets: Int32Array) {
  const gap = readInt32Column(edges, 'edges', 'gap');
  const source = readInt32Column(edges, 'edges', 'source');
  const target = readInt32Column(edges, 'edges', 'target');
  const weight = readFloat32Column(edges, 'edges', 'weight');
  const alpha = readFloat32Column(edges, 'edges', 'importance');
  const gaps = sizes.length - 1;
  let prevGap = -1;
  let prevSource = 0;
  let prevTarget = 0;
  for (let e = 0; e < gap.length; e++) {
    const g = gap[e]!;
    const s = source[e]!;
    const t = target[e]!;
    if (!(g >= 0 && g < gaps)) throw new NetworkFormatError('edges', 'gap', `edge ${e} has gap ${g}; gaps run 0..${gaps - 1}`);
    if (!(s >= 0 && s < sizes[g]!)) throw new NetworkFormatError('edges', 'source', `edge ${e} has source ${s}, outside layer ${g} of size ${sizes[g]}`);
    if (!(t >= 0 && t < sizes[g + 1]!)) throw new NetworkFormatError('edges', 'target', `edge ${e} has target ${t}, outside layer ${g + 1} of size ${sizes[g + 1]}`);
    const ordered = g > prevGap || (g === prevGap && (s > prevSource || (s === prevSource && t > prevTarget)));
    if (!ordered) {
      throw new NetworkFormatError('edges', null, `edge ${e} (gap ${g}, source ${s}, target ${t}) is out of order or a duplicate; rows must be ordered by gap, then source, then target`);
    }
    prevGap = g;
    prevSource = s;
    prevTarget = t;
    if (!Number.isFinite(weight[e])) throw new NetworkFormatError('edges', 'weight', `edge ${e} has weight ${weight[e]}; weights must be finite`);
    const a = alpha[e]!;
    if (!(a >= 0 && a <= 1)) throw new NetworkFormatError('edges', 'importance', `edge ${e} has importance ${a}; it must lie in [0, 1]`);
    // In place: the copies are ours, and global ids are what every consumer wants.
    source[e] = offsets[g]! + s;
    target[e] = offsets[g + 1]! + t;
  }
  return { gap, source, target, weight, alpha };
}

/**
 * Decodes a network sent by the kernel.
 *
 * @param tables the three IPC streams; the bytes are only read, and stay the caller's
 * @returns fresh typed arrays owned by the caller (safe to transfer to a worker)
 * @throws NetworkFormatError for anything that breaks docs/data-format.md, including bytes that
 *   are not Arrow at all; the version is checked before anything else in each table
 */
export function decodeNetwork(tables: NetworkTables): NetworkArrays {
  if (typeof tables !== 'object' || tables === null) {
    throw new NetworkFormatError('layers', null, 'expected an object with layers, nodes and edges bytes');
  }
  const [layers, nodes, edges] = TABLE_NAMES.map((name) => openTable(tables, name)) as [Table, Table, Table];
  const classNames = readClassNames(layers);
  const name = layers.schema.metadata.get('nnbundle.network_name') ?? '';
  const { sizes, names, offsets } = decodeLayers(layers);
  const { importance, labels } = decodeNodes(nodes, offsets, classNames.length);
  const edge = decodeEdges(edges, sizes, offsets);
  return {
    name,
    layerSizes: sizes,
    layerNames: names,
    layerOffsets: offsets,
    numClasses: classNames.length,
    classNames,
    nodeImportance: importance,
    nodeLabels: labels,
    edgeGap: edge.gap,
    edgeSource: edge.source,
    edgeTarget: edge.target,
    edgeWeight: edge.weight,
    edgeAlpha: edge.alpha,
  };
}
