/**
 * This module copy's three.js renderer on the page's shared WebGL2 context (gl-context-pool.ts),
 * shared by all its views: a view renders into the top-left corner of the shared canvas and
 * copies the pixels to its own 2D canvas in the same task. The copy keeps the last picture on
 * screen through a context loss; when the context comes back, three.js re-uploads everything
 * from the JS-side buffers and the views are told to redraw.
 */
import { Color, LinearSRGBColorSpace, NoToneMapping, WebGLRenderer, WebGLRenderTarget, type Camera, type Scene } from 'three';
import { acquireContext, releaseContext, type SharedContext } from './gl-context-pool';

const RENDERERS = new Map<Document, SharedRenderer>();

/** A render target size the context cannot allocate. */
export class RenderSizeError extends RangeError {}

/** The renderer of one document; get it with `acquire`, give it back with `release`. */
export class SharedRenderer {
  // The three.js renderer (pixel ratio 1: sizes are drawing-buffer pixels).
  private readonly renderer: WebGLRenderer;
  /** Largest point-sprite size the context draws, pixels. */
  readonly maxPointSize: number;
  /** Largest render target side, pixels. */
  readonly maxSize: number;
  private readonly restoreListeners = new Set<() => void>();
  private readonly clearColor = new Color();
  private users = 0;
  private lost = false;

  private constructor(
    private readonly doc: Document,
    private readonly shared: SharedContext,
  ) {
    this.renderer = new WebGLRenderer({ canvas: shared.canvas, context: shared.gl, antialias: false, alpha: false });
    // Colours reach the framebuffer unchanged, as nn_vis writes them (reference/nn_vis.md §8.5).
    this.renderer.outputColorSpace = LinearSRGBColorSpace;
    this.renderer.toneMapping = NoToneMapping;
    this.renderer.autoClear = true;
    // Draw order is the scene order (edges, then nodes, as nn_vis); no per-frame sorting.
    this.renderer.sortObjects = false;
    // Creating the renderer set GL state (clear colour, blending, texture bindings) behind the back
    // of any other copy's renderer, so that one must reset its state cache before it draws again.
    shared.owner = this;
    const gl = shared.gl;
    const range = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array | null;
    this.maxPointSize = range && range.length === 2 ? (range[1] as number) : 64;
    this.maxSize = Math.min(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number);
    shared.canvas.addEventListener('webglcontextlost', this.onLost);
    shared.canvas.addEventListener('webglcontextrestored', this.onRestored);
  }

  /**
   * The renderer of `doc` (created with the shared context on first use); pair with `release`.
   *
   * @throws Error when the browser cannot create a WebGL2 context
   */
  static acquire(doc: Document): SharedRenderer {
    let shared = RENDERERS.get(doc);
    if (!shared) {
      shared = new SharedRenderer(doc, acquireContext(doc));
      RENDERERS.set(doc, shared);
    }
    shared.users++;
    return shared;
  }

  /** Gives the renderer back; the last view's release disposes it and frees the context. */
  release(): void {
    this.users--;
    if (this.users > 0) return;
    RENDERERS.delete(this.doc);
    this.shared.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.shared.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    this.renderer.dispose();
    if (this.shared.owner === this) this.shared.owner = null;
    releaseContext(this.shared);
  }

  /** The shared canvas (for tests that simulate a context loss on it). */
  get canvas(): HTMLCanvasElement {
    return this.shared.canvas;
  }

  /** Whether the context is lost (nothing can be drawn until it is restored). */
  get contextLost(): boolean {
    return this.lost || this.shared.gl.isContextLost();
  }

  /** Calls `listener` after every context restore; returns the unsubscribe function. */
  onRestore(listener: () => void): () => void {
    this.restoreListeners.add(listener);
    return () => this.restoreListeners.delete(listener);
  }

