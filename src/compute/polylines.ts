/**
 * The flat polyline layout shared by sampling, resampling, bundling and rendering: one point
 * array for all edges and per-edge offsets, no padded slots (unlike nn_vis's fixed
 * `max_sample_points` slots per edge).
 */

/**
 * Polylines in flat form. Offsets count points, not floats: polyline k is points
 * `pointOffsets[k] .. pointOffsets[k+1] − 1`, and point j is `points[3j .. 3j+2]`.
 */
export interface Polylines {
  /** xyz per point, at least `pointOffsets[K]·3` floats (a buffer may be longer than used). */
  readonly points: Float32Array;
  /** K+1 ascending point offsets, starting at 0. */
  readonly pointOffsets: Int32Array;
}

/**
 * Most polyline points one job may allocate (2^24 points = 192 MB of xyz): beyond it a worker
 * would run out of memory, so sampling refuses with a message instead.
 */
export const MAX_TOTAL_POINTS = 1 << 24;

/** Throws a RangeError that says what to change when `points` exceeds `MAX_TOTAL_POINTS`. */
export function checkPointBudget(points: number): void {
  if (points > MAX_TOTAL_POINTS) {
    throw new RangeError(
      `edge sampling needs ${points} polyline points, more than the ${MAX_TOTAL_POINTS} a worker can hold; ` +
        'lower samplingRate, raise prunePercentage, or lower layerDistance relative to layerWidth',
    );
  }
}

/** An exact-size copy (fresh buffers, nothing shared with `src`, safe to transfer). */
export function copyPolylines(src: Polylines): { points: Float32Array; pointOffsets: Int32Array } {
  const used = src.pointOffsets[src.pointOffsets.length - 1]! * 3;
  return { points: src.points.slice(0, used), pointOffsets: src.pointOffsets.slice() };
}
