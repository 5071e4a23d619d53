/**
 * Outlines of the selected and the hovered nodes and edges, drawn on the view's 2D canvas over the
 * copied picture (never into screenshots). Nodes get a ring around their sphere, edges a stroke
 * along their polyline.
 */
import type { Camera } from 'three';
import { Vector3 } from 'three';
import type { EdgeGeometry } from './edge-layer';

/** What to outline, by global node id and network edge id. */
export interface Highlight {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
}

/** Colours of the outlines per background: selection, then hover. */
const COLORS = {
  light: { selected: '#ff6d00', hovered: 'rgba(0, 0, 0, 0.55)' },
  dark: { selected: '#ffd54f', hovered: 'rgba(255, 255, 255, 0.6)' },
} as const;

const scratch = new Vector3();

/** The view as the overlay needs it. */
export interface OverlayView {
  /** The view's 2D context and its size, device pixels. */
  readonly ctx: CanvasRenderingContext2D;
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS pixel. */
  readonly pixelRatio: number;
  /** The camera of the picture (matrices up to date). */
  readonly camera: Camera;
  /** Device pixels per world unit at view depth 1. */
  readonly focal: number;
  /** Node positions, N·3. */
  readonly positions: Float32Array;
  /** World radius of node `id`'s sphere (0 when it is not drawn). */
  nodeRadius(id: number): number;
  readonly geometry: EdgeGeometry;
  readonly background: 'light' | 'dark';
}

/** Draws outlines onto a view's 2D canvas. */
export class SelectionOverlay {
  private edgeIndex = new Map<number, number>();
  private indexedFor: Int32Array | null = null;

  /** Outlines `hovered` thinly and `selected` boldly. */
  draw(view: OverlayView, selected: Highlight, hovered: Highlight): void {
    const colors = COLORS[view.background];
    this.outline(view, hovered, colors.hovered, 1.5);
    this.outline(view, selected, colors.selected, 2.5);
  }

  private outline(view: OverlayView, items: Highlight, color: string, lineWidth: number): void {
    if (items.nodes.length === 0 && items.edges.length === 0) return;
    const { ctx, width, height, pixelRatio, camera, positions, geometry } = view;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth * pixelRatio;
    ctx.lineJoin = 'round';
    // Writes the screen position (device px) and view depth of a world point into `scratch`.
    const toScreen = (x: number, y: number, z: number): boolean => {
      scratch.set(x, y, z).applyMatrix4(camera.matrixWorldInverse);
      const depth = -scratch.z;
      scratch.applyMatrix4(camera.projectionMatrix);
      scratch.set(((scratch.x + 1) / 2) * width, ((1 - scratch.y) / 2) * height, depth);
      return depth > 0;
    };
    for (const id of items.nodes) {
      if (3 * id + 2 >= positions.length || !toScreen(positions[3 * id] as number, positions[3 * id + 1] as number, positions[3 * id + 2] as number)) continue;
      const r = Math.max((view.focal * view.nodeRadius(id)) / scratch.z, 3 * pixelRatio) + 3 * pixelRatio;
      ctx.beginPath();
      ctx.arc(scratch.x, scratch.y, r, 0, 2 * Math.PI);
      ctx.stroke();
    }
    this.indexEdges(geometry.keptEdges);
    for (const id of items.edges) {
      const k = this.edgeIndex.get(id);
      if (k === undefined) continue;
      ctx.beginPath();
      let started = false;
      for (let p = geometry.pointOffsets[k] as number; p < (geometry.pointOffsets[k + 1] as number); p++) {
        if (!toScreen(geometry.points[3 * p] as number, geometry.points[3 * p + 1] as number, geometry.points[3 * p + 2] as number)) continue;
        if (started) ctx.lineTo(scratch.x, scratch.y);
        else ctx.moveTo(scratch.x, scratch.y);
        started = true;
      }
      ctx.stroke();
    }
    ctx.restore();
  }

  // Edge id → polyline index, rebuilt when the kept edges change.
  private indexEdges(keptEdges: Int32Array): void {
    if (this.indexedFor === keptEdges) return;
    this.edgeIndex = new Map();
    for (let k = 0; k < keptEdges.length; k++) this.edgeIndex.set(keptEdges[k] as number, k);
    this.indexedFor = keptEdges;
  }
}
