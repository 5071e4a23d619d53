/**
 * A growable polyline set the engines resample into, level after level. Unlike
 * compute/resample.ts `resamplePolylines` (which needs K·(max_sample_points − 2) points of room,
 * ~290 MB for 784-256-128-10), it grows with the points actually written.
 */
import type { Polylines } from '../polylines';
import { resamplePolyline, resampledPointsBound } from '../resample';

/** Polylines with spare capacity; `points` is replaced on growth, so re-read it after writing. */
export class PolylineBuffer implements Polylines {
  /** xyz per point; capacity may exceed the used length `pointOffsets[count]`. */
  points: Float32Array;
  /** count+1 point offsets. */
  readonly pointOffsets: Int32Array;

  /** `count` polylines, initial room for `pointCapacity` points. */
  constructor(count: number, pointCapacity: number) {
    this.points = new Float32Array(Math.max(pointCapacity, 2) * 3);
    this.pointOffsets = new Int32Array(count + 1);
  }

  /** Number of polylines. */
  get count(): number {
    return this.pointOffsets.length - 1;
  }

  /** Makes room for `points` points, keeping the first `keep`. */
  reserve(points: number, keep: number): void {
    if (points * 3 <= this.points.length) return;
    const grown = new Float32Array(Math.ceil(points * 1.25) * 3);
    grown.set(this.points.subarray(0, keep * 3));
    this.points = grown;
  }

  /** Trimmed copies of the used points and the offsets. */
  toPolylines(): Polylines {
    const used = this.pointOffsets[this.pointOffsets.length - 1]!;
    return { points: this.points.slice(0, used * 3), pointOffsets: this.pointOffsets.slice() };
  }
}

/**
 * Resamples every polyline of `src` into `dst` (same count) with nn_vis's rule (compute/resample.ts),
 * growing `dst` as needed. Returns the number of points written.
 */
export function resampleInto(src: Polylines, dst: PolylineBuffer, sampleLength: number, maxPoints: number): number {
  const count = src.pointOffsets.length - 1;
  const bound = resampledPointsBound(maxPoints);
  let cursor = 0;
  dst.pointOffsets[0] = 0;
  for (let e = 0; e < count; e++) {
    dst.reserve(cursor + bound, cursor);
    const first = src.pointOffsets[e]!;
    cursor += resamplePolyline(src.points, first, src.pointOffsets[e + 1]! - first, sampleLength, maxPoints, dst.points, cursor);
    dst.pointOffsets[e + 1] = cursor;
  }
  return cursor;
}
