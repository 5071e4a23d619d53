/**
 * Sizes derived from the processing parameters and the constants nn_vis hard-codes
 * (reference/nn_vis.md §2.4, §7.1) that sampling and resampling use, under nn_vis's names.
 * (The bundling engines' own constants live in compute/bundle/constants.ts.)
 */
import type { ProcessingParams } from './types';

/** nn_vis `sample_length` = layer_width / sampling_rate: polyline point spacing (0.0667 at defaults). */
export function sampleLength(p: Pick<ProcessingParams, 'layerWidth' | 'samplingRate'>): number {
  return p.layerWidth / p.samplingRate;
}

/**
 * nn_vis `max_sample_points` = ⌊5 · d_max / sample_length⌋ + 2 (processing/edge_processing.py):
 * the per-edge slot count, where d_max is the longest distance between nodes of adjacent layers.
 * Resampling never writes more than `maxSamplePoints − 2` points per edge (see resample.ts), so a
 * buffer of that many points per edge always suffices. 104 for 784-81-49-10 at the defaults.
 *
 * @param dMax         longest adjacent-layer node distance (world units), see `maxAdjacentDistance`
 * @param sampleLen    `sampleLength(params)`
 */
export function maxSamplePoints(dMax: number, sampleLen: number): number {
  return Math.floor((MAX_SAMPLE_LENGTH_FACTOR * dMax) / sampleLen) + 2;
}

/** nn_vis: edges may grow to 5× the longest straight edge before resampling truncates them. */
export const MAX_SAMPLE_LENGTH_FACTOR = 5;

/**
 * nn_vis `generate_max_distance`: the longest distance between any node of layer l and any node
 * of layer l+1 (all pairs, pruned or not), over all gaps.
 *
 * @param layerOffsets `NetworkArrays.layerOffsets`
 * @param positions    N·3 node positions
 */
export function maxAdjacentDistance(layerOffsets: Int32Array, positions: Float32Array): number {
  let best = 0;
  for (let l = 0; l + 2 < layerOffsets.length; l++) {
    const aEnd = layerOffsets[l + 1]!;
    const bEnd = layerOffsets[l + 2]!;
    for (let a = layerOffsets[l]!; a < aEnd; a++) {
      const ax = positions[3 * a]!;
      const ay = positions[3 * a + 1]!;
      const az = positions[3 * a + 2]!;
      for (let b = aEnd; b < bEnd; b++) {
        const dx = positions[3 * b]! - ax;
        const dy = positions[3 * b + 1]! - ay;
        const dz = positions[3 * b + 2]! - az;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > best) best = d2;
      }
    }
  }
  return Math.sqrt(best);
}

/** nn_vis `edge_sample.comp`: a new point is emitted once the walk is ≥ 0.99 · spacing away. */
export const RESAMPLE_TOLERANCE = 0.99;
/** nn_vis `edge_sample.comp` tail rule: a last point closer than 0.3 · sample_length to the end is dropped. */
export const TAIL_DROP_FRACTION = 0.3;
/** nn_vis `edge_sample.comp` tail rule: closer than 0.7 · sample_length, it becomes the midpoint of its predecessor and the end. */
export const TAIL_MIDPOINT_FRACTION = 0.7;
/** nn_vis `edge_sample.comp`: resampling stops emitting at slot max_sample_points − 3. */
export const RESAMPLE_RESERVED_SLOTS = 3;
