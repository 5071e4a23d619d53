/**
 * nn_vis's Laplacian smoothing (edge/sample_smooth.comp): each interior point becomes the plain mean
 * of the points within ±R slots, the window clipped to its own edge (each end point counted once);
 * passes are Jacobi style (every pass reads the previous pass's float32 points). End points never move.
 */
import type { Polylines } from '../polylines';
import { smoothingRadius } from './schedule';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { fround, min } = Math;

/** Scratch space for smoothing; grows on demand, reuse one per engine. */
export class SmoothScratch {
  /** Previous pass's coordinates, float64, 3 per point. */
  prev = new Float64Array(3 * 128);

  /** Makes room for `points` points. */
  ensure(points: number): Float64Array {
    if (this.prev.length < points * 3) this.prev = new Float64Array(points * 3 * 2);
    return this.prev;
  }
}

/**
 * Smooths one polyline in place: points[first .. first+n) (in points), `passes` Jacobi passes with
 * window radius `radius`. Does nothing for fewer than 3 points.
 */
export function smoothPolyline(points: Float32Array, first: number, n: number, radius: number, passes: number, scratch: SmoothScratch): void {
  if (n < 3 || passes <= 0) return;
  if (radius === 1) {
    smoothThree(points, first * 3, n, passes);
    return;
  }
  const prev = scratch.ensure(n);
  const base = first * 3;
  const last = n - 1;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n * 3; i++) prev[i] = points[base + i]!;
    // Sliding window sum over prev[lo..hi] with lo = max(0, j−R), hi = min(n−1, j+R), starting at j = 1.
    let sx = 0, sy = 0, sz = 0;
    let hi = min(last, 1 + radius);
    for (let k = 0; k <= hi; k++) { sx += prev[k * 3]!; sy += prev[k * 3 + 1]!; sz += prev[k * 3 + 2]!; }
    let lo = 0;
    for (let j = 1; j < last; j++) {
      if (j > 1) {
        const nextHi = j + radius;
        if (nextHi <= last) { hi = nextHi; sx += prev[hi * 3]!; sy += prev[hi * 3 + 1]!; sz += prev[hi * 3 + 2]!; }
        const drop = j - radius - 1;
        if (drop >= 0) { lo = drop + 1; sx -= prev[drop * 3]!; sy -= prev[drop * 3 + 1]!; sz -= prev[drop * 3 + 2]!; }
      }
      const inv = 1 / (hi - lo + 1);
      const o = base + j * 3;
      points[o] = sx * inv; points[o + 1] = sy * inv; points[o + 2] = sz * inv;
    }
  }
}

/** The common window R = 1 (a 3-point mean) without copies: keep the old left neighbour in registers. */
function smoothThree(points: Float32Array, base: number, n: number, passes: number): void {
  const end = base + (n - 1) * 3;
  for (let pass = 0; pass < passes; pass++) {
    let px = points[base]!, py = points[base + 1]!, pz = points[base + 2]!;
    for (let o = base + 3; o < end; o += 3) {
      const cx = points[o]!, cy = points[o + 1]!, cz = points[o + 2]!;
      points[o] = (px + cx + points[o + 3]!) / 3;
      points[o + 1] = (py + cy + points[o + 4]!) / 3;
      points[o + 2] = (pz + cz + points[o + 5]!) / 3;
      px = cx; py = cy; pz = cz;
    }
  }
}

/** 1/3 rounded to float32: the fast engine multiplies by it (a SIMD division costs ~4× a product). */
const THIRD32 = fround(1 / 3);

/**
 * `smoothThree` in float32 (the fast engine's, equal to its WASM kernel's f32x4 lanes): each interior
 * point of points[first .. first+n) becomes ((left + self) + right) · fround(1/3), every operation
 * rounded to float32 (within one float32 ulp of the quotient by 3; nn_vis's GPU division is not
 * correctly rounded either).
 */
export function smoothThree32(points: Float32Array, first: number, n: number, passes: number): void {
  if (n < 3) return;
  const base = first * 3, end = base + (n - 1) * 3;
  for (let pass = 0; pass < passes; pass++) {
    let px = points[base]!, py = points[base + 1]!, pz = points[base + 2]!;
    for (let o = base + 3; o < end; o += 3) {
      const cx = points[o]!, cy = points[o + 1]!, cz = points[o + 2]!;
      // The sums are rounded by fround, the product (exact in float64) by the float32 store.
      points[o] = fround(fround(px + cx) + points[o + 3]!) * THIRD32;
      points[o + 1] = fround(fround(py + cy) + points[o + 4]!) * THIRD32;
      points[o + 2] = fround(fround(pz + cz) + points[o + 5]!) * THIRD32;
      px = cx; py = cy; pz = cz;
    }
  }
}

/**
 * Smooths every polyline of a set in place with nn_vis's window for its own point count:
 * R = max(⌊n·8·reductionAfter/100⌋, 1), `passes` passes.
 */
export function smoothPolylines(lines: Polylines, passes: number, reductionAfter: number, scratch: SmoothScratch): void {
  const offsets = lines.pointOffsets;
  for (let e = 0; e + 1 < offsets.length; e++) {
    const first = offsets[e]!, n = offsets[e + 1]! - first;
    smoothPolyline(lines.points, first, n, smoothingRadius(n, reductionAfter), passes, scratch);
  }
}
