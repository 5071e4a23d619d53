/**
 * The picture of one view: canvas, camera, node and edge layers, drawn on demand. The widget hands
 * in the network, each geometry (live or final) and the style; the renderer turns them into GPU
 * buffers through the colour maths, and answers where a node is drawn and in which colour.
 */
import { MathUtils, Vector3 } from 'three';
import type { NetworkArrays, ProcessedGeometry } from '../compute/types';
import { CameraRig, FOV_DEGREES } from './camera-rig';
import { nodeMidpoint, type CameraPresetName } from './camera-presets';
import type { CameraState } from './camera-state';
import { classPalette } from './class-colors';
import { edgePointColors, nodeColors, nodeDisplayColors, type ColorModeName, type ColorStyle } from './color-modes';
import { EdgeLayer } from './edge-layer';
import { FrameLoop } from './frame-loop';
import { NodeLayer } from './node-layer';
import { SceneView } from './scene-view';
import { THEMES, type BackgroundName } from './theme';

/** The rendering parameters the picture depends on (the widget's `rendering` traits). */
export interface RenderStyle {
  /** Independent, All or Class k (nn_vis §8.5). */
  readonly colorMode: ColorModeName;
  /** k of Class k; must be a class of the network when `colorMode` is `class`. */
  readonly showClass: number;
  /** Node sphere radius per unit of ‖importance‖, world units (nn_vis 0.04). */
  readonly nodeObjectRadius: number;
  /** Nodes with ‖i‖ ≤ this are hidden (nn_vis 0.01). */
  readonly nodeImportanceThreshold: number;
  /** Edges with α·mean(source importance) ≤ this are hidden (nn_vis 0.01). */
  readonly edgeImportanceThreshold: number;
  /** Light (nn_vis's white) or dark. */
  readonly background: BackgroundName;
}

/** Called when the user finished moving the camera, with its new pose. */
export type CameraEndHandler = (state: CameraState) => void;

const scratch = new Vector3();

/** Everything drawn in one view; `dispose` frees every GPU resource and listener it made. */
export class NetworkRenderer {
  private readonly view: SceneView;
  private readonly rig: CameraRig;
  private readonly nodes = new NodeLayer();
  private readonly edges = new EdgeLayer();
  private readonly loop: FrameLoop;
  private style: RenderStyle;
  private network: NetworkArrays | null = null;
  private geometry: ProcessedGeometry | null = null;
  private palette: Float32Array = new Float32Array(0);
  private nodesStyled = false;
  private edgesStyled = false;
  private width = 0;
  private height = 0;
  private frames = 0;

  /**
   * Creates the canvas inside `container`.
   *
   * @throws Error when the browser cannot create a WebGL context
   */
  constructor(container: HTMLElement, style: RenderStyle, onCameraEnd: CameraEndHandler) {
    this.style = style;
    this.view = new SceneView(container);
    this.loop = new FrameLoop((dt) => this.frame(dt));
    this.rig = new CameraRig(this.view.canvas, () => this.loop.request(), () => onCameraEnd(this.rig.getState()));
    this.view.scene.add(this.nodes.object, this.edges.object);
    this.view.setBackground(THEMES[style.background].background);
  }

  /** The canvas element. */
  get canvas(): HTMLCanvasElement {
    return this.view.canvas;
  }

  /** Frames drawn so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** Whether a geometry has been set. */
  get hasGeometry(): boolean {
    return this.geometry !== null;
  }

