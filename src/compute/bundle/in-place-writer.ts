/**
 * Writes a level's resampled points back over the polyline buffer they were read from, chunk by chunk,
 * so the WASM path of `FastEdgeGap` needs one point buffer instead of two (−12 bytes per point at the
 * peak). A chunk's output may only overwrite input that has already been copied out (staged); output
 * that does not fit yet waits in a spill array (normally empty: a level adds a few % of points, less
 * than a chunk) and is written as the staged front advances.
 */
import type { PolylineBuffer } from './polyline-buffer';

/** Ordered in-place writer into `target.points` from point 0 on. */
export class InPlaceWriter {
  /** Points written into the target so far. */
  written = 0;
  private spill = new Float32Array(0);
  private spillStart = 0;
  private spillEnd = 0;

  constructor(readonly target: PolylineBuffer) {}

  /** Starts a new pass over the same target from point 0, keeping the spill array (no garbage per level). */
  reset(): void {
    this.written = 0;
    this.spillStart = this.spillEnd = 0;
  }

  /**
   * Appends `xyz` (3 floats per point) after everything appended before; `staged` is the number of
   * leading input points already copied out, i.e. the end of the region that may be overwritten.
   */
  push(xyz: Float32Array, staged: number): void {
    let from = 0;
    if (this.spillEnd === this.spillStart) {
      const direct = Math.max(0, Math.min(xyz.length / 3, staged - this.written));
      this.target.points.set(xyz.subarray(0, direct * 3), this.written * 3);
      this.written += direct;
      from = direct * 3;
    }
    if (from < xyz.length) {
      // Short of room, move what still waits to the front before growing: the spill holds the
      // backlog, not the level's history (amortised: at most one move per growth-sized append).
      if (this.spillStart > 0 && this.spillEnd + xyz.length - from > this.spill.length) {
        this.spill.copyWithin(0, this.spillStart, this.spillEnd);
        this.spillEnd -= this.spillStart;
        this.spillStart = 0;
      }
      const need = this.spillEnd + xyz.length - from;
      if (this.spill.length < need) {
        const grown = new Float32Array(Math.ceil(need * 1.5));
        grown.set(this.spill.subarray(0, this.spillEnd));
        this.spill = grown;
      }
      this.spill.set(xyz.subarray(from), this.spillEnd);
      this.spillEnd += xyz.length - from;
    }
    this.flush(staged);
  }

  /** Writes waiting points while they fit below `staged`. */
  flush(staged: number): void {
    const count = Math.min((this.spillEnd - this.spillStart) / 3, staged - this.written);
    if (count <= 0) return;
    this.target.points.set(this.spill.subarray(this.spillStart, this.spillStart + count * 3), this.written * 3);
    this.written += count;
    this.spillStart += count * 3;
    if (this.spillStart === this.spillEnd) this.spillStart = this.spillEnd = 0;
  }

  /** After the last chunk (all input staged): grows the target if needed and writes everything left. */
  finish(): void {
    const left = (this.spillEnd - this.spillStart) / 3;
    this.target.reserve(this.written + left, this.written);
    this.flush(this.written + left);
  }
}
