/**
 * Initial straight sampling, nn_vis `initial_edge_sample.comp` (reference/nn_vis.md §7.1 step 4):
 * each kept edge becomes ⌈length / sample_length⌉ equal steps from its source to its target node.
 */
import type { ArrayReuse } from './array-reuse';
import { checkPointBudget, type Polylines } from './polylines';
import type { NetworkArrays } from './types';

/** Steps for a straight edge of `length`: at least 1, so a zero-length edge is its two endpoints. */
function stepCount(length: number, sampleLen: number): number {
  const steps = Math.ceil(length / sampleLen);
  return steps >= 1 ? steps : 1;
}

/**
 * Straight polylines for the kept edges, in `kept` order.
 *
 * Deviation from nn_vis: points are placed at exact fractions k/steps of the edge instead of by
 * repeated stepping, so the last interior point never duplicates the end point (nn_vis §12 quirk 9)
 * and every polyline has exactly steps + 1 points. The first and last point are copies of the
 * node positions, bit for bit.
 *
 * @param kept      edge ids (from `pruneEdges`)
 * @param positions N·3 node positions
 * @param sampleLen `sampleLength(params)`, world units, > 0
 * @param reuse     when given, the points are a view of its array 'straight.points' (valid until its
 *   next use) instead of a new array
 * @returns new arrays owned by the caller (but for `reuse`'s points)
 * @throws RangeError when the point count would exceed `MAX_TOTAL_POINTS`
 */
export function straightEdges(
  net: NetworkArrays, kept: Int32Array, positions: Float32Array, sampleLen: number, reuse?: ArrayReuse,
): Polylines {
  const source = net.edgeSource;
  const target = net.edgeTarget;
  const pointOffsets = straightPointOffsets(net, kept, positions, sampleLen);
  const total = pointOffsets[kept.length]!;
  const points = reuse === undefined ? new Float32Array(total * 3) : reuse.float32('straight.points', total * 3);
  for (let k = 0; k < kept.length; k++) {
    const a = 3 * source[kept[k]!]!;
    const b = 3 * target[kept[k]!]!;
    const first = pointOffsets[k]!;
    const steps = pointOffsets[k + 1]! - first - 1;
    const ax = positions[a]!;
    const ay = positions[a + 1]!;
    const az = positions[a + 2]!;
    const dx = positions[b]! - ax;
    const dy = positions[b + 1]! - ay;
    const dz = positions[b + 2]! - az;
    let at = 3 * first;
    points[at] = ax;
    points[at + 1] = ay;
    points[at + 2] = az;
    for (let s = 1; s < steps; s++) {
      const t = s / steps;
      at += 3;
      points[at] = ax + dx * t;
      points[at + 1] = ay + dy * t;
      points[at + 2] = az + dz * t;
    }
    at += 3;
    points[at] = positions[b]!;
    points[at + 1] = positions[b + 1]!;
    points[at + 2] = positions[b + 2]!;
  }
  return { points, pointOffsets };
}

/**
 * The point offsets of `straightEdges`'s polylines (count + 1 values) without the points: what a
 * worker needs to balance the edge phase by points.
 *
 * @throws RangeError when the point count would exceed `MAX_TOTAL_POINTS`
 */
export function straightPointOffsets(net: NetworkArrays, kept: Int32Array, positions: Float32Array, sampleLen: number): Int32Array {
  const source = net.edgeSource;
  const target = net.edgeTarget;
  const pointOffsets = new Int32Array(kept.length + 1);
  let total = 0;
  for (let k = 0; k < kept.length; k++) {
    const a = 3 * source[kept[k]!]!;
    const b = 3 * target[kept[k]!]!;
    const dx = positions[b]! - positions[a]!;
    const dy = positions[b + 1]! - positions[a + 1]!;
    const dz = positions[b + 2]! - positions[a + 2]!;
    const length = Math.sqrt(dx * dx + dy * dy + dz * dz);
    total += stepCount(length, sampleLen) + 1;
    checkPointBudget(total);
    pointOffsets[k + 1] = total;
  }
  return pointOffsets;
}

/**
 * `straightEdges` in consecutive chunks of `chunk` kept edges, on `reuse`'s arrays: the total point
 * count, and the chunks made one at a time as they are iterated (each valid until the next), so the
 * straight points of a big network never exist all at once.
 */
export function straightEdgeChunks(
  net: NetworkArrays, kept: Int32Array, positions: Float32Array, sampleLen: number, reuse: ArrayReuse, chunk = 4096,
): { readonly points: number; readonly chunks: Iterable<Polylines> } {
  const points = straightPointOffsets(net, kept, positions, sampleLen)[kept.length]!;
  function* chunks(): Generator<Polylines> {
    for (let k = 0; k < kept.length; k += chunk) yield straightEdges(net, kept.subarray(k, k + chunk), positions, sampleLen, reuse);
  }
  return { points, chunks: chunks() };
}
