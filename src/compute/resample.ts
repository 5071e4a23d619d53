/**
 * Resampling, nn_vis `edge_sample.comp` (reference/nn_vis.md §7.3 step 1): walk each polyline and
 * emit points about `sample_length` apart, then fix up the tail. The bundling engine calls it
 * before every edge level and once at the end. Pure: reads one flat buffer, writes another.
 */
import { RESAMPLE_RESERVED_SLOTS, RESAMPLE_TOLERANCE, TAIL_DROP_FRACTION, TAIL_MIDPOINT_FRACTION } from './geometry-constants';
import type { Polylines } from './polylines';

const { fround } = Math;

function distance(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  const dz = az - bz;
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * Most points `resamplePolyline` writes for one polyline: max(2, maxPoints − 2), since emission
 * stops at slot maxPoints − 3 and the end point follows.
 */
export function resampledPointsBound(maxPoints: number): number {
  return Math.max(2, maxPoints - 2);
}

/**
 * Resamples one polyline from `src` into `dst` and returns the number of points written.
 *
 * As nn_vis: spacing is measured as the straight distance from the last emitted point, the new
 * point found by interpolating that distance linearly along the current input segment; a point is
 * emitted while the next input point is ≥ 0.99·sample_length away; emission stops after
 * maxPoints − 3 points (the edge then jumps to its end). Tail rule: a last emitted point closer
 * than 0.3·sample_length to the end point is dropped; closer than 0.7·sample_length it is replaced
 * by the midpoint of its predecessor and the end point. The end point is always written last, and
 * first and last points are copied bit for bit.
 *
 * Deviation: the start point is never dropped by the tail rule, so an edge shorter than
 * 0.3·sample_length stays [start, end] (nn_vis collapses it to a single point).
 *
 * @param src       xyz points; the polyline is points `srcFirst .. srcFirst + srcCount − 1` (srcCount ≥ 2)
 * @param sampleLen target spacing (world units, > 0)
 * @param maxPoints nn_vis `max_sample_points` (see `maxSamplePoints`)
 * @param dst       output xyz buffer with room for `resampledPointsBound(maxPoints)` points at `dstFirst`;
 *                  must not overlap the source polyline
 */
export function resamplePolyline(
  src: Float32Array,
  srcFirst: number,
  srcCount: number,
  sampleLen: number,
  maxPoints: number,
  dst: Float32Array,
  dstFirst: number,
): number {
  const limit = maxPoints - RESAMPLE_RESERVED_SLOTS;
  const emitAt = RESAMPLE_TOLERANCE * sampleLen;
  const s0 = 3 * srcFirst;
  const sz = 3 * (srcFirst + srcCount - 1);
  let out = 3 * dstFirst;
  dst[out] = src[s0]!;
  dst[out + 1] = src[s0 + 1]!;
  dst[out + 2] = src[s0 + 2]!;
  let written = 1;
  // Last emitted point, the one before it, and the walk's last visited position (point or emission).
  let lx = src[s0]!, ly = src[s0 + 1]!, lz = src[s0 + 2]!;
  let px = lx, py = ly, pz = lz;
  let cx = lx, cy = ly, cz = lz;
  let dChecked = 0;
  for (let j = 1; j < srcCount && written < limit; j++) {
    const at = s0 + 3 * j;
    const nx = src[at]!, ny = src[at + 1]!, nz = src[at + 2]!;
    let dNext = distance(nx, ny, nz, lx, ly, lz);
    while (dNext >= emitAt && written < limit) {
      // Where the distance from the last emission, taken as linear along checked→next, reaches sampleLen.
      const span = dNext - dChecked;
      let t = span > 0 ? (sampleLen - dChecked) / span : 1;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      px = lx; py = ly; pz = lz;
      out += 3;
      dst[out] = cx + (nx - cx) * t;
      dst[out + 1] = cy + (ny - cy) * t;
      dst[out + 2] = cz + (nz - cz) * t;
      // nn_vis walks on from the float32 point it stored.
      lx = dst[out]!; ly = dst[out + 1]!; lz = dst[out + 2]!;
      written++;
      dNext = distance(nx, ny, nz, lx, ly, lz);
      cx = lx; cy = ly; cz = lz;
      dChecked = 0;
    }
    cx = nx; cy = ny; cz = nz;
    dChecked = dNext;
  }
  return finishTail(src, sz, dst, out, written, lx, ly, lz, px, py, pz, sampleLen);
}

/**
 * The tail rule and the end point (src[sz..sz+2]) after `written` points, the last at dst[out..]:
 * `l` is that point, `p` the one before it. Returns the polyline's point count.
 */
function finishTail(
  src: Float32Array, sz: number, dst: Float32Array, out: number, written: number,
  lx: number, ly: number, lz: number, px: number, py: number, pz: number, sampleLen: number,
): number {
  const ex = src[sz]!, ey = src[sz + 1]!, ez = src[sz + 2]!;
  if (written > 1) {
    const dEnd = distance(ex, ey, ez, lx, ly, lz);
    if (dEnd < TAIL_DROP_FRACTION * sampleLen) {
      out -= 3;
      written--;
    } else if (dEnd < TAIL_MIDPOINT_FRACTION * sampleLen) {
      dst[out] = (px + ex) / 2;
      dst[out + 1] = (py + ey) / 2;
      dst[out + 2] = (pz + ez) / 2;
    }
  }
  out += 3;
  dst[out] = ex;
  dst[out + 1] = ey;
  dst[out + 2] = ez;
  return written + 1;
}

/** `distance` in float32: every operation rounded as a float32 lane would. */
function distance32(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = fround(ax - bx), dy = fround(ay - by), dz = fround(az - bz);
  return fround(Math.sqrt(fround(fround(fround(dx * dx) + fround(dy * dy)) + fround(dz * dz))));
}

/**
 * `resamplePolyline` with the walk in float32 (the fast engine's WASM kernel walks four polylines at
 * once in float32 lanes, edge-kernels.as `resampleQuad`; this gives its bytes): the same rules, every
 * distance, ratio and interpolation rounded to float32. The tail rule is `resamplePolyline`'s. The
 * walk is written out twice on purpose: one walk with a rounding function as a parameter made the
 * float64 resample 6× slower in V8 (13 → 86 ms over 784-81-49-10's straight lines).
 */
export function resamplePolyline32(
  src: Float32Array, srcFirst: number, srcCount: number, sampleLen: number, maxPoints: number, dst: Float32Array, dstFirst: number,
): number {
  const limit = maxPoints - RESAMPLE_RESERVED_SLOTS;
  const length = fround(sampleLen), emitAt = fround(RESAMPLE_TOLERANCE * sampleLen);
  const s0 = 3 * srcFirst, sz = 3 * (srcFirst + srcCount - 1);
  let out = 3 * dstFirst;
  dst[out] = src[s0]!;
  dst[out + 1] = src[s0 + 1]!;
  dst[out + 2] = src[s0 + 2]!;
  let written = 1;
  let lx = src[s0]!, ly = src[s0 + 1]!, lz = src[s0 + 2]!;
  let px = lx, py = ly, pz = lz;
  let cx = lx, cy = ly, cz = lz;
  let dChecked = 0;
  for (let j = 1; j < srcCount && written < limit; j++) {
    const at = s0 + 3 * j;
    const nx = src[at]!, ny = src[at + 1]!, nz = src[at + 2]!;
    let dNext = distance32(nx, ny, nz, lx, ly, lz);
    while (dNext >= emitAt && written < limit) {
      const span = fround(dNext - dChecked);
      let t = span > 0 ? fround(fround(length - dChecked) / span) : 1;
      t = t < 0 ? 0 : 1 < t ? 1 : t;
      px = lx; py = ly; pz = lz;
      lx = fround(cx + fround(fround(nx - cx) * t));
      ly = fround(cy + fround(fround(ny - cy) * t));
      lz = fround(cz + fround(fround(nz - cz) * t));
      out += 3;
      dst[out] = lx;
      dst[out + 1] = ly;
      dst[out + 2] = lz;
      written++;
      dNext = distance32(nx, ny, nz, lx, ly, lz);
      cx = lx; cy = ly; cz = lz;
      dChecked = 0;
    }
    cx = nx; cy = ny; cz = nz;
    dChecked = dNext;
  }
  return finishTail(src, sz, dst, out, written, lx, ly, lz, px, py, pz, sampleLen);
}

/**
 * Resamples every polyline of `src` into `dst` (flat layout), polyline by polyline.
 *
 * @param dst caller-owned buffers: `pointOffsets` with room for K+1 offsets (overwritten) and
 *            `points` with room for K·`resampledPointsBound(maxPoints)` points; not overlapping `src`
 * @returns the number of points written (= `dst.pointOffsets[K]`)
 * @throws RangeError when a `dst` buffer is too small
 */
export function resamplePolylines(src: Polylines, sampleLen: number, maxPoints: number, dst: Polylines): number {
  const count = src.pointOffsets.length - 1;
  const need = count * resampledPointsBound(maxPoints) * 3;
  if (dst.pointOffsets.length < count + 1) {
    throw new RangeError(`resamplePolylines: dst.pointOffsets holds ${dst.pointOffsets.length} offsets, needs ${count + 1}`);
  }
  if (dst.points.length < need) {
    throw new RangeError(`resamplePolylines: dst.points holds ${dst.points.length} floats, needs ${need}`);
  }
  const offsets = dst.pointOffsets;
  offsets[0] = 0;
  for (let k = 0; k < count; k++) {
    const first = src.pointOffsets[k]!;
    const written = resamplePolyline(src.points, first, src.pointOffsets[k + 1]! - first, sampleLen, maxPoints, dst.points, offsets[k]!);
    offsets[k + 1] = offsets[k]! + written;
  }
  return offsets[count]!;
}