  /**
   * Renders `scene` from `camera` into a `width`×`height` pixel corner of the shared canvas,
   * cleared to `background`, and copies it onto `target` scaled to `outWidth`×`outHeight`.
   *
   * @returns false when the context is lost (the target keeps its last picture)
   */
  drawInto(target: CanvasRenderingContext2D, scene: Scene, camera: Camera, width: number, height: number, background: Color, outWidth: number, outHeight: number): boolean {
    if (this.contextLost) return false;
    this.claim();
    const canvas = this.shared.canvas;
    if (canvas.width < width || canvas.height < height) {
      // Grow only: views of different sizes share the canvas without reallocating per frame.
      canvas.width = Math.max(canvas.width, width);
      canvas.height = Math.max(canvas.height, height);
    }
    const r = this.renderer;
    r.setRenderTarget(null);
    // GL's y axis points up: the top-left corner starts at canvas.height − height.
    const y = canvas.height - height;
    r.setViewport(0, y, width, height);
    r.setScissor(0, y, width, height);
    r.setScissorTest(true);
    this.clearColor.copy(background);
    r.setClearColor(this.clearColor, 1);
    r.render(scene, camera);
    r.setScissorTest(false);
    target.drawImage(canvas, 0, 0, width, height, 0, 0, outWidth, outHeight);
    return true;
  }

  /**
   * An offscreen RGBA8 target with a depth buffer; the caller disposes it.
   *
   * @throws RenderSizeError when the size exceeds the context's limits
   */
  createTarget(width: number, height: number): WebGLRenderTarget {
    if (width > this.maxSize || height > this.maxSize) {
      throw new RenderSizeError(`a ${width}×${height} picture exceeds this browser's WebGL limit of ${this.maxSize} pixels per side`);
    }
    return new WebGLRenderTarget(width, height, { depthBuffer: true });
  }

  /**
   * Renders `scene` into all of `target`, first clearing it to `background` when `clear` (else the
   * new fragments blend with what is there).
   *
   * @returns false when the context is lost
   */
  renderToTarget(target: WebGLRenderTarget, scene: Scene, camera: Camera, clear: boolean, background: Color): boolean {
    if (this.contextLost) return false;
    this.claim();
    const r = this.renderer;
    r.setRenderTarget(target);
    r.setViewport(0, 0, target.width, target.height);
    r.setScissorTest(false);
    this.clearColor.copy(background);
    r.setClearColor(this.clearColor, 1);
    r.autoClear = clear;
    try {
      r.render(scene, camera);
    } finally {
      r.autoClear = true;
      r.setRenderTarget(null);
    }
    return true;
  }

  /** The pixels of `target`, RGBA bytes, top row first (a fresh array). */
  readTarget(target: WebGLRenderTarget): Uint8Array {
    const { width, height } = target;
    const bottomUp = new Uint8Array(width * height * 4);
    this.claim();
    this.renderer.readRenderTargetPixels(target, 0, 0, width, height, bottomUp);
    const out = new Uint8Array(bottomUp.length);
    const row = width * 4;
    for (let y = 0; y < height; y++) out.set(bottomUp.subarray((height - 1 - y) * row, (height - y) * row), y * row);
    return out;
  }

  /**
   * Renders `scene` into an offscreen `width`×`height` target and returns its pixels, RGBA bytes,
   * top row first (a fresh array).
   *
   * @throws RenderSizeError when the size exceeds the context's limits
   * @throws Error when the context is lost
   */
  renderPixels(scene: Scene, camera: Camera, width: number, height: number, background: Color): Uint8Array {
    const target = this.createTarget(width, height);
    try {
      if (!this.renderToTarget(target, scene, camera, true, background)) {
        throw new Error('the WebGL context is lost; try again when the view shows its picture again');
      }
      return this.readTarget(target);
    } finally {
      target.dispose();
    }
  }

  /** Waits for the GPU to finish the commands issued so far (a one-pixel read); for timing. */
  finish(): void {
    if (this.contextLost) return;
    const gl = this.shared.gl;
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  // Another copy of the module may have drawn last: three.js's cached GL state is then stale.
  private claim(): void {
    if (this.shared.owner !== this) {
      this.renderer.resetState();
      this.shared.owner = this;
    }
  }

  private readonly onLost = (): void => {
    this.lost = true;
  };

  private readonly onRestored = (): void => {
    this.lost = false;
    // three.js rebuilt its state on the new context; whoever draws next must not skip a reset.
    this.shared.owner = null;
    for (const listener of [...this.restoreListeners]) listener();
  };
}
