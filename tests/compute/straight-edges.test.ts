import { gridLayout } from '../../src/compute/layout';
import { MAX_TOTAL_POINTS } from '../../src/compute/polylines';
import { pruneEdges } from '../../src/compute/prune';
import { ArrayReuse } from '../../src/compute/array-reuse';
import { straightEdgeChunks, straightEdges, straightPointOffsets } from '../../src/compute/straight-edges';
import { buildNetwork, denseSpec, randomSpec } from '../helpers/network-spec';

const sl = 1 / 15;

test('an edge of length 0.45 at sample length 1/15 gets ⌈6.75⌉ = 7 equal steps, 8 points', () => {
  const net = buildNetwork(denseSpec([1, 1]));
  const pos = gridLayout(net, { layerWidth: 1, layerDistance: 0.45 });
  const lines = straightEdges(net, Int32Array.of(0), pos, sl);
  expect(Array.from(lines.pointOffsets)).toEqual([0, 8]);
  const zs = Array.from({ length: 8 }, (_, k) => lines.points[3 * k + 2]!);
  zs.forEach((z, k) => expect(z).toBeCloseTo(-0.225 + (0.45 * k) / 7, 6));
  expect(lines.points.filter((_, i) => i % 3 !== 2).every((v) => v === 0)).toBe(true);
});

describe('a random 16-9-4 network at the default sampling', () => {
  const net = buildNetwork(randomSpec([16, 9, 4], 3, 2));
  const pos = gridLayout(net, { layerWidth: 1, layerDistance: 0.4 });
  const kept = pruneEdges(net, 0.5);
  const lines = straightEdges(net, kept, pos, sl);

  test('one polyline per kept edge, in kept order, with ⌈length/sample_length⌉ + 1 points', () => {
    expect(lines.pointOffsets.length).toBe(kept.length + 1);
    expect(lines.pointOffsets[0]).toBe(0);
    expect(lines.points.length).toBe(lines.pointOffsets[kept.length]! * 3);
    kept.forEach((e, k) => {
      const a = 3 * net.edgeSource[e]!;
      const b = 3 * net.edgeTarget[e]!;
      const length = Math.hypot(pos[b]! - pos[a]!, pos[b + 1]! - pos[a + 1]!, pos[b + 2]! - pos[a + 2]!);
      expect(lines.pointOffsets[k + 1]! - lines.pointOffsets[k]!).toBe(Math.ceil(length / sl) + 1);
    });
  });

  test('first and last points are the node positions, bit for bit', () => {
    kept.forEach((e, k) => {
      const first = 3 * lines.pointOffsets[k]!;
      const last = 3 * (lines.pointOffsets[k + 1]! - 1);
      expect(Array.from(lines.points.subarray(first, first + 3))).toEqual(Array.from(pos.subarray(3 * net.edgeSource[e]!, 3 * net.edgeSource[e]! + 3)));
      expect(Array.from(lines.points.subarray(last, last + 3))).toEqual(Array.from(pos.subarray(3 * net.edgeTarget[e]!, 3 * net.edgeTarget[e]! + 3)));
    });
  });

  test('steps are equal and no longer than the sample length (no duplicated end point)', () => {
    for (let k = 0; k < kept.length; k++) {
      const steps: number[] = [];
      for (let j = lines.pointOffsets[k]!; j + 1 < lines.pointOffsets[k + 1]!; j++) {
        steps.push(Math.hypot(lines.points[3 * j + 3]! - lines.points[3 * j]!, lines.points[3 * j + 4]! - lines.points[3 * j + 1]!, lines.points[3 * j + 5]! - lines.points[3 * j + 2]!));
      }
      expect(Math.max(...steps) - Math.min(...steps)).toBeLessThan(1e-6);
      expect(Math.max(...steps)).toBeLessThanOrEqual(sl + 1e-6);
    }
  });
});

test('a zero-length edge is its two end points', () => {
  const net = buildNetwork(denseSpec([1, 1]));
  const lines = straightEdges(net, Int32Array.of(0), new Float32Array([0.1, 0.2, 0.3, 0.1, 0.2, 0.3]), sl);
  expect(Array.from(lines.pointOffsets)).toEqual([0, 2]);
});

test('an absurd point count is refused with a message instead of exhausting memory', () => {
  const net = buildNetwork(denseSpec([4, 4]));
  const pos = gridLayout(net, { layerWidth: 1, layerDistance: 0.4 });
  expect(() => straightEdges(net, pruneEdges(net, 0), pos, 1e-7)).toThrow(new RegExp(`more than the ${MAX_TOTAL_POINTS} a worker can hold; lower samplingRate`));
});

describe('straightPointOffsets and straightEdges on reused arrays', () => {
  const net = buildNetwork(randomSpec([16, 9, 4], 3, 2));
  const pos = gridLayout(net, { layerWidth: 1, layerDistance: 0.4 });
  const kept = pruneEdges(net, 0.5);
  const fresh = straightEdges(net, kept, pos, sl);

  test('the offsets alone equal the polylines\' offsets', () => {
    expect(Array.from(straightPointOffsets(net, kept, pos, sl))).toEqual(Array.from(fresh.pointOffsets));
  });

  test('reused arrays give the same polylines, and the next call writes into the same memory', () => {
    const reuse = new ArrayReuse();
    const first = straightEdges(net, kept, pos, sl, reuse);
    expect(Array.from(first.points)).toEqual(Array.from(fresh.points));
    expect(Array.from(first.pointOffsets)).toEqual(Array.from(fresh.pointOffsets));
    const fewer = kept.subarray(0, kept.length >> 1);
    const second = straightEdges(net, fewer, pos, sl, reuse);
    expect(second.points.buffer).toBe(first.points.buffer);
    expect(Array.from(second.points)).toEqual(Array.from(straightEdges(net, fewer, pos, sl).points));
  });

  test('in chunks of 7 edges, the polylines are the same, chunk after chunk, with their total point count', () => {
    const seeds = straightEdgeChunks(net, kept, pos, sl, new ArrayReuse(), 7);
    expect(seeds.points).toBe(fresh.pointOffsets[kept.length]);
    const points: number[] = [], counts: number[] = [];
    for (const chunk of seeds.chunks) {
      expect(chunk.pointOffsets.length - 1).toBeLessThanOrEqual(7);
      points.push(...chunk.points);
      for (let i = 0; i + 1 < chunk.pointOffsets.length; i++) counts.push(chunk.pointOffsets[i + 1]! - chunk.pointOffsets[i]!);
    }
    expect(points).toEqual(Array.from(fresh.points));
    expect(counts).toEqual(Array.from({ length: kept.length }, (_, k) => fresh.pointOffsets[k + 1]! - fresh.pointOffsets[k]!));
  });
});
