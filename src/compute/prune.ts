/**
 * Edge pruning, nn_vis `models/network.py: generate_filtered_edges` (reference/nn_vis.md §6.1):
 * score = α · mean class importance of the SOURCE node, one global quantile over all gaps, keep
 * scores strictly above it. Only edges are pruned; nodes always stay.
 */
import type { NetworkArrays } from './types';

/**
 * Mean importance per node over `classes` (all classes when omitted): nn_vis `overall_importance`.
 * Accumulated in float64, stored as float32 like nn_vis's node records.
 */
function nodeMeans(net: NetworkArrays, classes: readonly number[] | null): Float32Array {
  const c = net.numClasses;
  const n = net.nodeImportance.length / c;
  const means = new Float32Array(n);
  const imp = net.nodeImportance;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    if (classes === null) {
      for (let k = 0; k < c; k++) sum += imp[i * c + k]!;
      means[i] = sum / c;
    } else {
      for (const k of classes) sum += imp[i * c + k]!;
      means[i] = sum / classes.length;
    }
  }
  return means;
}

function scoresFromMeans(net: NetworkArrays, means: Float32Array): Float32Array {
  const alpha = net.edgeAlpha;
  const source = net.edgeSource;
  const scores = new Float32Array(alpha.length);
  for (let e = 0; e < scores.length; e++) scores[e] = alpha[e]! * means[source[e]!]!;
  return scores;
}

/**
 * Pruning score per edge: α · mean(importance of the source node), float32 (nn_vis edge record
 * fields 3 × 6). The same score is the renderer's edge discard threshold.
 *
 * @returns a new array of E scores, owned by the caller
 */
export function edgeScores(net: NetworkArrays): Float32Array {
  return scoresFromMeans(net, nodeMeans(net, null));
}

/**
 * Class-specific scores: α · mean over `classes` of the source node's importance (nn_vis
 * evaluation `relevant_classes`).
 *
 * @param classes distinct class indices in [0, C), at least one
 * @throws RangeError for an empty list, a duplicate or an index outside [0, C)
 */
export function edgeScoresForClasses(net: NetworkArrays, classes: readonly number[]): Float32Array {
  if (classes.length === 0) throw new RangeError('pruning classes: give at least one class index');
  const seen = new Set<number>();
  for (const k of classes) {
    if (!Number.isInteger(k) || k < 0 || k >= net.numClasses) {
      throw new RangeError(`pruning classes: ${k} is not a class index in [0, ${net.numClasses - 1}]`);
    }
    if (seen.has(k)) throw new RangeError(`pruning classes: class ${k} is listed twice`);
    seen.add(k);
  }
  return scoresFromMeans(net, nodeMeans(net, classes));
}

/**
 * The nn_vis threshold for `scores`: −1 when p = 0 or all scores are equal (nothing pruned),
 * else sorted[⌊E·p⌋], with the index guarded to E − 1 at p = 1 (where nn_vis would index past the end).
 *
 * @param scores      edge scores (not modified)
 * @param prunePercentage fraction to drop, in [0, 1]
 */
export function pruneThreshold(scores: Float32Array, prunePercentage: number): number {
  if (!(prunePercentage >= 0 && prunePercentage <= 1)) {
    throw new RangeError(`prunePercentage = ${prunePercentage} is invalid; allowed: a number in [0, 1]`);
  }
  const count = scores.length;
  if (prunePercentage === 0 || count === 0) return -1;
  const sorted = scores.slice().sort();
  // nn_vis: "Pruning ignored, because all importance values are equal."
  if (sorted[0] === sorted[count - 1]) return -1;
  return sorted[Math.min(Math.floor(count * prunePercentage), count - 1)]!;
}

/** Ids of edges whose score is strictly above `threshold`, ascending, into `out` when given. */
function keepAbove(scores: Float32Array, threshold: number, out?: Int32Array): Int32Array {
  let kept = 0;
  if (out === undefined) {
    for (let e = 0; e < scores.length; e++) if (scores[e]! > threshold) kept++;
    out = new Int32Array(kept);
    kept = 0;
  } else if (out.length < scores.length) {
    throw new RangeError(`pruneEdges: out holds ${out.length} ids, needs room for all ${scores.length} edges`);
  }
  for (let e = 0; e < scores.length; e++) if (scores[e]! > threshold) out[kept++] = e;
  return out.length === kept ? out : out.subarray(0, kept);
}

/**
 * nn_vis pruning: the ids of the edges that survive, ascending.
 *
 * @param prunePercentage fraction of edges to drop, lowest score first, in [0, 1]; 0 keeps all
 * @param out optional buffer of at least E ids; the result is then a view of its start
 * @returns kept edge ids; a new exact-size array when `out` is omitted, owned by the caller
 */
export function pruneEdges(net: NetworkArrays, prunePercentage: number, out?: Int32Array): Int32Array {
  const scores = edgeScores(net);
  return keepAbove(scores, pruneThreshold(scores, prunePercentage), out);
}

/**
 * Class-specific pruning: as `pruneEdges`, with the mean over `classes` in place of the mean
 * over all classes (nn_vis "Class Importance Pruning").
 */
export function pruneEdgesForClasses(net: NetworkArrays, prunePercentage: number, classes: readonly number[], out?: Int32Array): Int32Array {
  const scores = edgeScoresForClasses(net, classes);
  return keepAbove(scores, pruneThreshold(scores, prunePercentage), out);
}
