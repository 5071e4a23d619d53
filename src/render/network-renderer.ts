/**
 * The picture of one view: camera, node and edge layers, drawn on demand through the page's shared
 * renderer into the view's canvas. The widget hands in the network, each geometry (live or final)
 * and the style; the renderer turns them into GPU buffers through the colour maths, picks what is
 * under the pointer, outlines the selection and renders screenshots. When frames are drawn, and at
 * which quality, is frame-scheduler.ts's decision.
 */
import { Color, MathUtils, Matrix4, Scene, type WebGLRenderTarget } from 'three';
import type { NetworkArrays, ProcessedGeometry } from '../compute/types';
import { CameraRig, FOV_DEGREES } from './camera-rig';
import { nodeMidpoint, type CameraPresetName } from './camera-presets';
import type { CameraState } from './camera-state';
import { classPalette } from './class-colors';
import { nodeColors, type ColorStyle } from './color-modes';
import { depthBox, viewDepthRange, type DepthBox } from './depth-range';
import { EdgeLayer } from './edge-layer';
import { FrameScheduler } from './frame-scheduler';
import { createFrameUniforms, setBackgroundUniform } from './impostor-materials';
import { NodeLayer } from './node-layer';
import { probeNode, projectNode, type NodeProbe } from './node-probe';
import { encodePng } from './png-encode';
import { Picker, type PickResult } from './picking';
import type { SegmentSlice } from './progressive-frame';
import type { RenderStyle } from './render-style';
import { SelectionOverlay, type Highlight } from './selection-overlay';
import { SharedRenderer } from './shared-renderer';
import { THEMES } from './theme';
import { ViewCanvas } from './view-canvas';

/** Called when the user finished moving the camera, with its new pose. */
export type CameraEndHandler = (state: CameraState) => void;

/** A PNG screenshot and its size in pixels. */
export interface Screenshot {
  readonly png: Uint8Array<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

const NO_HIGHLIGHT: Highlight = { nodes: [], edges: [] };

/** Everything drawn in one view; `dispose` frees every GPU resource and listener it made. */
export class NetworkRenderer {
  private readonly shared: SharedRenderer;
  private readonly surface: ViewCanvas;
  private readonly scene = new Scene();
  private readonly rig: CameraRig;
  private readonly frame = createFrameUniforms();
  private readonly nodes: NodeLayer;
  private readonly edges: EdgeLayer;
  private readonly scheduler: FrameScheduler;
  private readonly picker = new Picker();
  private readonly overlay = new SelectionOverlay();
  private readonly background = new Color();
  private readonly viewProjection = new Matrix4();
  private readonly depthRange = new Float32Array(2);
  private readonly stopRestore: () => void;
  private style: RenderStyle;
  private network: NetworkArrays | null = null;
  private geometry: ProcessedGeometry | null = null;
  private palette: Float32Array = new Float32Array(0);
  private box: DepthBox = depthBox(new Float32Array(0));
  private stylePending = true;
  private cameraVersion = 0;
  private geometryVersion = 0;
  private preset: CameraPresetName = 'left';
  private selected: Highlight = NO_HIGHLIGHT;
  private hovered: Highlight = NO_HIGHLIGHT;
  private frames = 0;

  /**
   * Creates the view's canvas inside `container`.
   *
   * @throws Error when the browser cannot create a WebGL2 context
   */
  constructor(container: HTMLElement, style: RenderStyle, onCameraEnd: CameraEndHandler) {
    this.style = style;
    this.shared = SharedRenderer.acquire(container.ownerDocument);
    this.surface = new ViewCanvas(container);
    this.nodes = new NodeLayer(this.frame, style.background);
    this.edges = new EdgeLayer(this.frame, style.background);
    this.scheduler = new FrameScheduler(this.shared, {
      canvas: this.surface.canvas,
      context: this.surface.context,
      tick: (dt) => {
        this.rig.tick(dt);
        return this.rig.autoRotating;
      },
      segments: () => (this.edges.drawing ? this.edges.segmentCount : 0),
      sliceable: () => this.edges.drawing && this.edges.transparent && this.nodes.transparentOrHidden,
      drawFrame: (moving, scale) => this.drawFrame(moving, scale),
      drawSlice: (target, slice, last) => this.drawSlice(target, slice, last),
      shown: () => this.shown(),
    });
    this.rig = new CameraRig(
      this.surface.canvas,
      () => {
        this.cameraVersion++;
        this.scheduler.markMoving();
      },
      () => onCameraEnd(this.rig.getState()),
    );
    // nn_vis's frame order: edges, then nodes.
    this.scene.add(...this.edges.objects, this.nodes.object);
    this.applyStyleModes();
    this.stopRestore = this.shared.onRestore(() => this.scheduler.invalidate());
  }

