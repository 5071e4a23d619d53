/**
 * All nodes as one GL_POINTS draw of ray-cast sphere impostors (shaders/node-spheres.vert):
 * radius node_object_radius·‖importance‖ (nn_vis §8.1), transparent (nn_vis Sphere_Transparent,
 * the default) or opaque Phong (Sphere), or hidden (None). The layer owns its GPU buffers; callers
 * hand in positions and colours to copy.
 */
import { BufferAttribute, BufferGeometry, Points, type ShaderMaterial } from 'three';
import type { ColorInput } from './color-modes';
import { HIDDEN } from './color-modes';
import {
  createImpostorMaterial,
  createLayerUniforms,
  setBlendTheme,
  setLayerUniforms,
  type FrameUniforms,
  type LayerUniforms,
} from './impostor-materials';
import type { LayerOpacity, NodeRenderMode } from './render-style';
import { shuffledOrder } from './segment-buffers';
import type { BackgroundName } from './theme';

/** One point-sprite sphere per node; `object` goes into the scene. */
export class NodeLayer {
  /** The scene object (one draw call). */
  readonly object: Points<BufferGeometry, ShaderMaterial>;
  private readonly uniforms: LayerUniforms = createLayerUniforms();
  private readonly transparent: ShaderMaterial;
  private readonly phong: ShaderMaterial;
  private count = 0;
  private orderSeed = 0;
  private mode: NodeRenderMode = 'sphere_transparent';

  constructor(frame: FrameUniforms, background: BackgroundName) {
    this.transparent = createImpostorMaterial('node-sphere-transparent', frame, this.uniforms, background);
    this.phong = createImpostorMaterial('node-sphere-phong', frame, this.uniforms, background);
    this.object = new Points(new BufferGeometry(), this.transparent);
    // Positions move while bundling streams in; the layer is never culled as a whole.
    this.object.frustumCulled = false;
    // nn_vis draws nodes after edges.
    this.object.renderOrder = 1;
  }

  /** Number of nodes the buffers hold. */
  get nodeCount(): number {
    return this.count;
  }

  /**
   * Copies node positions (N·3 floats, xyz per node) into the layer. A new node count reallocates
   * the buffers (the style must then be set again); the same count updates in place.
   *
   * @returns true when the buffers were reallocated
   */
  setPositions(positions: Float32Array): boolean {
    const n = Math.floor(positions.length / 3);
    const current = this.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    if (n === this.count && current) {
      (current.array as Float32Array).set(positions.subarray(0, 3 * n));
      current.needsUpdate = true;
      return false;
    }
    this.object.geometry.dispose();
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions.slice(0, 3 * n), 3));
    geometry.setAttribute('aColor', new BufferAttribute(new Uint8Array(4 * n), 4, true));
    geometry.setAttribute('aNorm', new BufferAttribute(new Float32Array(n), 1));
    geometry.setIndex(new BufferAttribute(new Uint32Array(n), 1));
    this.object.geometry = geometry;
    this.count = n;
    this.writeOrder();
    return true;
  }

  /**
   * Sets colours, alpha terms and sizes: `rgba` is `nodeColors`'s output (N·4, rgb and alpha term,
   * alpha `HIDDEN` hides a node), ‖i‖ comes from `net`; radius and opacity go to uniforms.
   */
  setStyle(net: ColorInput, rgba: Float32Array, objectRadius: number, opacity: LayerOpacity): void {
    const geometry = this.object.geometry;
    const color = geometry.getAttribute('aColor') as BufferAttribute;
    const norm = geometry.getAttribute('aNorm') as BufferAttribute;
    const bytes = color.array as Uint8Array;
    const norms = norm.array as Float32Array;
    const C = net.numClasses;
    const imp = net.nodeImportance;
    for (let v = 0; v < this.count; v++) {
      let sq = 0;
      for (let c = 0; c < C; c++) {
        const x = imp[v * C + c] as number;
        sq += x * x;
      }
      const a = rgba[4 * v + 3] as number;
      norms[v] = a === HIDDEN ? 0 : Math.sqrt(sq);
      for (let c = 0; c < 4; c++) {
        const x = c < 3 || a !== HIDDEN ? (rgba[4 * v + c] as number) : 0;
        bytes[4 * v + c] = Math.round(255 * Math.min(Math.max(x, 0), 1));
      }
    }
    color.needsUpdate = true;
    norm.needsUpdate = true;
    setLayerUniforms(this.uniforms, objectRadius, opacity);
  }

  /** Selects nn_vis's node mode and the blend equation of the background. */
  setMode(mode: NodeRenderMode, background: BackgroundName): void {
    this.mode = mode;
    this.object.material = mode === 'sphere' ? this.phong : this.transparent;
    setBlendTheme(this.transparent, background);
  }

  /** Whether the current mode blends with MIN/MAX or draws nothing (so the frame may be sliced). */
  get transparentOrHidden(): boolean {
    return this.mode !== 'sphere';
  }

  /** Shows the nodes in the next render when `include` and the mode draws them; call before every render. */
  prepare(include: boolean): void {
    this.object.visible = include && this.mode !== 'none';
  }

  /** Draws nodes in a seeded random order (0: index order); the transparent picture must not change. */
  setDrawOrder(seed: number): void {
    this.orderSeed = seed;
    this.writeOrder();
  }

  private writeOrder(): void {
    const index = this.object.geometry.getIndex();
    if (!index) return;
    const out = index.array as Uint32Array;
    const order = this.orderSeed === 0 ? null : shuffledOrder(this.count, this.orderSeed);
    for (let i = 0; i < this.count; i++) out[i] = order ? (order[i] as number) : i;
    index.needsUpdate = true;
  }

  /** The node positions as last set (N·3, owned by the layer: read only). */
  get positions(): Float32Array {
    const attr = this.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    return attr ? (attr.array as Float32Array) : new Float32Array(0);
  }

  /** ‖importance‖ per node, 0 for hidden nodes (N, owned by the layer: read only). */
  get norms(): Float32Array {
    const attr = this.object.geometry.getAttribute('aNorm') as BufferAttribute | undefined;
    return attr ? (attr.array as Float32Array) : new Float32Array(0);
  }

  /** Mode colour and alpha term per node as drawn, bytes (N·4, owned by the layer: read only). */
  get colors(): Uint8Array {
    const attr = this.object.geometry.getAttribute('aColor') as BufferAttribute | undefined;
    return attr ? (attr.array as Uint8Array) : new Uint8Array(0);
  }

  /** The node_object_radius in use, world units. */
  get objectRadius(): number {
    return this.uniforms.uObjectRadius.value;
  }

  /** Frees the GPU buffers and the programs. */
  dispose(): void {
    this.object.geometry.dispose();
    this.transparent.dispose();
    this.phong.dispose();
  }
}
