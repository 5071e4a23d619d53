/**
 * When and how a view draws (render on demand, reference/performance.md §4): a changed picture is
 * drawn at the next animation frame; while the camera moves, frames use the level of detail when
 * full quality does not fit the frame budget; once the camera is still, the full-quality picture
 * is drawn at once when it fits, else previewed and then built in slices (progressive-frame.ts).
 * Costs are measured as frames are drawn, so a machine with a GPU always gets full quality.
 */
import type { WebGLRenderTarget } from 'three';
import { FrameLoop } from './frame-loop';
import { FRAME_BUDGET_MS, FrameCost, ProgressiveFrame, SETTLE_MS, type SegmentSlice } from './progressive-frame';
import type { SharedRenderer } from './shared-renderer';

/** What the scheduler asks of the view it schedules. */
export interface FramePainter {
  /** Advances the camera animation by `dt` seconds; true while it keeps moving (auto-rotation). */
  tick(dt: number): boolean;
  /** Segments a full-quality frame draws (0 when edges are not drawn). */
  segments(): number;
  /** Whether every drawn layer blends with MIN/MAX, so a full frame may be drawn in slices. */
  sliceable(): boolean;
  /** The visible canvas (device pixels). */
  readonly canvas: HTMLCanvasElement;
  /** Its 2D context. */
  readonly context: CanvasRenderingContext2D;
  /** Draws a frame onto the visible canvas: the level of detail at `scale` when `moving`; false when nothing could be drawn. */
  drawFrame(moving: boolean, scale: number): boolean;
  /** Draws `slice` into `target` (cleared first for the first slice), the nodes with the `last`; false on a lost context. */
  drawSlice(target: WebGLRenderTarget, slice: SegmentSlice, last: boolean): boolean;
  /** A picture reached the visible canvas by other means than `drawFrame` (a finished slice build). */
  shown(): void;
}

/** The frame policy of one view; `dispose` stops it. */
export class FrameScheduler {
  private readonly loop: FrameLoop;
  private readonly cost = new FrameCost();
  private readonly progressive = new ProgressiveFrame();
  private dirty = true;
  private moving = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly shared: SharedRenderer,
    private readonly painter: FramePainter,
  ) {
    this.loop = new FrameLoop((dt) => this.onFrame(dt));
  }

  /** The picture changed: the next frame draws it from scratch (a slice build in progress is stale). */
  invalidate(): void {
    this.dirty = true;
    this.loop.request();
  }

  /** Schedules a frame without invalidating the picture (e.g. to start an animation). */
  request(): void {
    this.loop.request();
  }

  /** The camera moved continuously: draw moving frames until it has been still for SETTLE_MS. */
  markMoving(): void {
    this.moving = true;
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.moving = false;
      this.invalidate();
    }, SETTLE_MS);
    this.loop.request();
  }

  /** Whether a full-quality picture is being built in slices (the canvas shows a preview meanwhile). */
  get refining(): boolean {
    return this.progressive.active;
  }

  /**
   * Draws the still picture now instead of at the next animation frame.
   *
   * @returns false when nothing could be drawn (no size yet, context lost)
   */
  drawNow(): boolean {
    this.dirty = false;
    return this.drawStill();
  }

  /**
   * Draws one frame synchronously and waits for the GPU to finish it (benchmarks): a moving frame
   * (adapting its resolution as during a drag), or every segment at full quality in one pass.
   *
   * @returns milliseconds, or NaN when nothing could be drawn
   */
  timeFrame(moving: boolean): number {
    this.progressive.cancel();
    const start = performance.now();
    if (!(moving ? this.drawMoving() : this.painter.drawFrame(false, 1))) return Number.NaN;
    this.shared.finish();
    return performance.now() - start;
  }

  private onFrame(dt: number): boolean {
    const animating = this.painter.tick(dt);
    if (this.moving) {
      this.progressive.cancel();
      this.dirty = true;
      this.drawMoving();
    } else if (this.dirty) {
      this.dirty = false;
      this.drawStill();
    } else if (this.progressive.active) {
      this.refine();
    }
    return animating || this.progressive.active;
  }

  private fullCost(): number {
    return this.cost.estimate(this.painter.segments());
  }

  // Full quality when it fits the budget, else the level of detail, timed to adapt its resolution.
  private drawMoving(): boolean {
    if (this.fullCost() <= FRAME_BUDGET_MS) return this.painter.drawFrame(false, 1);
    const start = performance.now();
    if (!this.painter.drawFrame(true, this.cost.movingScale)) return false;
    this.shared.finish();
    this.cost.recordMoving(performance.now() - start);
    return true;
  }

  // At once when it fits the budget or cannot be sliced (opaque modes need the depth test across
  // all segments); else the level of detail now and slices from the next frame on.
  private drawStill(): boolean {
    this.progressive.cancel();
    if (!this.painter.sliceable() || this.fullCost() <= FRAME_BUDGET_MS) {
      const start = performance.now();
      if (!this.painter.drawFrame(false, 1)) return false;
      // The GPU works asynchronously; wait for it once per full frame to learn what one costs.
      this.shared.finish();
      this.cost.record(this.painter.segments(), performance.now() - start);
      return true;
    }
    if (!this.painter.drawFrame(true, this.cost.movingScale)) return false;
    this.progressive.start(this.shared, this.painter.canvas.width, this.painter.canvas.height, this.painter.segments());
    this.loop.request();
    return true;
  }

  // One slice into the offscreen target; the finished picture replaces the preview.
  private refine(): void {
    const target = this.progressive.renderTarget;
    if (!target) return;
    const slice = this.progressive.nextSlice(this.cost.segmentsPerFrame());
    const last = this.progressive.complete;
    const start = performance.now();
    if (!this.painter.drawSlice(target, slice, last)) {
      this.progressive.cancel();
      return;
    }
    this.shared.finish();
    this.cost.record(slice[1] - slice[0], performance.now() - start);
    if (last) {
      this.progressive.present(this.shared, this.painter.context);
      this.painter.shown();
    }
  }

  /** Stops drawing and frees the offscreen target. */
  dispose(): void {
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.loop.dispose();
    this.progressive.dispose();
  }
}
