import { edgeScores, edgeScoresForClasses, pruneEdges, pruneEdgesForClasses, pruneThreshold } from '../../src/compute/prune';
import { buildNetwork, denseSpec, randomSpec } from '../helpers/network-spec';

// Layers [3, 2], two classes. Source means: node 0 → 0.5, node 1 → 0.2, node 2 → 0.5.
// Edges (source, target) in order: (0,3) (0,4) (1,3) (1,4) (2,3) (2,4).
// Scores α·mean: 0.1, 0.2, 0.2, 0.1, 0.15, 0.3 (exact float32 ties by construction).
const handNet = buildNetwork(
  denseSpec([3, 2], [0.2, 0.4, 1.0, 0.5, 0.3, 0.6], [
    [1, 0],
    [0.2, 0.2],
    [0, 1],
    [7, 9],
    [3, 0],
  ]),
);

const kept = (ids: Int32Array): number[] => Array.from(ids);

test('score is α times the mean class importance of the source node (not the target)', () => {
  const f = Math.fround;
  expect(Array.from(edgeScores(handNet))).toEqual([f(0.1), f(0.2), f(0.2), f(0.1), f(f(0.3) * 0.5), f(0.3)]);
});

test('p = 0 keeps every edge', () => {
  expect(kept(pruneEdges(handNet, 0))).toEqual([0, 1, 2, 3, 4, 5]);
});

test('threshold = sorted[floor(E·p)] and only scores strictly above it survive (ties fall together)', () => {
  // sorted: 0.1 0.1 0.15 0.2 0.2 0.3
  expect(kept(pruneEdges(handNet, 0.5))).toEqual([5]); // index 3 → 0.2: both 0.2 edges go
  expect(kept(pruneEdges(handNet, 0.3))).toEqual([1, 2, 4, 5]); // index 1 → 0.1
  expect(kept(pruneEdges(handNet, 0.1))).toEqual([1, 2, 4, 5]); // index 0 → 0.1: even 10 % drops both ties
  expect(kept(pruneEdges(handNet, 0.6))).toEqual([5]); // index 3
  expect(kept(pruneEdges(handNet, 0.84))).toEqual([]); // index 5 → the maximum
});

test('p = 1 prunes everything (index guarded to E − 1, where nn_vis would fail)', () => {
  expect(pruneThreshold(edgeScores(handNet), 1)).toBe(Math.fround(0.3));
  expect(kept(pruneEdges(handNet, 1))).toEqual([]);
});

test('when all scores are equal pruning is skipped and every edge stays', () => {
  const flat = buildNetwork(denseSpec([2, 3]));
  expect(kept(pruneEdges(flat, 0.5))).toEqual([0, 1, 2, 3, 4, 5]);
  expect(kept(pruneEdges(flat, 1))).toEqual([0, 1, 2, 3, 4, 5]);
});

test('one global threshold across all gaps, not one per gap', () => {
  // Gap 0 (4 edges) all weak, gap 1 (4 edges) strong: 50 % pruning removes all of gap 0.
  const net = buildNetwork(denseSpec([2, 2, 2], [0.1, 0.1, 0.1, 0.1, 0.6, 0.7, 0.8, 0.9]));
  expect(kept(pruneEdges(net, 0.5))).toEqual([5, 6, 7]);
});

test('class-specific pruning averages only the listed classes', () => {
  // Class 1 only: source means 0, 0.2, 1 → scores 0, 0, 0.2, 0.1, 0.3, 0.6.
  expect(Array.from(edgeScoresForClasses(handNet, [1]))).toEqual([0, 0, Math.fround(0.2), Math.fround(0.1), Math.fround(0.3), Math.fround(0.6)]);
  expect(kept(pruneEdgesForClasses(handNet, 0.5, [1]))).toEqual([4, 5]);
  // Both classes listed = overall pruning.
  expect(kept(pruneEdgesForClasses(handNet, 0.3, [0, 1]))).toEqual(kept(pruneEdges(handNet, 0.3)));
});

test('class lists that make no sense are refused', () => {
  expect(() => edgeScoresForClasses(handNet, [])).toThrow('give at least one class index');
  expect(() => edgeScoresForClasses(handNet, [2])).toThrow('2 is not a class index in [0, 1]');
  expect(() => edgeScoresForClasses(handNet, [0.5])).toThrow('0.5 is not a class index');
  expect(() => edgeScoresForClasses(handNet, [1, 1])).toThrow('class 1 is listed twice');
});

test('a prune percentage outside [0, 1] is refused', () => {
  expect(() => pruneEdges(handNet, 1.5)).toThrow(RangeError);
  expect(() => pruneEdges(handNet, NaN)).toThrow(RangeError);
});

test('writes into a caller buffer and returns the used start of it', () => {
  const out = new Int32Array(6).fill(-1);
  const result = pruneEdges(handNet, 0.3, out);
  expect(kept(result)).toEqual([1, 2, 4, 5]);
  expect(result.buffer).toBe(out.buffer);
  expect(() => pruneEdges(handNet, 0.3, new Int32Array(5))).toThrow('needs room for all 6 edges');
});

test('keeps E − ⌊E·p⌋ − (ties at the threshold) edges of a random network, ascending', () => {
  const net = buildNetwork(randomSpec([50, 40, 30], 4, 3));
  const scores = Array.from(edgeScores(net));
  const sorted = [...scores].sort((a, b) => a - b);
  for (const p of [0.1, 0.5, 0.9, 0.99]) {
    const ids = kept(pruneEdges(net, p));
    const threshold = sorted[Math.floor(scores.length * p)]!;
    expect(ids).toEqual(scores.flatMap((s, e) => (s > threshold ? [e] : [])));
    expect(ids.length).toBeLessThanOrEqual(scores.length - Math.floor(scores.length * p));
  }
});
