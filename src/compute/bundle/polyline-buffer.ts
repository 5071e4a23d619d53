/**
 * A growable polyline set the engines resample into, level after level. Unlike
 * compute/resample.ts `resamplePolylines` (which needs K·(max_sample_points − 2) points of room,
 * ~290 MB for 784-256-128-10), it grows with the points actually written.
 */
import type { ArrayReuse } from '../array-reuse';
import type { Polylines } from '../polylines';
import { resamplePolyline, resampledPointsBound } from '../resample';

/** Polylines with spare capacity; `points` is replaced on growth, so re-read it after writing. */
export class PolylineBuffer implements Polylines {
  /** xyz per point; capacity may exceed the used length `pointOffsets[count]`. */
  points: Float32Array;
  /** count+1 point offsets. */
  readonly pointOffsets: Int32Array;

  /** Where the arrays come from when they are kept between jobs (else they are new). */
  private readonly reuse: { readonly arrays: ArrayReuse; readonly name: string } | undefined;

  /** `count` polylines, initial room for `pointCapacity` points; with `reuse`, on its arrays `name`.points / `name`.offsets. */
  constructor(count: number, pointCapacity: number, reuse?: { readonly arrays: ArrayReuse; readonly name: string }) {
    this.reuse = reuse;
    const floats = Math.max(pointCapacity, 2) * 3;
    this.points = reuse === undefined ? new Float32Array(floats) : reuse.arrays.float32(`${reuse.name}.points`, floats);
    this.pointOffsets = reuse === undefined ? new Int32Array(count + 1) : reuse.arrays.int32(`${reuse.name}.offsets`, count + 1);
  }

  /** Number of polylines. */
  get count(): number {
    return this.pointOffsets.length - 1;
  }

  /** Makes room for `points` points, keeping the first `keep`. */
  reserve(points: number, keep: number): void {
    if (points * 3 <= this.points.length) return;
    const floats = Math.ceil(points * 1.25) * 3;
    if (this.reuse !== undefined) {
      this.points = this.reuse.arrays.float32(`${this.reuse.name}.points`, floats, keep * 3);
      return;
    }
    const grown = new Float32Array(floats);
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
 * Resamples every polyline of `src` into `dst` with nn_vis's rule (compute/resample.ts), growing `dst`
 * as needed, as polylines `firstLine`, `firstLine` + 1, … of `dst` from point `cursor` on (defaults: all
 * of `dst`, same count). Returns the point cursor after them.
 */
export function resampleInto(src: Polylines, dst: PolylineBuffer, sampleLength: number, maxPoints: number, firstLine = 0, cursor = 0): number {
  const count = src.pointOffsets.length - 1;
  const bound = resampledPointsBound(maxPoints);
  dst.pointOffsets[firstLine] = cursor;
  for (let e = 0; e < count; e++) {
    dst.reserve(cursor + bound, cursor);
    const first = src.pointOffsets[e]!;
    cursor += resamplePolyline(src.points, first, src.pointOffsets[e + 1]! - first, sampleLength, maxPoints, dst.points, cursor);
    dst.pointOffsets[firstLine + e + 1] = cursor;
  }
  return cursor;
}
