/**
 * Every edge segment of the processed geometry in one merged set of vertex buffers
 * (segment-buffers.ts) drawn in one call, in nn_vis's edge modes: ray-cast ellipsoids
 * (Ellipsoid_Transparent, the default), spheres at the samples (Sphere_Transparent, Sphere),
 * lines (Line), or nothing (None). While the camera moves the renderer may ask for the level of
 * detail: coarse lines (runs of segments merged) with the same pre-mixed colours instead of
 * impostors; a full frame may be drawn in slices of segments (progressive-frame.ts). Buffers are
 * reused while live geometry streams in and grow by a margin; the layer owns them and copies its
 * inputs.
 */
import {
  BufferAttribute,
  BufferGeometry,
  InterleavedBuffer,
  InterleavedBufferAttribute,
  LineSegments,
  Mesh,
  Points,
  type Object3D,
  type ShaderMaterial,
} from 'three';
import type { ProcessedGeometry } from '../compute/types';
import type { ColorStyle, EdgeColorInput } from './color-modes';
import { edgeSegmentStyle } from './edge-segment-style';
import {
  createImpostorMaterial,
  createLayerUniforms,
  setBlendTheme,
  setLayerUniforms,
  type FrameUniforms,
  type ImpostorProgram,
  type LayerUniforms,
} from './impostor-materials';
import type { EdgeRenderMode, LayerOpacity } from './render-style';
import type { SegmentSlice } from './progressive-frame';
import {
  ENDS_STRIDE,
  indicesPerSegment,
  MAX_COARSE_STRIDE,
  packSegmentEnds,
  segmentCount,
  shuffledOrder,
  VERTICES_PER_SEGMENT,
  writeCoarseLineIndex,
  writeSegmentIndex,
  type SegmentTopology,
} from './segment-buffers';
import type { BackgroundName } from './theme';

// Head-room when buffers grow, so that the small size changes of resampling between bundling
// levels do not reallocate on every level.
const GROWTH = 1.25;
const MIN_CAPACITY = 64;
// Lines drawn by the level of detail, at most (SwiftShader: ~2 µs per line, ~25 ms).
const COARSE_LINES = 12_000;

/** The drawn objects: one per full-quality topology, and the coarse lines of the level of detail. */
type DrawnObject = SegmentTopology | 'coarse';
const OBJECTS: readonly DrawnObject[] = ['quads', 'lines', 'points', 'coarse'];

/** The polylines the layer draws. */
export type EdgeGeometry = Pick<ProcessedGeometry, 'points' | 'pointOffsets' | 'keptEdges'>;

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a mode draws at full quality. */
function fullQuality(mode: EdgeRenderMode): { topology: SegmentTopology; program: ImpostorProgram } | null {
  switch (mode) {
    case 'none':
      return null;
    case 'line':
      return { topology: 'lines', program: 'edge-line' };
    case 'ellipsoid_transparent':
      return { topology: 'quads', program: 'edge-ellipsoid' };
    case 'sphere_transparent':
      return { topology: 'points', program: 'edge-sample-transparent' };
    case 'sphere':
      return { topology: 'points', program: 'edge-sample-phong' };
  }
}

/** Whether `mode` blends with MIN/MAX (nn_vis's transparent modes) rather than the depth test. */
export function isTransparentEdgeMode(mode: EdgeRenderMode): boolean {
  return mode === 'ellipsoid_transparent' || mode === 'sphere_transparent';
}

/** All edges of one view; add `objects` to the scene. */
export class EdgeLayer {
  /** The scene objects, one per topology; at most one is visible. */
  readonly objects: readonly Object3D[];
  private readonly uniforms: LayerUniforms = createLayerUniforms();
  private readonly materials = new Map<ImpostorProgram, ShaderMaterial>();
  private readonly meshes: Record<DrawnObject, Mesh<BufferGeometry, ShaderMaterial> | LineSegments<BufferGeometry, ShaderMaterial> | Points<BufferGeometry, ShaderMaterial>>;
  private readonly indexStamp: Record<DrawnObject, number> = { quads: -1, lines: -1, points: -1, coarse: -1 };
  private ends = new InterleavedBuffer(new Float32Array(0), ENDS_STRIDE);
  private color = new BufferAttribute(new Uint8Array(0), 4, true);
  private imp = new BufferAttribute(new Float32Array(0), 1);
  private capacity = 0;
  private segments = 0;
  private stamp = 0;
  private styleVersion = 0;
  private coarseStyle = -1;
  private orderSeed = 0;
  private mode: EdgeRenderMode = 'ellipsoid_transparent';
  private current: EdgeGeometry = { points: new Float32Array(0), pointOffsets: new Int32Array(1), keptEdges: new Int32Array(0) };