  /** The canvas the picture is shown in (it receives the pointer input). */
  get canvas(): HTMLCanvasElement {
    return this.surface.canvas;
  }

  /** The page's shared WebGL canvas (tests simulate a context loss on it). */
  get sharedCanvas(): HTMLCanvasElement {
    return this.shared.canvas;
  }

  /** Frames drawn so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** Edge segments in the buffers. */
  get segmentCount(): number {
    return this.edges.segmentCount;
  }

  /** Resizes the canvas to `width`×`height` CSS pixels and redraws. */
  setSize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.surface.setSize(width, height);
    this.rig.setAspect(width / height);
    this.cameraVersion++;
    this.scheduler.invalidate();
  }

  /**
   * Sets the rendering parameters and recolours.
   *
   * @throws RangeError (before anything changes) when Class mode names a class the network lacks
   */
  setStyle(style: RenderStyle): void {
    const net = this.network;
    if (net && style.colorMode === 'class' && !(style.showClass < net.numClasses)) {
      throw new RangeError(`show_class = ${style.showClass} is not a class of this network (it has ${net.numClasses} classes: 0 … ${net.numClasses - 1})`);
    }
    this.style = style;
    this.applyStyleModes();
    this.stylePending = true;
    this.restyle();
    this.scheduler.invalidate();
  }

  /**
   * Shows `geometry` of `net`: positions are copied into the layers (updated in place when sizes
   * allow), colours are recomputed when the network or the edge topology changed. Draws at the
   * next animation frame (or call `drawNow`).
   *
   * @throws RangeError when the style's Class mode names a class `net` lacks (positions are set,
   *   colours keep their previous values)
   */
  setGeometry(net: NetworkArrays, geometry: ProcessedGeometry): void {
    if (net !== this.network) {
      this.network = net;
      this.palette = classPalette(net.numClasses);
      this.stylePending = true;
    }
    this.geometry = geometry;
    if (this.nodes.setPositions(geometry.nodePositions)) this.stylePending = true;
    if (this.edges.setGeometry(geometry)) this.stylePending = true;
    this.box = depthBox(geometry.nodePositions);
    this.geometryVersion++;
    this.scheduler.invalidate();
    this.restyle();
  }

  /**
   * Draws the still picture at once, not waiting for an animation frame: the full-quality frame
   * when it fits the frame budget, else its preview (the slices follow in later frames).
   *
   * @returns false when nothing could be drawn (no size yet, context lost)
   */
  drawNow(): boolean {
    return this.scheduler.drawNow();
  }

  /** Whether a full-quality picture is being built in slices (the canvas shows a preview meanwhile). */
  get refining(): boolean {
    return this.scheduler.refining;
  }

  /** Redraws the still picture from scratch (benchmarks time the refinement this starts). */
  redraw(): void {
    this.scheduler.invalidate();
  }

  /**
   * Draws one frame synchronously and waits for the GPU to finish it (benchmarks).
   *
   * @param moving a frame as drawn while the camera moves; otherwise every segment at full
   *               quality in one pass
   * @returns milliseconds, or NaN when nothing could be drawn
   */
  timeFrame(moving: boolean): number {
    return this.scheduler.timeFrame(moving);
  }

