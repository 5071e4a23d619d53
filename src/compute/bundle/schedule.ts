/**
 * nn_vis's derived sizes and its shrinking-bandwidth schedule (processing/advection_process.py):
 * bandwidth bw_k = bw_0·red^k, class-similarity threshold s_k, and the level count (a phase stops
 * once bw_k < 2·cell). Both engines run exactly these levels.
 */
import type { ProcessingParams } from '../types';
import {
  CELLS_PER_SAMPLE_LENGTH,
  INITIAL_EDGE_BANDWIDTH_FACTOR,
  INITIAL_NODE_BANDWIDTH_FACTOR,
  MAX_LEVELS,
  SMOOTHING_RADIUS_PERCENT,
  STOP_LIMIT_CELLS,
} from './constants';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { floor, max, pow, sqrt } = Math;

/** Lengths derived from `layerWidth` and `samplingRate`, in world units. */
export interface BundleSizes {
  /** Resampling spacing: layerWidth / samplingRate (0.0667 at the defaults). */
  readonly sampleLength: number;
  /** nn_vis grid cell edge: sampleLength / 3 (0.0222). */
  readonly cellSize: number;
  /** A phase stops when the bandwidth falls below this: 2·cellSize (0.0444). */
  readonly limit: number;
}

/** Derived sizes, computed in the same order as nn_vis so that grid counts match bit for bit. */
export function bundleSizes(params: Pick<ProcessingParams, 'layerWidth' | 'samplingRate'>): BundleSizes {
  const sampleLength = params.layerWidth / params.samplingRate;
  const cellSize = sampleLength / CELLS_PER_SAMPLE_LENGTH;
  return { sampleLength, cellSize, limit: cellSize * STOP_LIMIT_CELLS };
}

/** The per-level bandwidth and similarity threshold of one phase. */
export interface BandwidthSchedule {
  /** Number of levels the phase runs. */
  readonly levels: number;
  /** bw_k for k = 0 .. levels−1, world units. */
  readonly bandwidths: Float64Array;
  /** s_k for k = 0 .. levels−1 (0 on the first level, rising towards 1). */
  readonly similarities: Float64Array;
  /** red^(k+1) for k = 0 .. levels−1: the factor nn_vis's smoothing window uses after level k. */
  readonly reductionsAfter: Float64Array;
}

/**
 * nn_vis AdvectionProgress: level k runs with bw_k = bw0·red^k and s_k; the phase ends after the first
 * level whose successor bandwidth is below `limit`. Throws a RangeError when the schedule would exceed
 * MAX_LEVELS (or never end).
 */
export function bandwidthSchedule(initial: number, reduction: number, limit: number, name: string): BandwidthSchedule {
  if (!(initial > 0) || !(reduction > 0 && reduction < 1) || !(limit > 0)) {
    throw new RangeError(`${name}: bandwidth schedule needs initial > 0, 0 < reduction < 1 and limit > 0`);
  }
  let levels = 0;
  // nn_vis iterates (bw_k ≥ limit) and stops when the next bandwidth falls below the limit.
  while (initial * pow(reduction, levels) >= limit) {
    levels += 1;
    if (levels > MAX_LEVELS) {
      throw new RangeError(`${name} ${reduction} needs more than ${MAX_LEVELS} bandwidth levels; use a smaller value`);
    }
  }
  // nn_vis runs at least one level even if bw_0 is already below the limit.
  levels = max(levels, 1);
  const bandwidths = new Float64Array(levels);
  const similarities = new Float64Array(levels);
  const reductionsAfter = new Float64Array(levels);
  for (let k = 0; k < levels; k++) {
    const bw = initial * pow(reduction, k);
    bandwidths[k] = bw;
    similarities[k] = k === 0 ? 0 : sqrt(max(1 - (bw - limit) / (initial - limit), 0));
    reductionsAfter[k] = pow(reduction, k + 1);
  }
  return { levels, bandwidths, similarities, reductionsAfter };
}

/** Node-phase schedule: bw_0 = 0.75·layerWidth, reduced by `nodeBandwidthReduction` (56 levels at the defaults). */
export function nodeSchedule(params: ProcessingParams): BandwidthSchedule {
  const { limit } = bundleSizes(params);
  return bandwidthSchedule(INITIAL_NODE_BANDWIDTH_FACTOR * params.layerWidth, params.nodeBandwidthReduction, limit, 'node_bandwidth_reduction');
}

/** Edge-phase schedule: bw_0 = 0.5·layerWidth, reduced by `edgeBandwidthReduction` (23 levels at the defaults). */
export function edgeSchedule(params: ProcessingParams): BandwidthSchedule {
  const { limit } = bundleSizes(params);
  return bandwidthSchedule(INITIAL_EDGE_BANDWIDTH_FACTOR * params.layerWidth, params.edgeBandwidthReduction, limit, 'edge_bandwidth_reduction');
}

/**
 * nn_vis sample_smooth.comp window: R = max(⌊samples·8·red^(k+1)/100⌋, 1) neighbours on each side,
 * where `samples` counts an edge's points including both end points.
 */
export function smoothingRadius(samples: number, reductionAfter: number): number {
  return max(floor((samples * SMOOTHING_RADIUS_PERCENT * reductionAfter) / 100), 1);
}
