/**
 * All edge polylines as one indexed `THREE.LineSegments` draw (reference/performance.md §4: one
 * merged buffer instead of per-edge objects), per-point colour and importance alpha, normal alpha
 * blending without depth writes. Buffers are reused while live geometry streams in and grow by a
 * margin when a larger geometry arrives. The layer owns its buffers; inputs are copied.
 */
import { BufferAttribute, BufferGeometry, GLSL3, LineSegments, NormalBlending, ShaderMaterial } from 'three';
import type { ProcessedGeometry } from '../compute/types';
import vertexShader from '../../shaders/edge-lines.vert';
import fragmentShader from '../../shaders/edge-lines.frag';

// Head-room when buffers grow, so that the small size changes of resampling between bundling
// levels do not reallocate on every level.
const GROWTH = 1.25;
const MIN_CAPACITY = 64;

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every polyline segment of the processed geometry as one line list; `object` goes into the scene. */
export class EdgeLayer {
  /** The scene object (one draw call). */
  readonly object: LineSegments<BufferGeometry, ShaderMaterial>;
  private readonly material: ShaderMaterial;
  private pointCapacity = 0;
  private indexCapacity = 0;
  private points = 0;
  private keptEdges = new Int32Array(0);
  private pointOffsets = new Int32Array(1);

  constructor() {
    this.material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader,
      fragmentShader,
      transparent: true,
      blending: NormalBlending,
      depthTest: true,
      depthWrite: false,
    });
    this.object = new LineSegments(new BufferGeometry(), this.material);
    this.object.frustumCulled = false;
  }

  /** Number of polyline points the layer draws (P). */
  get pointCount(): number {
    return this.points;
  }

  /**
   * Copies the polylines of `geometry` into the layer's buffers.
   *
   * @returns true when the kept edges or their point offsets changed, i.e. when the per-point
   *          colours must be written again (`updateColors`)
   */
  setGeometry(geometry: Pick<ProcessedGeometry, 'points' | 'pointOffsets' | 'keptEdges'>): boolean {
    const p = Math.floor(geometry.points.length / 3);
    let topologyChanged = !sameInts(this.pointOffsets, geometry.pointOffsets) || !sameInts(this.keptEdges, geometry.keptEdges);
    const segments = p - Math.max(geometry.pointOffsets.length - 1, 0);
    if (p > this.pointCapacity || 2 * segments > this.indexCapacity) {
      this.allocate(p, 2 * segments);
      // Fresh buffers hold neither segments nor colours.
      topologyChanged = true;
    }
    const g = this.object.geometry;
    const position = g.getAttribute('position') as BufferAttribute;
    (position.array as Float32Array).set(geometry.points.subarray(0, 3 * p));
    position.clearUpdateRanges();
    position.addUpdateRange(0, 3 * p);
    position.needsUpdate = true;
    this.points = p;
    if (topologyChanged) {
      const index = g.getIndex() as BufferAttribute;
      const idx = index.array as Uint32Array;
      const offsets = geometry.pointOffsets;
      let m = 0;
      for (let k = 0; k + 1 < offsets.length; k++) {
        const end = offsets[k + 1] as number;
        for (let q = offsets[k] as number; q + 1 < end; q++) {
          idx[m++] = q;
          idx[m++] = q + 1;
        }
      }
      index.clearUpdateRanges();
      index.addUpdateRange(0, m);
      index.needsUpdate = true;
      g.setDrawRange(0, m);
      this.keptEdges = geometry.keptEdges.slice();
      this.pointOffsets = geometry.pointOffsets.slice();
    }
    return topologyChanged;
  }

  /**
   * Rewrites the per-point colours: `write` fills `out` (at least P·4 floats, rgba per point, alpha
   * < 0 hides a point's edge; see `edgePointColors`). `out` is the layer's buffer, valid only
   * during the call.
   */
  updateColors(write: (out: Float32Array) => void): void {
    const color = this.object.geometry.getAttribute('aColor') as BufferAttribute | undefined;
    if (!color) return;
    write(color.array as Float32Array);
    color.clearUpdateRanges();
    color.addUpdateRange(0, 4 * this.points);
    color.needsUpdate = true;
  }

  private allocate(points: number, indices: number): void {
    this.object.geometry.dispose();
    this.pointCapacity = Math.max(MIN_CAPACITY, Math.ceil(points * GROWTH));
    this.indexCapacity = Math.max(2 * MIN_CAPACITY, Math.ceil(indices * GROWTH));
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(3 * this.pointCapacity), 3));
    g.setAttribute('aColor', new BufferAttribute(new Float32Array(4 * this.pointCapacity), 4));
    g.setIndex(new BufferAttribute(new Uint32Array(this.indexCapacity), 1));
    this.object.geometry = g;
  }

  /** Frees the GPU buffers and the program. */
  dispose(): void {
    this.object.geometry.dispose();
    this.material.dispose();
  }
}
