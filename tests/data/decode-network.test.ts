import { Float64, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { decodeNetwork } from '../../src/data/decode-network';
import { NetworkFormatError } from '../../src/data/network-format-error';
import { encodeNetwork, encodeParts, float32, float32List, float64, int32, networkParts, utf8 } from '../helpers/arrow-network';
import { randomSpec, seededRandom } from '../helpers/network-spec';

const spec = randomSpec([3, 4, 2], 3, 7);

/** The error `decodeNetwork` throws for `tables` (fails the test when it does not throw one). */
function decodeError(tables: Parameters<typeof decodeNetwork>[0]): NetworkFormatError {
  try {
    decodeNetwork(tables);
  } catch (err) {
    expect(err).toBeInstanceOf(NetworkFormatError);
    return err as NetworkFormatError;
  }
  throw new Error('decodeNetwork accepted bad input');
}

/** Bytes of `spec` with one table's parts edited. */
function withEdit(edit: (parts: ReturnType<typeof networkParts>) => void) {
  const parts = networkParts(spec);
  edit(parts);
  return encodeParts(parts);
}

describe('decodeNetwork on valid input', () => {
  const net = decodeNetwork(encodeNetwork(spec));

  test('reads layers, classes and names from the tables and their metadata', () => {
    expect(net.name).toBe('random-3-4-2');
    expect(Array.from(net.layerSizes)).toEqual([3, 4, 2]);
    expect(Array.from(net.layerOffsets)).toEqual([0, 3, 7, 9]);
    expect(net.layerNames).toEqual(['layer 0', 'layer 1', 'layer 2']);
    expect(net.numClasses).toBe(3);
    expect(net.classNames).toEqual(['class 0', 'class 1', 'class 2']);
    expect(net.nodeLabels).toEqual(['in0', 'in1', 'in2', null, null, null, null, null, null]);
  });

  test('copies importance row-major and exactly', () => {
    expect(Array.from(net.nodeImportance)).toEqual(spec.importance.flat());
  });

  test('turns edge source/target into global node ids', () => {
    expect(net.edgeGap.length).toBe(3 * 4 + 4 * 2);
    // Edge 12 is the first of gap 1: layer-1 node 0 (id 3) → layer-2 node 0 (id 7).
    expect([net.edgeGap[12], net.edgeSource[12], net.edgeTarget[12]]).toEqual([1, 3, 7]);
    // Last edge: layer-1 node 3 (id 6) → layer-2 node 1 (id 8).
    expect([net.edgeSource[19], net.edgeTarget[19]]).toEqual([6, 8]);
    expect(Array.from(net.edgeWeight)).toEqual(spec.edges.map((e) => e.weight));
    expect(Array.from(net.edgeAlpha)).toEqual(spec.edges.map((e) => e.alpha));
  });

  test('hands out typed arrays that own their buffers, so they can be transferred', () => {
    for (const a of [net.layerSizes, net.layerOffsets, net.nodeImportance, net.edgeGap, net.edgeSource, net.edgeTarget, net.edgeWeight, net.edgeAlpha]) {
      expect(a.byteOffset).toBe(0);
      expect(a.buffer.byteLength).toBe(a.byteLength);
    }
    const own = decodeNetwork(encodeNetwork(spec));
    const moved = structuredClone(own.edgeAlpha, { transfer: [own.edgeAlpha.buffer] });
    expect(Array.from(moved)).toEqual(Array.from(net.edgeAlpha));
  });

  test('accepts DataView, ArrayBuffer and an offset Uint8Array view (as anywidget delivers bytes)', () => {
    const bytes = encodeNetwork(spec);
    const padded = new Uint8Array(bytes.nodes.length + 16);
    padded.set(bytes.nodes, 16);
    const layers = new DataView(bytes.layers.buffer, bytes.layers.byteOffset, bytes.layers.byteLength);
    const edges = bytes.edges.slice().buffer;
    const again = decodeNetwork({ layers, nodes: padded.subarray(16), edges });
    expect(Array.from(again.edgeTarget)).toEqual(Array.from(net.edgeTarget));
  });

  test('reads a table split into several record batches', () => {
    const parts = networkParts(spec);
    const whole = new Table(parts.edges.columns);
    const split = whole.slice(0, 5).concat(whole.slice(5));
    expect(split.batches.length).toBe(2);
    for (const [k, v] of Object.entries(parts.edges.metadata)) split.schema.metadata.set(k, v);
    const edges = tableToIPC(split, 'stream');
    expect(tableFromIPC(edges).batches.length).toBe(2);
    const again = decodeNetwork({ ...encodeParts(parts), edges });
    expect(Array.from(again.edgeSource)).toEqual(Array.from(net.edgeSource));
    expect(Array.from(again.edgeAlpha)).toEqual(Array.from(net.edgeAlpha));
  });
});

describe('decodeNetwork checks the version first', () => {
  test('a wrong version names the table, the version found and the version expected', () => {
    const err = decodeError(withEdit((p) => (p.nodes.metadata['nnbundle.format_version'] = '2')));
    expect(err.table).toBe('nodes');
    expect(err.message).toContain('nnbundle.format_version');
    expect(err.message).toContain('"2"');
    expect(err.message).toContain('"1"');
  });

  test('the version is checked before the columns', () => {
    const err = decodeError(
      withEdit((p) => {
        p.edges.metadata['nnbundle.format_version'] = '0';
        delete p.edges.columns.source;
      }),
    );
    expect(err.field).toBe('nnbundle.format_version');
  });

  test('a missing version key is an error', () => {
    const err = decodeError(withEdit((p) => delete p.layers.metadata['nnbundle.format_version']));
    expect(err.message).toMatch(/^layers\.nnbundle\.format_version: metadata key missing/);
  });

  test('a table sent under the wrong name is refused', () => {
    const bytes = encodeNetwork(spec);
    const err = decodeError({ ...bytes, nodes: bytes.edges });
    expect(err.message).toBe('nodes.nnbundle.table: metadata says "edges", expected "nodes"');
  });
});

describe('decodeNetwork refuses broken schemas and metadata', () => {
  test.each([
    ['nodes', 'importance'],
    ['nodes', 'label'],
    ['edges', 'target'],
    ['layers', 'size'],
  ] as const)('missing column %s.%s', (table, field) => {
    const err = decodeError(withEdit((p) => delete p[table].columns[field]));
    expect(err.message).toMatch(new RegExp(`^${table}\\.${field}: missing column \\(found: `));
  });

  test('a float64 column where float32 is required', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.importance = float64(spec.edges.map((e) => e.alpha)))));
    expect(err.message).toBe('edges.importance: has type Float64, expected float32');
  });

  test('a float column where int32 is required', () => {
    const err = decodeError(withEdit((p) => (p.layers.columns.size = float32([3, 4, 2]))));
    expect(err.message).toBe('layers.size: has type Float32, expected int32');
  });

  test('importance as a list of float64', () => {
    const err = decodeError(withEdit((p) => (p.nodes.columns.importance = float32List(spec.importance.flat(), 3, new Float64()))));
    expect(err.message).toMatch(/^nodes\.importance: has type FixedSizeList\[3\]<Float64>, expected fixed_size_list<float32>/);
  });

  test('importance width must match the class names', () => {
    const err = decodeError(withEdit((p) => (p.layers.metadata['nnbundle.class_names'] = '["a","b"]')));
    expect(err.message).toBe('nodes.importance: has 3 values per node, but nnbundle.class_names lists 2 classes');
  });

  test.each([['not json'], ['[]'], ['[1, 2]'], ['{"a": 1}']])('class names %s', (raw) => {
    const err = decodeError(withEdit((p) => (p.layers.metadata['nnbundle.class_names'] = raw)));
    expect(err.field).toBe('nnbundle.class_names');
  });

  test('a null layer name (a non-nullable column)', () => {
    const err = decodeError(withEdit((p) => (p.layers.columns.name = utf8(['a', null, 'c']))));
    expect(err.message).toBe('layers.name: has 1 null values; nulls are not allowed');
  });

  test('bytes that are not bytes name the table', () => {
    const bytes = encodeNetwork(spec);
    const err = decodeError({ ...bytes, edges: undefined as unknown as Uint8Array });
    expect(err.message).toBe('edges: expected Arrow IPC bytes (Uint8Array, DataView or ArrayBuffer), got undefined');
  });
});