  constructor(
    private readonly frame: FrameUniforms,
    private background: BackgroundName,
  ) {
    const placeholder = this.material('edge-ellipsoid');
    this.meshes = {
      quads: new Mesh(new BufferGeometry(), placeholder),
      lines: new LineSegments(new BufferGeometry(), placeholder),
      points: new Points(new BufferGeometry(), placeholder),
      coarse: new LineSegments(new BufferGeometry(), placeholder),
    };
    for (const object of OBJECTS) {
      const mesh = this.meshes[object];
      mesh.frustumCulled = false;
      mesh.visible = false;
      mesh.renderOrder = 0;
    }
    this.objects = OBJECTS.map((t) => this.meshes[t]);
  }

  /** Number of segments the buffers hold. */
  get segmentCount(): number {
    return this.segments;
  }

  /** The polylines last set (owned by the caller that set them: read only). */
  get geometry(): EdgeGeometry {
    return this.current;
  }

  /**
   * imp per vertex as the shaders read it, segment s at s·VERTICES_PER_SEGMENT (negative on end
   * segments, 0 when hidden; owned by the layer: read only).
   */
  get imps(): Float32Array {
    return this.imp.array as Float32Array;
  }

  /** The edge_object_radius in use, world units. */
  get objectRadius(): number {
    return this.uniforms.uObjectRadius.value;
  }

  /**
   * Copies the polylines of `geometry` into the layer's buffers (positions update in place while
   * the topology stays the same).
   *
   * @returns true when the kept edges or their point offsets changed, i.e. when the style must be
   *          written again (`setStyle`)
   */
  setGeometry(geometry: EdgeGeometry): boolean {
    const s = segmentCount(geometry.pointOffsets);
    let topologyChanged = !sameInts(this.current.pointOffsets, geometry.pointOffsets) || !sameInts(this.current.keptEdges, geometry.keptEdges);
    if (s > this.capacity) {
      this.allocate(s);
      topologyChanged = true;
    }
    packSegmentEnds(geometry.points, geometry.pointOffsets, this.ends.array as Float32Array);
    this.ends.clearUpdateRanges();
    this.ends.addUpdateRange(0, s * VERTICES_PER_SEGMENT * ENDS_STRIDE);
    this.ends.needsUpdate = true;
    this.current = geometry;
    if (topologyChanged) {
      this.segments = s;
      this.stamp++;
    }
    return topologyChanged;
  }

  /**
   * Writes colours, alpha terms and sizes of every segment (`edgeSegmentStyle`); radius and
   * opacity go to uniforms.
   *
   * @throws RangeError (before anything changes) when Class mode names a class `net` lacks
   */
  setStyle(net: EdgeColorInput, style: ColorStyle, objectRadius: number, opacity: LayerOpacity): void {
    edgeSegmentStyle(net, this.current, style, this.color.array as Uint8Array, this.imp.array as Float32Array);
    const vertices = this.segments * VERTICES_PER_SEGMENT;
    this.color.clearUpdateRanges();
    this.color.addUpdateRange(0, 4 * vertices);
    this.color.needsUpdate = true;
    this.imp.clearUpdateRanges();
    this.imp.addUpdateRange(0, vertices);
    this.imp.needsUpdate = true;
    this.styleVersion++;
    setLayerUniforms(this.uniforms, objectRadius, opacity);
  }

  /** Selects nn_vis's edge mode and the blend equation of the background. */
  setMode(mode: EdgeRenderMode, background: BackgroundName): void {
    this.mode = mode;
    this.background = background;
    for (const material of this.materials.values()) setBlendTheme(material, background);
  }

  /** Draws segments in a seeded random order (0: buffer order); the transparent picture must not change. */
  setDrawOrder(seed: number): void {
    this.orderSeed = seed;
    this.stamp++;
  }

  /** Whether the current mode blends with MIN/MAX (and may therefore be drawn in slices). */
  get transparent(): boolean {
    return isTransparentEdgeMode(this.mode);
  }

  /** Whether the current mode draws anything. */
  get drawing(): boolean {
    return this.mode !== 'none' && this.segments > 0;
  }