  /** Resizes the canvas to `width`×`height` CSS pixels and redraws. */
  setSize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    if (width <= 0 || height <= 0) return;
    this.view.setSize(width, height);
    this.rig.setAspect(width / height);
    this.loop.request();
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
    this.view.setBackground(THEMES[style.background].background);
    this.nodesStyled = false;
    this.edgesStyled = false;
    this.restyle();
    this.loop.request();
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
      this.nodesStyled = false;
      this.edgesStyled = false;
    }
    this.geometry = geometry;
    if (this.nodes.setPositions(geometry.nodePositions)) this.nodesStyled = false;
    if (this.edges.setGeometry(geometry)) this.edgesStyled = false;
    this.loop.request();
    this.restyle();
  }

  /** Draws a frame at once (not waiting for an animation frame); false when the canvas has no size yet. */
  drawNow(): boolean {
    return this.draw(0);
  }

  /** Moves the camera to preset `name` around the current node mid-point (nn_vis §8.6). */
  applyPreset(name: CameraPresetName): void {
    if (this.geometry) this.rig.setBase(nodeMidpoint(this.geometry.nodePositions));
    this.rig.applyPreset(name);
    this.loop.request();
  }

  /** The camera pose. */
  getCameraState(): CameraState {
    return this.rig.getState();
  }

  /** Moves the camera to `state`. */
  setCameraState(state: CameraState): void {
    this.rig.setState(state);
    this.loop.request();
  }

  /** Turns auto-rotation on or off (frames run continuously only while it is on). */
  setAutoRotate(on: boolean): void {
    this.rig.setAutoRotate(on);
    this.loop.request();
  }

  /** Where node `id` is drawn, in CSS pixels from the canvas's top-left; null when unknown. */
  projectNode(id: number): { x: number; y: number } | null {
    const p = this.nodes.positions;
    if (!Number.isInteger(id) || id < 0 || 3 * id + 2 >= p.length || this.width <= 0) return null;
    scratch.set(p[3 * id] as number, p[3 * id + 1] as number, p[3 * id + 2] as number).project(this.rig.camera);
    return { x: ((scratch.x + 1) / 2) * this.width, y: ((1 - scratch.y) / 2) * this.height };
  }

  /** Colour drawn at node `id`'s centre, 0..255 per channel; null when it is hidden or unknown. */
  nodeColor(id: number): [number, number, number] | null {
    const c = this.nodes.colors;
    if (!Number.isInteger(id) || id < 0 || 4 * id + 3 >= c.length || (c[4 * id + 3] as number) < 0) return null;
    // Linear values are written to the 8-bit canvas unchanged (no sRGB encoding).
    const byte = (v: number): number => Math.round(255 * Math.min(Math.max(v, 0), 1));
    return [byte(c[4 * id] as number), byte(c[4 * id + 1] as number), byte(c[4 * id + 2] as number)];
  }

  private colorStyle(): ColorStyle {
    const theme = THEMES[this.style.background];
    return {
      mode: this.style.colorMode,
      showClass: this.style.showClass,
      palette: this.palette,
      ink: theme.ink,
      nodeThreshold: this.style.nodeImportanceThreshold,
      edgeThreshold: this.style.edgeImportanceThreshold,
    };
  }

  private restyle(): void {
    const net = this.network;
    const geometry = this.geometry;
    if (!net || !geometry) return;
    const style = this.colorStyle();
    if (!this.nodesStyled) {
      const rgba = new Float32Array(4 * this.nodes.nodeCount);
      nodeColors(net, style, rgba);
      nodeDisplayColors(rgba, style.mode, THEMES[this.style.background].background, rgba);
      this.nodes.setColors(rgba);
      this.nodes.setRadii(net, this.style.nodeObjectRadius);
      this.nodesStyled = true;
    }
    if (!this.edgesStyled) {
      this.edges.updateColors((out) => edgePointColors(net, geometry, style, out));
      this.edgesStyled = true;
    }
  }

  private frame(dt: number): boolean {
    this.draw(dt);
    return this.rig.autoRotating;
  }

  private draw(dt: number): boolean {
    if (this.width <= 0 || this.height <= 0) return false;
    this.rig.tick(dt);
    const pixelsPerUnit = this.view.drawingBufferHeight / (2 * Math.tan(MathUtils.degToRad(FOV_DEGREES) / 2));
    this.nodes.setViewport(pixelsPerUnit, this.view.maxPointSize);
    this.view.render(this.rig.camera);
    this.frames++;
    return true;
  }

  /** Stops drawing and frees the layers, the controls, the renderer and its WebGL context. */
  dispose(): void {
    this.loop.dispose();
    this.rig.dispose();
    this.nodes.dispose();
    this.edges.dispose();
    this.view.dispose();
  }
}
