/**
 * Render on demand: frames run only when something asked for one, or while the frame callback
 * says it keeps moving (auto-rotation). No permanent animation loop.
 */

/** Called once per frame with the seconds since the previous frame (0 on the first); returns true to keep running. */
export type FrameCallback = (dtSeconds: number) => boolean;

/** A requestAnimationFrame loop that runs only when requested or while the callback asks for more. */
export class FrameLoop {
  private handle: number | null = null;
  private last: number | null = null;
  private disposed = false;

  constructor(private readonly onFrame: FrameCallback) {}

  /** Schedules one frame (several requests before it runs give one frame). */
  request(): void {
    if (this.handle !== null || this.disposed) return;
    this.handle = requestAnimationFrame((now) => this.run(now));
  }

  private run(now: number): void {
    this.handle = null;
    const dt = this.last === null ? 0 : Math.min((now - this.last) / 1000, 0.1);
    const more = this.onFrame(dt);
    if (more) {
      this.last = now;
      this.request();
    } else {
      this.last = null;
    }
  }

  /** Cancels a pending frame; no frame runs afterwards. */
  dispose(): void {
    this.disposed = true;
    if (this.handle !== null) cancelAnimationFrame(this.handle);
    this.handle = null;
  }
}