  /** Moves the camera to preset `name` around the current node mid-point (nn_vis §8.6). */
  applyPreset(name: CameraPresetName): void {
    this.preset = name;
    if (this.geometry) this.rig.setBase(nodeMidpoint(this.geometry.nodePositions));
    this.rig.applyPreset(name);
    this.cameraVersion++;
    this.scheduler.invalidate();
  }

  /** Moves the camera back to the last preset applied (the initial pose). */
  resetCamera(): void {
    this.applyPreset(this.preset);
  }

  /** The camera pose. */
  getCameraState(): CameraState {
    return this.rig.getState();
  }

  /** Moves the camera to `state`. */
  setCameraState(state: CameraState): void {
    this.rig.setState(state);
    this.cameraVersion++;
    this.scheduler.invalidate();
  }

  /** Turns auto-rotation on or off (frames run continuously only while it is on). */
  setAutoRotate(on: boolean): void {
    this.rig.setAutoRotate(on);
    this.scheduler.request();
  }

  /** Draws segments and nodes in a seeded random order (0: natural order); for draw-order tests. */
  setDrawOrder(seed: number): void {
    this.edges.setDrawOrder(seed);
    this.nodes.setDrawOrder(seed);
    this.scheduler.invalidate();
  }

  /** What is drawn under (`x`, `y`), CSS pixels from the canvas's top-left; null for nothing. */
  pick(x: number, y: number): PickResult | null {
    const camera = this.rig.camera;
    camera.updateMatrixWorld();
    this.viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    const edges = this.edges.geometry;
    const style = this.style;
    return this.picker.pick(
      x,
      y,
      { viewProjection: this.viewProjection.elements, width: this.surface.width, height: this.surface.height, focal: this.focal(this.surface.height), version: this.cameraVersion },
      style.nodeRenderMode === 'none' ? null : { positions: this.nodes.positions, norms: this.nodes.norms, objectRadius: this.nodes.objectRadius },
      style.edgeRenderMode === 'none'
        ? null
        : { ...edges, imps: this.edges.imps, objectRadius: this.edges.objectRadius, version: this.geometryVersion },
    );
  }

  /** Outlines the selected nodes (global ids) and edges (network edge ids); redraws the outlines only. */
  setSelection(selected: Highlight, hovered: Highlight): void {
    this.selected = selected;
    this.hovered = hovered;
    this.drawOverlay();
  }

  /** Where node `id` is drawn, in CSS pixels from the canvas's top-left; null when unknown. */
  projectNode(id: number): { x: number; y: number } | null {
    return projectNode(id, this.nodes.positions, this.rig.camera, this.surface.width, this.surface.height);
  }

  /** Node `id` as drawn (tests compare the pixels with nn_vis's formulas); null when unknown. */
  probeNode(id: number): NodeProbe | null {
    return probeNode(id, this.nodes, this.rig.camera, this.box, this.surface.width, this.surface.height);
  }

  /**
   * Renders the current view as a PNG of (`width`·`scale`)×(`height`·`scale`) pixels; width and
   * height default to the view's CSS size. The camera keeps its pose and field of view; the
   * aspect follows the requested size.
   *
   * @throws RangeError for a non-positive or too large size
   */
  async screenshot(width: number | null, height: number | null, scale: number): Promise<Screenshot> {
    const w = Math.round((width ?? this.surface.width) * scale);
    const h = Math.round((height ?? this.surface.height) * scale);
    if (!(w >= 1 && h >= 1)) throw new RangeError(`a screenshot needs a positive size, got ${w}×${h} pixels`);
    const camera = this.rig.camera.clone();
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    camera.updateMatrixWorld();
    this.prepareFrame(camera, w, h, false, null, true);
    const pixels = this.shared.renderPixels(this.scene, camera, w, h, this.background);
    return { png: await encodePng(this.surface.canvas.ownerDocument, pixels, w, h), width: w, height: h };
  }

  private applyStyleModes(): void {
    const theme = THEMES[this.style.background];
    this.background.setRGB(theme.background[0], theme.background[1], theme.background[2]);
    setBackgroundUniform(this.frame, theme.background);
    this.nodes.setMode(this.style.nodeRenderMode, this.style.background);
    this.edges.setMode(this.style.edgeRenderMode, this.style.background);
  }

