/**
 * The visible canvases of one view: a 2D canvas the shared renderer copies each frame into
 * (shared-renderer.ts), and over it a transparent one for outlines that change without a new
 * frame (selection, hover), both sized in device pixels. The picture stays while nothing is drawn,
 * including through a WebGL context loss.
 */

// Software WebGL renders every pixel on the CPU: a device pixel ratio above 2 costs more than it shows.
const MAX_PIXEL_RATIO = 2;

/** One view's canvas inside its container. */
export class ViewCanvas {
  /** The canvas element (CSS size = the size last set). */
  readonly canvas: HTMLCanvasElement;
  /** Its 2D context. */
  readonly context: CanvasRenderingContext2D;
  /** The outline layer's 2D context (its canvas lets pointer events through). */
  readonly overlay: CanvasRenderingContext2D;
  private readonly overlayCanvas: HTMLCanvasElement;
  private cssWidth = 0;
  private cssHeight = 0;

  /** @throws Error when the browser has no 2D canvas context */
  constructor(container: HTMLElement) {
    const doc = container.ownerDocument;
    this.canvas = doc.createElement('canvas');
    this.canvas.className = 'nnbundle-canvas';
    this.overlayCanvas = doc.createElement('canvas');
    this.overlayCanvas.className = 'nnbundle-overlay';
    const context = this.canvas.getContext('2d', { alpha: false });
    const overlay = this.overlayCanvas.getContext('2d');
    if (!context || !overlay) throw new Error('this browser cannot create a 2D canvas');
    this.context = context;
    this.overlay = overlay;
    container.appendChild(this.canvas);
    container.appendChild(this.overlayCanvas);
  }

  /** Device pixels per CSS pixel (at most 2). */
  get pixelRatio(): number {
    return Math.min(globalThis.devicePixelRatio || 1, MAX_PIXEL_RATIO);
  }

  /** Size in CSS pixels. */
  get width(): number {
    return this.cssWidth;
  }

  /** Size in CSS pixels. */
  get height(): number {
    return this.cssHeight;
  }

  /** Resizes to `width`×`height` CSS pixels (the drawing buffer to device pixels). */
  setSize(width: number, height: number): void {
    this.cssWidth = width;
    this.cssHeight = height;
    const ratio = this.pixelRatio;
    for (const canvas of [this.canvas, this.overlayCanvas]) {
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  }

  /** Removes the canvases from the page. */
  dispose(): void {
    this.canvas.remove();
    this.overlayCanvas.remove();
  }
}