describe('decodeNetwork refuses values that break the contract', () => {
  test.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-0.5, '-0.5'],
  ])('importance %s names the node and class', (bad, shown) => {
    const err = decodeError(
      withEdit((p) => {
        const flat = spec.importance.flat();
        flat[4 * 3 + 2] = bad;
        p.nodes.columns.importance = float32List(flat, 3);
      }),
    );
    expect(err.message).toBe(`nodes.importance: node 4 (layer 1, index 1) class 2 is ${shown}; importance must be finite and >= 0`);
  });

  test('an edge target outside its layer', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.target = int32(spec.edges.map((e, i) => (i === 13 ? 2 : e.target))))));
    expect(err.message).toBe('edges.target: edge 13 has target 2, outside layer 2 of size 2');
  });

  test('an edge source outside its layer', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.source = int32(spec.edges.map((e, i) => (i === 0 ? -1 : e.source))))));
    expect(err.message).toBe('edges.source: edge 0 has source -1, outside layer 0 of size 3');
  });

  test('an edge gap past the last gap', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.gap = int32(spec.edges.map((e, i) => (i === 19 ? 2 : e.gap))))));
    expect(err.message).toBe('edges.gap: edge 19 has gap 2; gaps run 0..1');
  });

  test.each([[1.5], [NaN], [-0.1]])('edge importance α = %s', (bad) => {
    const err = decodeError(withEdit((p) => (p.edges.columns.importance = float32(spec.edges.map((e, i) => (i === 5 ? bad : e.alpha))))));
    expect(err.message).toMatch(/^edges\.importance: edge 5 has importance .*; it must lie in \[0, 1\]$/);
  });

  test('a NaN weight', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.weight = float32(spec.edges.map((e, i) => (i === 3 ? NaN : e.weight))))));
    expect(err.message).toBe('edges.weight: edge 3 has weight NaN; weights must be finite');
  });

  test('node rows out of order', () => {
    const err = decodeError(withEdit((p) => (p.nodes.columns.index = int32([0, 2, 1, 0, 1, 2, 3, 0, 1]))));
    expect(err.message).toBe('nodes.index: row 1 is (layer 0, index 2), expected (layer 0, index 1); rows must be ordered by layer, then index');
  });

  test('edge rows out of order', () => {
    const err = decodeError(withEdit((p) => (p.edges.columns.target = int32(spec.edges.map((e, i) => (i === 1 ? 0 : e.target))))));
    expect(err.message).toMatch(/^edges: edge 1 \(gap 0, source 0, target 0\) is out of order or a duplicate/);
  });

  test('node rows that do not add up to the layer sizes', () => {
    const err = decodeError(withEdit((p) => (p.layers.columns.size = int32([3, 4, 3]))));
    expect(err.message).toBe('nodes: has 9 rows, but the layer sizes sum to 10');
  });

  test('a layer of size 0 and a one-layer network', () => {
    expect(decodeError(withEdit((p) => (p.layers.columns.size = int32([3, 0, 2])))).message).toBe('layers.size: layer 1 has size 0; every layer needs at least 1 node');
    const one = withEdit((p) => {
      p.layers.columns = { index: int32([0]), name: utf8(['only']), size: int32([3]) };
    });
    expect(decodeError(one).message).toBe('layers: has 1 rows; a network needs at least 2 layers');
  });

  test('layers listed out of order', () => {
    const err = decodeError(withEdit((p) => (p.layers.columns.index = int32([0, 2, 1]))));
    expect(err.message).toBe('layers.index: row 1 holds 2; rows must be layers 0..2 in order');
  });
});

