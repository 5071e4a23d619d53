/**
 * All nodes as one `THREE.Points` draw: sphere impostors on point sprites (shaders/node-points.*),
 * radius node_object_radius·‖importance‖ in world units (nn_vis §8.1) projected to pixels in the
 * vertex shader. The layer owns its GPU buffers; callers hand in positions and colours to copy.
 */
import { BufferAttribute, BufferGeometry, GLSL3, Points, ShaderMaterial } from 'three';
import type { ColorInput } from './color-modes';
import vertexShader from '../../shaders/node-points.vert';
import fragmentShader from '../../shaders/node-points.frag';

/** One point-sprite sphere per node; `object` goes into the scene. */
export class NodeLayer {
  /** The scene object (one draw call). */
  readonly object: Points<BufferGeometry, ShaderMaterial>;
  private readonly material: ShaderMaterial;
  private readonly pixelsPerUnit = { value: 1 };
  private readonly maxPointSize = { value: 64 };
  private count = 0;

  constructor() {
    this.material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader,
      fragmentShader,
      uniforms: { uPixelsPerUnit: this.pixelsPerUnit, uMaxPointSize: this.maxPointSize },
    });
    this.object = new Points(new BufferGeometry(), this.material);
    // Positions move while bundling streams in; a stale bounding sphere would cull visible nodes.
    this.object.frustumCulled = false;
  }

  /** Number of nodes the buffers hold. */
  get nodeCount(): number {
    return this.count;
  }

  /**
   * Copies node positions (N·3 floats, xyz per node) into the layer. A new node count reallocates
   * the buffers (colours and radii must then be set again); the same count updates in place.
   *
   * @returns true when the buffers were reallocated
   */
  setPositions(positions: Float32Array): boolean {
    const n = Math.floor(positions.length / 3);
    if (n === this.count && this.object.geometry.getAttribute('position')) {
      const attr = this.object.geometry.getAttribute('position') as BufferAttribute;
      (attr.array as Float32Array).set(positions.subarray(0, 3 * n));
      attr.needsUpdate = true;
      return false;
    }
    this.object.geometry.dispose();
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions.slice(0, 3 * n), 3));
    geometry.setAttribute('aColor', new BufferAttribute(new Float32Array(4 * n), 4));
    geometry.setAttribute('aRadius', new BufferAttribute(new Float32Array(n), 1));
    this.object.geometry = geometry;
    this.count = n;
    return true;
  }

  /**
   * Sets every node's sphere radius to `nodeObjectRadius`·‖i‖₂ (nn_vis §8.1), world units.
   * `net` must have as many nodes as the last `setPositions`.
   */
  setRadii(net: ColorInput, nodeObjectRadius: number): void {
    const attr = this.object.geometry.getAttribute('aRadius') as BufferAttribute;
    const radii = attr.array as Float32Array;
    const C = net.numClasses;
    const imp = net.nodeImportance;
    for (let v = 0; v < this.count; v++) {
      let sq = 0;
      for (let c = 0; c < C; c++) {
        const x = imp[v * C + c] as number;
        sq += x * x;
      }
      radii[v] = nodeObjectRadius * Math.sqrt(sq);
    }
    attr.needsUpdate = true;
  }

  /** Copies display colours (N·4: rgb, alpha 1 shown or < 0 hidden; see `nodeDisplayColors`). */
  setColors(rgba: Float32Array): void {
    const attr = this.object.geometry.getAttribute('aColor') as BufferAttribute;
    (attr.array as Float32Array).set(rgba.subarray(0, 4 * this.count));
    attr.needsUpdate = true;
  }

  /** The display colour buffer as last set (N·4, owned by the layer: read only). */
  get colors(): Float32Array {
    const attr = this.object.geometry.getAttribute('aColor') as BufferAttribute | undefined;
    return attr ? (attr.array as Float32Array) : new Float32Array(0);
  }

  /** The node positions as last set (N·3, owned by the layer: read only). */
  get positions(): Float32Array {
    const attr = this.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    return attr ? (attr.array as Float32Array) : new Float32Array(0);
  }

  /**
   * Projection scale for point sizes.
   *
   * @param pixelsPerUnit drawing-buffer pixels per world unit at view distance 1
   * @param maxPointSize  largest point size the context allows, in pixels
   */
  setViewport(pixelsPerUnit: number, maxPointSize: number): void {
    this.pixelsPerUnit.value = pixelsPerUnit;
    this.maxPointSize.value = maxPointSize;
  }

  /** Frees the GPU buffers and the program. */
  dispose(): void {
    this.object.geometry.dispose();
    this.material.dispose();
  }
}
