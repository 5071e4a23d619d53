/**
 * The WebGL canvas of one view: renderer, scene and size. Colours reach the framebuffer unchanged
 * (linear output, no tone mapping), as nn_vis writes them (reference/nn_vis.md §8.5); the drawing
 * buffer is preserved so that screenshots and test read-backs see the last frame.
 */
import { Color, LinearSRGBColorSpace, NoToneMapping, Scene, WebGLRenderer, type Camera } from 'three';
import type { Rgb } from './theme';

// Software WebGL renders every pixel on the CPU: a device pixel ratio above 2 costs more than it shows.
const MAX_PIXEL_RATIO = 2;
// No MSAA: under SwiftShader it multiplies the frame time (784-81-49-10 at 90 % pruning, 800×600,
// measured 205 ms with it, 40 ms without).
const ANTIALIAS = false;

/** Renderer, scene and canvas of one view; the canvas is appended to the given container. */
export class SceneView {
  /** The three.js scene the layers are added to. */
  readonly scene = new Scene();
  private readonly renderer: WebGLRenderer;
  private readonly clearColor = new Color();
  private maxPoint = 64;

  /** @throws Error when the browser cannot create a WebGL2 context */
  constructor(container: HTMLElement) {
    this.renderer = new WebGLRenderer({ antialias: ANTIALIAS, alpha: false, preserveDrawingBuffer: true });
    this.renderer.outputColorSpace = LinearSRGBColorSpace;
    this.renderer.toneMapping = NoToneMapping;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, MAX_PIXEL_RATIO));
    const gl = this.renderer.getContext();
    const range = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array | null;
    if (range && range.length === 2) this.maxPoint = range[1] as number;
    this.renderer.domElement.classList.add('nnbundle-canvas');
    container.appendChild(this.renderer.domElement);
  }

  /** The canvas element (CSS size = the size last set). */
  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  /** Largest point-sprite size this context draws, in drawing-buffer pixels. */
  get maxPointSize(): number {
    return this.maxPoint;
  }

  /** Drawing-buffer height in device pixels. */
  get drawingBufferHeight(): number {
    return this.renderer.getContext().drawingBufferHeight;
  }

  /** Sets the clear colour (linear RGB, written unchanged). */
  setBackground(rgb: Rgb): void {
    this.clearColor.setRGB(rgb[0], rgb[1], rgb[2], LinearSRGBColorSpace);
    this.renderer.setClearColor(this.clearColor, 1);
  }

  /** Resizes the canvas to `width`×`height` CSS pixels. */
  setSize(width: number, height: number): void {
    this.renderer.setSize(width, height, true);
  }

  /** Draws one frame of the scene from `camera`. */
  render(camera: Camera): void {
    this.renderer.render(this.scene, camera);
  }

  /** Frees the renderer and its WebGL context at once (browsers cap live contexts) and removes the canvas. */
  dispose(): void {
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }
}
