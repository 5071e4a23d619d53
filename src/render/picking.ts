/**
 * What is under the pointer, on the CPU (no extra render pass, cheap in software GL): node
 * spheres as screen discs and edge segments as screen capsules around their projected centre
 * lines, each at least `MIN_PICK_PIXELS` wide so thin edges stay pickable. Only what is drawn can
 * be picked. Pure typed-array maths, no three.js; the projected points are cached until the camera
 * or the geometry changes.
 */
import { VERTICES_PER_SEGMENT } from './segment-buffers';

/** Smallest pick radius around a node or an edge, CSS pixels. */
export const MIN_PICK_PIXELS = 4;

/** A picked node (global node id) or edge (id into the network's edges). */
export type PickResult = { readonly kind: 'node'; readonly id: number } | { readonly kind: 'edge'; readonly id: number };

/** The camera as picking needs it. */
export interface PickCamera {
  /** Column-major 4×4 world → clip matrix (projection · view). */
  readonly viewProjection: ArrayLike<number>;
  /** Viewport size, CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** CSS pixels per world unit at clip w = 1: the projection's y scale times half the height. */
  readonly focal: number;
  /** Changes whenever the camera or the viewport changes (invalidates the projected points). */
  readonly version: number;
}

/** The nodes as drawn. */
export interface PickNodes {
  /** N·3 floats. */
  readonly positions: Float32Array;
  /** ‖importance‖ per node; 0 = hidden. */
  readonly norms: Float32Array;
  /** node_object_radius, world units. */
  readonly objectRadius: number;
}

/** The edges as drawn. */
export interface PickEdges {
  readonly points: Float32Array;
  readonly pointOffsets: Int32Array;
  readonly keptEdges: Int32Array;
  /** imp per segment vertex (segment s at s·VERTICES_PER_SEGMENT); 0 = hidden. */
  readonly imps: Float32Array;
  /** edge_object_radius, world units. */
  readonly objectRadius: number;
  /** Changes whenever the points change (invalidates the projected points). */
  readonly version: number;
}

/** Picks against one view; keeps the projected polyline points between calls. */
export class Picker {
  // x, y (CSS px) and clip w per point; w ≤ 0 marks a point behind the camera.
  private projected = new Float32Array(0);
  private projectedFor = '';

  /**
   * The front-most node under (`x`, `y`) (CSS pixels from the top-left), else the edge whose
   * screen capsule is closest, else null. `nodes` or `edges` may be null when they are not drawn.
   */
  pick(x: number, y: number, camera: PickCamera, nodes: PickNodes | null, edges: PickEdges | null): PickResult | null {
    const focal = camera.focal;
    if (nodes) {
      const node = this.pickNode(x, y, camera, focal, nodes);
      if (node >= 0) return { kind: 'node', id: node };
    }
    if (edges) {
      const edge = this.pickEdge(x, y, camera, focal, edges);
      if (edge >= 0) return { kind: 'edge', id: edge };
    }
    return null;
  }

  private pickNode(x: number, y: number, camera: PickCamera, focal: number, nodes: PickNodes): number {
    const m = camera.viewProjection;
    const p = nodes.positions;
    let best = -1;
    let bestW = Infinity;
    for (let i = 0; i < nodes.norms.length; i++) {
      const norm = nodes.norms[i] as number;
      if (norm <= 0) continue;
      const px = p[3 * i] as number;
      const py = p[3 * i + 1] as number;
      const pz = p[3 * i + 2] as number;
      const w = (m[3] as number) * px + (m[7] as number) * py + (m[11] as number) * pz + (m[15] as number);
      if (w <= 0) continue;
      const sx = (((m[0] as number) * px + (m[4] as number) * py + (m[8] as number) * pz + (m[12] as number)) / w + 1) * 0.5 * camera.width;
      const sy = (1 - ((m[1] as number) * px + (m[5] as number) * py + (m[9] as number) * pz + (m[13] as number)) / w) * 0.5 * camera.height;
      const reach = Math.max((focal * nodes.objectRadius * norm) / w, MIN_PICK_PIXELS);
      const dx = sx - x;
      const dy = sy - y;
      if (dx * dx + dy * dy <= reach * reach && w < bestW) {
        best = i;
        bestW = w;
      }
    }
    return best;
  }

  private project(camera: PickCamera, edges: PickEdges): Float32Array {
    const key = `${camera.version}/${edges.version}`;
    const n = Math.floor(edges.points.length / 3);
    if (key === this.projectedFor && this.projected.length >= 3 * n) return this.projected;
    if (this.projected.length < 3 * n) this.projected = new Float32Array(3 * n);
    const m = camera.viewProjection;
    const p = edges.points;
    const out = this.projected;
    for (let i = 0; i < n; i++) {
      const px = p[3 * i] as number;
      const py = p[3 * i + 1] as number;
      const pz = p[3 * i + 2] as number;
      const w = (m[3] as number) * px + (m[7] as number) * py + (m[11] as number) * pz + (m[15] as number);
      out[3 * i + 2] = w;
      if (w <= 0) continue;
      out[3 * i] = (((m[0] as number) * px + (m[4] as number) * py + (m[8] as number) * pz + (m[12] as number)) / w + 1) * 0.5 * camera.width;
      out[3 * i + 1] = (1 - ((m[1] as number) * px + (m[5] as number) * py + (m[9] as number) * pz + (m[13] as number)) / w) * 0.5 * camera.height;
    }
    this.projectedFor = key;
    return out;
  }

  private pickEdge(x: number, y: number, camera: PickCamera, focal: number, edges: PickEdges): number {
    const q = this.project(camera, edges);
    const offsets = edges.pointOffsets;
    let best = -1;
    let bestScore = Infinity;
    let s = 0;
    for (let k = 0; k + 1 < offsets.length; k++) {
      const end = offsets[k + 1] as number;
      for (let a = offsets[k] as number; a + 1 < end; a++, s++) {
        const imp = Math.abs(edges.imps[s * VERTICES_PER_SEGMENT] as number);
        const wa = q[3 * a + 2] as number;
        const wb = q[3 * a + 5] as number;
        if (imp === 0 || wa <= 0 || wb <= 0) continue;
        const ax = q[3 * a] as number;
        const ay = q[3 * a + 1] as number;
        const bx = q[3 * a + 3] as number;
        const by = q[3 * a + 4] as number;
        const ex = bx - ax;
        const ey = by - ay;
        const len2 = ex * ex + ey * ey;
        const t = len2 > 0 ? Math.min(Math.max(((x - ax) * ex + (y - ay) * ey) / len2, 0), 1) : 0;
        const dx = ax + t * ex - x;
        const dy = ay + t * ey - y;
        const d2 = dx * dx + dy * dy;
        const reach = Math.max((focal * edges.objectRadius * imp * 2) / (wa + wb), MIN_PICK_PIXELS);
        // Closest capsule wins, measured in units of its own reach, so thick edges do not shadow thin ones.
        const score = d2 / (reach * reach);
        if (score <= 1 && score < bestScore) {
          best = edges.keptEdges[k] as number;
          bestScore = score;
        }
      }
    }
    return best;
  }
}
