/**
 * Frames for software WebGL (reference/performance.md §4). nn_vis's ellipsoids cover many pixels
 * each (784-81-49-10 at 90 % pruning: ~55 million fragments at 1024×768), far more than a CPU
 * rasteriser draws in one animation frame. So:
 * - full quality in slices: because nn_vis's transparency blends with MIN (light) or MAX (dark),
 *   a picture may be drawn in any number of parts into one target without clearing in between,
 *   with exactly the same result. Each slice of segments is drawn in its own animation frame into
 *   an offscreen target, which replaces the visible picture once complete: the page stays
 *   responsive and the camera can move at any time;
 * - while the camera moves: coarse lines at a resolution scaled to the frame budget;
 * - the cost model that decides between them, from measured frame times.
 */
import type { WebGLRenderTarget } from 'three';
import type { SharedRenderer } from './shared-renderer';

/** Target time of one frame while the camera moves or a picture refines, ms. */
export const FRAME_BUDGET_MS = 60;
/** The camera counts as still this long after its last change, ms. */
export const SETTLE_MS = 200;
/** Lowest resolution factor while moving: below it the picture is too blurred to steer by. */
export const MIN_MOVING_SCALE = 0.35;
// First guess before anything was measured: ~1.6 s for 72k ellipsoid segments, measured.
const INITIAL_MS_PER_SEGMENT = 0.025;
// Weight of the newest measurement in the running estimates.
const SMOOTHING = 0.5;

/** A range of segments in draw order: [start, end). */
export type SegmentSlice = readonly [start: number, end: number];

/** Running estimates of frame costs: full quality per segment, and the moving frame's scale. */
export class FrameCost {
  private msPerSegment = INITIAL_MS_PER_SEGMENT;
  private scale = 1;

  /** Records that drawing `segments` segments at full quality took `ms` (nodes and overheads included). */
  record(segments: number, ms: number): void {
    if (!(ms >= 0) || segments <= 0) return;
    this.msPerSegment = SMOOTHING * (ms / segments) + (1 - SMOOTHING) * this.msPerSegment;
  }

  /** Estimated time of a full-quality frame of `segments` segments, ms. */
  estimate(segments: number): number {
    return this.msPerSegment * segments;
  }

  /** How many segments fit in one frame of FRAME_BUDGET_MS (at least 1). */
  segmentsPerFrame(): number {
    return Math.max(1, Math.floor(FRAME_BUDGET_MS / this.msPerSegment));
  }

  /** Resolution factor of moving frames, in [MIN_MOVING_SCALE, 1]. */
  get movingScale(): number {
    return this.scale;
  }

  /**
   * Records that a moving frame at the current scale took `ms`, and rescales the next ones: their
   * cost is mostly per pixel (lines, node sprites, clearing), i.e. proportional to scale².
   */
  recordMoving(ms: number): void {
    if (!(ms > 0)) return;
    const wanted = this.scale * Math.sqrt(FRAME_BUDGET_MS / ms);
    this.scale = Math.min(1, Math.max(MIN_MOVING_SCALE, SMOOTHING * wanted + (1 - SMOOTHING) * this.scale));
  }
}

/** The offscreen picture being built slice by slice, in a render target of the shared context. */
export class ProgressiveFrame {
  private target: WebGLRenderTarget | null = null;
  private next = 0;
  private total = 0;
  private running = false;

  /** Whether a picture is being built. */
  get active(): boolean {
    return this.running;
  }

  /**
   * Starts a picture of `width`×`height` pixels over `segments` segments (drops any picture in
   * progress).
   *
   * @throws RenderSizeError when the size exceeds the context's limits
   */
  start(shared: SharedRenderer, width: number, height: number, segments: number): void {
    if (!this.target || this.target.width !== width || this.target.height !== height) {
      this.target?.dispose();
      this.target = shared.createTarget(width, height);
    }
    this.next = 0;
    this.total = segments;
    this.running = true;
  }

  /** Drops the picture in progress. */
  cancel(): void {
    this.running = false;
  }

  /** The next slice of at most `count` segments (the one after it may be empty: `complete`). */
  nextSlice(count: number): SegmentSlice {
    const start = this.next;
    const end = Math.min(this.total, start + Math.max(1, count));
    this.next = end;
    return [start, end];
  }

  /** Whether every segment has been drawn. */
  get complete(): boolean {
    return this.next >= this.total;
  }

  /** The target the slices are drawn into (null before `start`). */
  get renderTarget(): WebGLRenderTarget | null {
    return this.target;
  }

  /** Copies the finished picture onto `ctx` (device pixels) and ends the build. */
  present(shared: SharedRenderer, ctx: CanvasRenderingContext2D): void {
    const target = this.target;
    this.running = false;
    if (!target) return;
    const pixels = shared.readTarget(target);
    const image = ctx.createImageData(target.width, target.height);
    image.data.set(pixels);
    ctx.putImageData(image, 0, 0);
  }

  /** Frees the render target. */
  dispose(): void {
    this.running = false;
    this.target?.dispose();
    this.target = null;
  }
}
