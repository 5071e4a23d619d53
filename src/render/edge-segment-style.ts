/**
 * Colour, alpha term and size of every edge segment, as nn_vis's edge vertex shaders compute them
 * per segment (reference/nn_vis.md §8.1, §8.5), written straight into the per-vertex buffers of
 * segment-buffers.ts. Pure typed-array code, no three.js.
 */
import type { ProcessedGeometry } from '../compute/types';
import { checkStyle, nodeModeTable, nodeNormsAndMeans, type ColorStyle, type EdgeColorInput } from './color-modes';
import { VERTICES_PER_SEGMENT } from './segment-buffers';

/** A colour or weight in [0, 1] as a normalised byte. */
function byte(v: number): number {
  return Math.round(255 * (v < 0 ? 0 : v > 1 ? 1 : v));
}

/**
 * For segment j (points j → j+1) of an edge s → t with n points, nn_vis's t = (j+1)/n and
 * - rgb = (1−t)·rgb(s) + t·rgb(t): the class mix of the interpolated shares (All), the ink
 *   (Independent), colour_k·share_k (Class k);
 * - alpha term w = imp/√C (Independent, All) or (1−t)·share_k(s) + t·share_k(t) (Class k);
 * - imp = ((1−t)·‖i_s‖ + t·‖i_t‖)·α, which sizes the impostor (radius edge_object_radius·imp),
 *   stored negative on the edge's first and last segment (nn_vis draws those without the
 *   1 + 1.5·imp stretch) and 0 for every segment of an edge with α·mean(i_s) ≤ `edgeThreshold`.
 * Every value is written to the segment's VERTICES_PER_SEGMENT vertices.
 *
 * @param colors S·4 vertices × 4 normalised bytes (rgb, w), owned by the caller
 * @param imps   S·4 vertices × 1 float, owned by the caller
 * @throws RangeError (before anything is written) when Class mode names a class `net` lacks
 */
export function edgeSegmentStyle(
  net: EdgeColorInput,
  geometry: Pick<ProcessedGeometry, 'keptEdges' | 'pointOffsets'>,
  style: ColorStyle,
  colors: Uint8Array,
  imps: Float32Array,
): void {
  const C = net.numClasses;
  checkStyle(style, C);
  const table = new Float32Array((net.nodeImportance.length / C) * 4);
  nodeModeTable(net, style, table);
  const { norms, means } = nodeNormsAndMeans(net.nodeImportance, C);
  const classMode = style.mode === 'class';
  const invSqrtC = 1 / Math.sqrt(C);
  const { keptEdges, pointOffsets } = geometry;
  let vertex = 0;
  for (let k = 0; k < keptEdges.length; k++) {
    const e = keptEdges[k] as number;
    const s = net.edgeSource[e] as number;
    const t = net.edgeTarget[e] as number;
    const alpha = net.edgeAlpha[e] as number;
    const points = (pointOffsets[k + 1] as number) - (pointOffsets[k] as number);
    // nn_vis edge shaders: discard when importance_threshold ≥ α · mean(start importance)
    const hidden = style.edgeThreshold >= alpha * (means[s] as number);
    for (let j = 0; j + 1 < points; j++) {
      const u = (j + 1) / points;
      const size = ((1 - u) * (norms[s] as number) + u * (norms[t] as number)) * alpha;
      const w = classMode ? (1 - u) * (table[4 * s + 3] as number) + u * (table[4 * t + 3] as number) : size * invSqrtC;
      const r = byte((1 - u) * (table[4 * s] as number) + u * (table[4 * t] as number));
      const g = byte((1 - u) * (table[4 * s + 1] as number) + u * (table[4 * t + 1] as number));
      const b = byte((1 - u) * (table[4 * s + 2] as number) + u * (table[4 * t + 2] as number));
      const a = byte(w);
      const endSegment = j === 0 || j + 2 === points;
      const stored = hidden ? 0 : endSegment ? -size : size;
      for (let q = 0; q < VERTICES_PER_SEGMENT; q++, vertex++) {
        colors[4 * vertex] = r;
        colors[4 * vertex + 1] = g;
        colors[4 * vertex + 2] = b;
        colors[4 * vertex + 3] = a;
        imps[vertex] = stored;
      }
    }
  }
}