describe('decodeNetwork on corrupt bytes never hangs or throws anything but NetworkFormatError', () => {
  const good = encodeNetwork(spec);

  test('random garbage of many sizes', () => {
    const rand = seededRandom(11);
    for (const size of [0, 1, 7, 8, 64, 500, 4096]) {
      const junk = Uint8Array.from({ length: size }, () => Math.floor(rand() * 256));
      const err = decodeError({ ...good, layers: junk });
      expect(err.table).toBe('layers');
    }
  });

  test('an empty byte string says it holds no Arrow stream', () => {
    expect(decodeError({ ...good, nodes: new Uint8Array(0) }).message).toBe('nodes: not a valid Arrow IPC stream (no schema in 0 bytes)');
  });

  test('every truncation is refused, so a cut stream never passes for a smaller network', () => {
    for (const table of ['layers', 'nodes', 'edges'] as const) {
      const bytes = good[table];
      for (let cut = 0; cut < bytes.length; cut++) {
        expect(decodeError({ ...good, [table]: bytes.subarray(0, cut) }).table).toBe(table);
      }
    }
  });

  test('a stream cut just before its end-of-stream marker says it is truncated', () => {
    const cut = good.edges.subarray(0, good.edges.length - 8);
    expect(decodeError({ ...good, edges: cut }).message).toBe(`edges: not a valid Arrow IPC stream (truncated: no end-of-stream marker after ${cut.length} bytes)`);
  });

  test('thousands of single-byte corruptions are each decoded or refused with a NetworkFormatError', () => {
    const rand = seededRandom(5);
    const started = Date.now();
    for (let trial = 0; trial < 3000; trial++) {
      const table = (['layers', 'nodes', 'edges'] as const)[trial % 3]!;
      const bytes = good[table].slice();
      bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try {
        const net = decodeNetwork({ ...good, [table]: bytes });
        // Whatever got through satisfies the contract's invariants.
        expect(net.layerOffsets[net.layerSizes.length]).toBe(net.nodeImportance.length / net.numClasses);
        for (let e = 0; e < net.edgeSource.length; e++) {
          expect(net.edgeSource[e]! >= net.layerOffsets[net.edgeGap[e]!]! && net.edgeTarget[e]! < net.layerOffsets[net.edgeGap[e]! + 2]!).toBe(true);
        }
      } catch (err) {
        if (!(err instanceof NetworkFormatError)) throw err;
      }
    }
    expect(Date.now() - started).toBeLessThan(20000);
  });
});