  private colorStyle(): ColorStyle {
    return {
      mode: this.style.colorMode,
      showClass: this.style.showClass,
      palette: this.palette,
      ink: THEMES[this.style.background].ink,
      nodeThreshold: this.style.nodeImportanceThreshold,
      edgeThreshold: this.style.edgeImportanceThreshold,
    };
  }

  private restyle(): void {
    const net = this.network;
    if (!net || !this.geometry || !this.stylePending) return;
    const style = this.colorStyle();
    const rgba = new Float32Array(4 * this.nodes.nodeCount);
    nodeColors(net, style, rgba);
    this.edges.setStyle(net, style, this.style.edgeObjectRadius, this.style.edgeOpacity);
    this.nodes.setStyle(net, rgba, this.style.nodeObjectRadius, this.style.nodeOpacity);
    this.stylePending = false;
  }

  // One slice of the full-quality picture into `target`; nodes come with the last one.
  private drawSlice(target: WebGLRenderTarget, slice: SegmentSlice, last: boolean): boolean {
    const camera = this.rig.camera;
    camera.updateMatrixWorld();
    this.prepareFrame(camera, target.width, target.height, false, slice, last);
    return this.shared.renderToTarget(target, this.scene, camera, slice[0] === 0, this.background);
  }

  private shown(): void {
    this.frames++;
    this.drawOverlay();
  }

  // Drawing-buffer pixels per world unit at view depth 1 for a viewport `height` pixels high.
  private focal(height: number): number {
    return height / (2 * Math.tan(MathUtils.degToRad(FOV_DEGREES) / 2));
  }

  private prepareFrame(camera: { matrixWorldInverse: Matrix4 }, width: number, height: number, moving: boolean, slice: SegmentSlice | null, nodes: boolean): void {
    this.frame.uViewport.value.set(width, height);
    this.frame.uMaxPointSize.value = this.shared.maxPointSize;
    viewDepthRange(this.box, camera.matrixWorldInverse.elements, this.depthRange);
    this.frame.uDepthRange.value.set(this.depthRange[0] as number, this.depthRange[1] as number);
    this.edges.prepare(moving, slice);
    this.nodes.prepare(nodes);
  }

  /** Renders edges (all, or the level of detail at `scale` when `moving`) and nodes onto the visible canvas. */
  private drawFrame(moving: boolean, scale: number): boolean {
    const canvas = this.surface.canvas;
    if (this.surface.width <= 0 || this.surface.height <= 0) return false;
    const w = Math.max(1, Math.round(canvas.width * scale));
    const h = Math.max(1, Math.round(canvas.height * scale));
    const camera = this.rig.camera;
    camera.updateMatrixWorld();
    this.prepareFrame(camera, w, h, moving, null, true);
    if (!this.shared.drawInto(this.surface.context, this.scene, camera, w, h, this.background, canvas.width, canvas.height)) return false;
    this.shown();
    return true;
  }

  private drawOverlay(): void {
    const surface = this.surface;
    const ctx = surface.overlay;
    ctx.clearRect(0, 0, surface.canvas.width, surface.canvas.height);
    if (!this.geometry) return;
    const nodes = this.nodes;
    this.overlay.draw(
      {
        ctx,
        width: surface.canvas.width,
        height: surface.canvas.height,
        pixelRatio: surface.pixelRatio,
        camera: this.rig.camera,
        focal: this.focal(surface.canvas.height),
        positions: nodes.positions,
        nodeRadius: (id) => nodes.objectRadius * (nodes.norms[id] ?? 0),
        geometry: this.edges.geometry,
        background: this.style.background,
      },
      this.selected,
      this.hovered,
    );
  }

  /** Stops drawing and frees the layers, the controls and this view's share of the renderer. */
  dispose(): void {
    this.stopRestore();
    this.scheduler.dispose();
    this.rig.dispose();
    this.nodes.dispose();
    this.edges.dispose();
    this.surface.dispose();
    this.shared.release();
  }
}
