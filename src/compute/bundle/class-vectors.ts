/**
 * Per-node class vectors as nn_vis's processing shaders see them, and the per-sample class vector
 * of an edge for each `edge_importance_type` (sample_density_map.comp / sample_advect.comp).
 */
import type { NetworkArrays } from '../types';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { imul, sqrt } = Math;

/** Node class data derived once per network. Arrays are owned by this object. */
export interface NodeClassVectors {
  /** Number of classes C. */
  readonly classes: number;
  /** Raw importance i (N·C), float64 copy of `nodeImportance`. */
  readonly raw: Float64Array;
  /** i/‖i‖ (N·C); all zeros for a node whose importance is all zero (nn_vis would divide by 0). */
  readonly unit: Float64Array;
  /** ‖i‖₂ per node. */
  readonly length: Float64Array;
}

/** Derives raw, unit and length arrays from the network's node importance. */
export function nodeClassVectors(net: NetworkArrays): NodeClassVectors {
  const classes = net.numClasses;
  const nodes = net.layerOffsets[net.layerOffsets.length - 1] ?? 0;
  const raw = new Float64Array(nodes * classes);
  const unit = new Float64Array(nodes * classes);
  const length = new Float64Array(nodes);
  for (let n = 0; n < nodes; n++) {
    let sq = 0;
    for (let c = 0; c < classes; c++) {
      const v = net.nodeImportance[n * classes + c] ?? 0;
      raw[n * classes + c] = v;
      sq += v * v;
    }
    const len = sqrt(sq);
    length[n] = len;
    if (len > 0) for (let c = 0; c < classes; c++) unit[n * classes + c] = (raw[n * classes + c] ?? 0) / len;
  }
  return { classes, raw, unit, length };
}

/** Edge importance types of nn_vis: 0 interpolate, 1 start, 2 sum, 3 end. */
export type EdgeImportanceType = 0 | 1 | 2 | 3;

/**
 * Writes into `out` (length ≥ C) the class vector nn_vis gives a sample of the edge source→target
 * at parameter t = slot/samples:
 * type 0: (1−t)·ŝ + t·ê; type 1: ŝ; type 2: (s + e)/(‖s‖ + ‖e‖); type 3: ê.
 */
export function sampleClassVector(
  vectors: NodeClassVectors, type: EdgeImportanceType, source: number, target: number, t: number, out: Float64Array,
): void {
  const C = vectors.classes;
  const so = source * C, to = target * C;
  const unit = vectors.unit;
  if (type === 0) {
    const a = 1 - t;
    for (let c = 0; c < C; c++) out[c] = a * (unit[so + c] ?? 0) + t * (unit[to + c] ?? 0);
  } else if (type === 1) {
    for (let c = 0; c < C; c++) out[c] = unit[so + c] ?? 0;
  } else if (type === 3) {
    for (let c = 0; c < C; c++) out[c] = unit[to + c] ?? 0;
  } else {
    const divisor = (vectors.length[source] ?? 0) + (vectors.length[target] ?? 0);
    const raw = vectors.raw;
    for (let c = 0; c < C; c++) out[c] = divisor > 0 ? ((raw[so + c] ?? 0) + (raw[to + c] ?? 0)) / divisor : 0;
  }
}

/**
 * nn_vis's cell attractiveness f(D) = ‖D‖·(Σ v_c·D_c/‖D‖ − s) = v·D − s·‖D‖ for the C class densities
 * D stored at `grid[offset .. offset+C)` (nn_vis's integer deposits), with nn_vis's arithmetic:
 * - its `getGradientAxis` sums D_c·D_c in **uint32**, so the sum of squares wraps modulo 2³² once
 *   ‖D‖ reaches 65,536 (common in dense cells: one segment deposits up to ~6,700 per cell). The class
 *   repulsion s·‖D‖ then uses the wrapped norm, which is what keeps nn_vis's samples near their
 *   bundles (reference/nn_vis.md lists this nowhere; docs/deviations.md E14);
 * - an empty cell, or a wrapped sum of exactly 0, divides 0 by 0: NaN, and the NaN gradient leaves
 *   the node or sample where it is (its `strength >= 0` test fails). Callers skip a NaN strength.
 */
export function attractiveness(grid: Float64Array | Float32Array, offset: number, v: Float64Array, C: number, similarity: number): number {
  let dot = 0, sq = 0;
  for (let c = 0; c < C; c++) {
    const d = grid[offset + c] ?? 0;
    dot += (v[c] ?? 0) * d;
    const u = d >>> 0;
    sq = (sq + (imul(u, u) >>> 0)) >>> 0;
  }
  return sq > 0 ? dot - similarity * sqrt(sq) : NaN;
}