  /**
   * Makes the object of the current mode visible (the others hidden) with its index written; call
   * before every render.
   *
   * @param moving true while the camera moves: coarse lines instead of impostors
   * @param slice  the segments to draw (in draw order), null for all
   */
  prepare(moving: boolean, slice: SegmentSlice | null): void {
    for (const object of OBJECTS) this.meshes[object].visible = false;
    const full = fullQuality(this.mode);
    if (!full || this.segments === 0) return;
    if (moving) {
      const mesh = this.meshes.coarse;
      this.writeCoarseIndex();
      mesh.material = this.material(this.transparent ? 'edge-line-transparent' : 'edge-line');
      mesh.visible = true;
      return;
    }
    const mesh = this.meshes[full.topology];
    const per = indicesPerSegment(full.topology);
    this.writeIndex(full.topology);
    const [start, end] = slice ?? [0, this.segments];
    mesh.geometry.setDrawRange(start * per, (end - start) * per);
    mesh.material = this.material(full.program);
    mesh.visible = true;
  }

  private material(program: ImpostorProgram): ShaderMaterial {
    let material = this.materials.get(program);
    if (!material) {
      material = createImpostorMaterial(program, this.frame, this.uniforms, this.background);
      this.materials.set(program, material);
    }
    return material;
  }

  private writeIndex(topology: SegmentTopology): void {
    if (this.indexStamp[topology] === this.stamp) return;
    const geometry = this.meshes[topology].geometry;
    const per = indicesPerSegment(topology);
    let index = geometry.getIndex();
    if (!index || index.array.length < this.capacity * per) {
      index = new BufferAttribute(new Uint32Array(this.capacity * per), 1);
      geometry.setIndex(index);
    }
    const order = this.orderSeed === 0 ? null : shuffledOrder(this.segments, this.orderSeed);
    const m = writeSegmentIndex(topology, this.segments, order, index.array as Uint32Array);
    index.clearUpdateRanges();
    index.addUpdateRange(0, m);
    index.needsUpdate = true;
    this.indexStamp[topology] = this.stamp;
  }

  // Coarse lines for the level of detail, most important edges first (the alpha term of each
  // polyline's middle segment; hidden edges never). Rewritten when the topology or the style changes.
  private writeCoarseIndex(): void {
    if (this.indexStamp.coarse === this.stamp && this.coarseStyle === this.styleVersion) return;
    const geometry = this.meshes.coarse.geometry;
    const stride = Math.min(Math.max(Math.ceil(this.segments / COARSE_LINES), 1), MAX_COARSE_STRIDE);
    const offsets = this.current.pointOffsets;
    const polylines = offsets.length - 1;
    const weights = new Float32Array(polylines);
    const alpha = this.color.array as Uint8Array;
    const imps = this.imp.array as Float32Array;
    let base = 0;
    for (let k = 0; k < polylines; k++) {
      const segments = Math.max((offsets[k + 1] as number) - (offsets[k] as number) - 1, 0);
      const middle = (base + (segments >> 1)) * VERTICES_PER_SEGMENT;
      weights[k] = segments === 0 || imps[middle] === 0 ? -1 : (alpha[4 * middle + 3] as number);
      base += segments;
    }
    let index = geometry.getIndex();
    if (!index || index.array.length < 2 * COARSE_LINES) {
      index = new BufferAttribute(new Uint32Array(2 * COARSE_LINES), 1);
      geometry.setIndex(index);
    }
    const m = writeCoarseLineIndex(offsets, weights, stride, COARSE_LINES, index.array as Uint32Array);
    index.clearUpdateRanges();
    index.addUpdateRange(0, m);
    index.needsUpdate = true;
    geometry.setDrawRange(0, m);
    this.indexStamp.coarse = this.stamp;
    this.coarseStyle = this.styleVersion;
  }

  private allocate(segments: number): void {
    this.capacity = Math.max(MIN_CAPACITY, Math.ceil(segments * GROWTH));
    const vertices = this.capacity * VERTICES_PER_SEGMENT;
    this.ends = new InterleavedBuffer(new Float32Array(vertices * ENDS_STRIDE), ENDS_STRIDE);
    this.color = new BufferAttribute(new Uint8Array(4 * vertices), 4, true);
    this.imp = new BufferAttribute(new Float32Array(vertices), 1);
    for (const object of OBJECTS) {
      const mesh = this.meshes[object];
      mesh.geometry.dispose();
      const g = new BufferGeometry();
      g.setAttribute('aA', new InterleavedBufferAttribute(this.ends, 3, 0));
      g.setAttribute('aB', new InterleavedBufferAttribute(this.ends, 3, 3));
      g.setAttribute('aColor', this.color);
      g.setAttribute('aImp', this.imp);
      mesh.geometry = g;
      this.indexStamp[object] = -1;
    }
  }

  /** Frees the GPU buffers and the programs. */
  dispose(): void {
    for (const object of OBJECTS) this.meshes[object].geometry.dispose();
    for (const material of this.materials.values()) material.dispose();
    this.materials.clear();
  }
}
