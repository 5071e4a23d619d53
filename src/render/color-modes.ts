/**
 * Colour modes as pure maths on typed arrays (reference/nn_vis.md §3.4, §8.1, §8.5): the colour
 * and the alpha term of every node and every polyline point for Independent, All and Class k, and
 * the importance thresholds that hide nodes and edges. No three.js: the layers upload the results.
 */
import type { NetworkArrays, ProcessedGeometry } from '../compute/types';
import type { Rgb } from './theme';

/** Names accepted by the `color_mode` trait (nn_vis's "Class Visibility" buttons). */
export type ColorModeName = 'independent' | 'all' | 'class';

/** Every colour mode name. */
export const COLOR_MODE_NAMES: readonly ColorModeName[] = ['independent', 'all', 'class'];

/** Alpha value that marks a hidden node or edge point (below every real alpha term). */
export const HIDDEN = -1;

/** What to colour by and what to hide. */
export interface ColorStyle {
  /** Independent (ink colour, importance alpha), All (class mix) or Class k. */
  readonly mode: ColorModeName;
  /** Class k of the Class mode, 0 ≤ k < C (ignored by the other modes). */
  readonly showClass: number;
  /** Class colours, C·3 linear RGB floats (see `classPalette`). */
  readonly palette: Float32Array;
  /** Independent-mode colour (nn_vis: black on white). */
  readonly ink: Rgb;
  /** nn_vis node_importance_threshold: a node with ‖i‖ ≤ threshold is hidden (0.01). */
  readonly nodeThreshold: number;
  /** nn_vis edge_importance_threshold: an edge with α·mean(source) ≤ threshold is hidden (0.01). */
  readonly edgeThreshold: number;
}

/** The network fields the colour maths reads. */
export type ColorInput = Pick<NetworkArrays, 'nodeImportance' | 'numClasses'>;

/** The network fields the edge colour maths reads. */
export type EdgeColorInput = ColorInput & Pick<NetworkArrays, 'edgeSource' | 'edgeTarget' | 'edgeAlpha'>;

function checkStyle(style: ColorStyle, numClasses: number): void {
  if (style.palette.length < 3 * numClasses) {
    throw new RangeError(`palette has ${style.palette.length / 3} colours for ${numClasses} classes`);
  }
  if (style.mode === 'class' && !(Number.isInteger(style.showClass) && style.showClass >= 0 && style.showClass < numClasses)) {
    throw new RangeError(`show_class = ${style.showClass} is not a class of this network (0 … ${numClasses - 1})`);
  }
}

/**
 * Per node: the mode colour (rgb) and the weight the edge alpha interpolates from its end nodes —
 * ‖i‖₂ for Independent and All (nn_vis: imp = lerp(‖start‖, ‖end‖)·α), share_k for Class k — into
 * `out` (N·4). Thresholds are left to the callers.
 */
function nodeModeTable(net: ColorInput, style: ColorStyle, out: Float32Array): void {
  const C = net.numClasses;
  const imp = net.nodeImportance;
  const pal = style.palette;
  const k = style.showClass;
  const n = imp.length / C;
  for (let v = 0; v < n; v++) {
    const row = v * C;
    let sum = 0;
    let sq = 0;
    for (let c = 0; c < C; c++) {
      const x = imp[row + c] as number;
      sum += x;
      sq += x * x;
    }
    const o = 4 * v;
    if (style.mode === 'independent') {
      out[o] = style.ink[0];
      out[o + 1] = style.ink[1];
      out[o + 2] = style.ink[2];
      out[o + 3] = Math.sqrt(sq);
    } else if (style.mode === 'all') {
      // nn_vis: colour = Σ_c colour_c · i_c/Σi, a convex mix of the class colours
      let r = 0;
      let g = 0;
      let b = 0;
      if (sum > 0) {
        for (let c = 0; c < C; c++) {
          const s = (imp[row + c] as number) / sum;
          r += (pal[3 * c] as number) * s;
          g += (pal[3 * c + 1] as number) * s;
          b += (pal[3 * c + 2] as number) * s;
        }
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = Math.sqrt(sq);
    } else {
      const share = sum > 0 ? (imp[row + k] as number) / sum : 0;
      out[o] = (pal[3 * k] as number) * share;
      out[o + 1] = (pal[3 * k + 1] as number) * share;
      out[o + 2] = (pal[3 * k + 2] as number) * share;
      out[o + 3] = share;
    }
  }
}

/**
 * Node colours and alpha terms, nn_vis §8.1/§8.5: rgb = ink (Independent), Σ colour_c·share_c
 * (All) or colour_k·share_k (Class k); alpha term = mean(i) (Independent, All: nn_vis divides by an
 * `importance_max` uniform it never sets, so 1) or share_k (Class k). A node with ‖i‖ = 0 or
 * ‖i‖ ≤ `nodeThreshold` gets alpha `HIDDEN`.
 *
 * @param out N·4 floats (rgba per node), written in full; owned by the caller
 */
export function nodeColors(net: ColorInput, style: ColorStyle, out: Float32Array): void {
  const C = net.numClasses;
  checkStyle(style, C);
  nodeModeTable(net, style, out);
  const imp = net.nodeImportance;
  const n = imp.length / C;
  for (let v = 0; v < n; v++) {
    let sum = 0;
    let sq = 0;
    for (let c = 0; c < C; c++) {
      const x = imp[v * C + c] as number;
      sum += x;
      sq += x * x;
    }
    const norm = Math.sqrt(sq);
    // nn_vis node shaders: discard when ‖i‖ = 0 or importance_threshold ≥ ‖i‖
    if (norm === 0 || style.nodeThreshold >= norm) out[4 * v + 3] = HIDDEN;
    else if (style.mode !== 'class') out[4 * v + 3] = sum / C;
  }
}

/**
 * Colours of opaque node discs, the walking skeleton's node look (nn_vis's opaque Sphere mode
 * shows the mode colour unchanged): rgb as `nodeColors` gives it, except in Class k mode, where it
 * is pre-mixed with the background by share_k (nn_vis §8.2: rgb·a + background·(1 − a)) so that
 * nodes unrelated to class k fade away as in nn_vis's transparent modes; share_k = 0 hides them.
 *
 * @param rgba   per-node output of `nodeColors` (N·4)
 * @param out    N·4 floats: display rgb, alpha 1 (shown) or `HIDDEN`; may alias `rgba`
 */
export function nodeDisplayColors(rgba: Float32Array, mode: ColorModeName, background: Rgb, out: Float32Array): void {
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba[o + 3] as number;
    if (a === HIDDEN || (mode === 'class' && a <= 0)) {
      out[o] = rgba[o] as number;
      out[o + 1] = rgba[o + 1] as number;
      out[o + 2] = rgba[o + 2] as number;
      out[o + 3] = HIDDEN;
    } else if (mode === 'class') {
      out[o] = (rgba[o] as number) * a + background[0] * (1 - a);
      out[o + 1] = (rgba[o + 1] as number) * a + background[1] * (1 - a);
      out[o + 2] = (rgba[o + 2] as number) * a + background[2] * (1 - a);
      out[o + 3] = 1;
    } else {
      out[o] = rgba[o] as number;
      out[o + 1] = rgba[o + 1] as number;
      out[o + 2] = rgba[o + 2] as number;
      out[o + 3] = 1;
    }
  }
}

/**
 * Colour and alpha term of every polyline point, nn_vis §8.1/§8.5. Along an edge from s to t,
 * point j of n has u = j/(n−1) and
 * - rgb = (1−u)·rgb(s) + u·rgb(t), which equals the class mix of the interpolated shares,
 * - alpha = ((1−u)·‖i_s‖ + u·‖i_t‖)·α/√C (Independent, All) or (1−u)·share_k(s) + u·share_k(t) (Class k).
 * An edge with α·mean(i_s) ≤ `edgeThreshold` gets alpha `HIDDEN` on all its points.
 *
 * Deviation: nn_vis colours a whole segment j→j+1 with u = (j+1)/n (its impostors are per segment);
 * per-point u puts each node's own colour exactly at both ends of a line.
 *
 * @param geometry kept edges and their point offsets
 * @param out      P·4 floats (rgba per polyline point), written in full; owned by the caller
 */
export function edgePointColors(
  net: EdgeColorInput,
  geometry: Pick<ProcessedGeometry, 'keptEdges' | 'pointOffsets'>,
  style: ColorStyle,
  out: Float32Array,
): void {
  const C = net.numClasses;
  checkStyle(style, C);
  const imp = net.nodeImportance;
  const table = new Float32Array((imp.length / C) * 4);
  nodeModeTable(net, style, table);
  const alphaScale = style.mode === 'class' ? 1 : 1 / Math.sqrt(C);
  const { keptEdges, pointOffsets } = geometry;
  for (let k = 0; k < keptEdges.length; k++) {
    const e = keptEdges[k] as number;
    const s = net.edgeSource[e] as number;
    const t = net.edgeTarget[e] as number;
    const alpha = net.edgeAlpha[e] as number;
    const start = pointOffsets[k] as number;
    const end = pointOffsets[k + 1] as number;
    let meanSource = 0;
    for (let c = 0; c < C; c++) meanSource += imp[s * C + c] as number;
    meanSource /= C;
    // nn_vis edge shaders: discard when importance_threshold ≥ α · mean(start importance)
    const hidden = style.edgeThreshold >= alpha * meanSource;
    const weight = style.mode === 'class' ? alphaScale : alpha * alphaScale;
    const last = Math.max(end - start - 1, 1);
    for (let p = start; p < end; p++) {
      const u = (p - start) / last;
      const o = 4 * p;
      out[o] = (1 - u) * (table[4 * s] as number) + u * (table[4 * t] as number);
      out[o + 1] = (1 - u) * (table[4 * s + 1] as number) + u * (table[4 * t + 1] as number);
      out[o + 2] = (1 - u) * (table[4 * s + 2] as number) + u * (table[4 * t + 2] as number);
      out[o + 3] = hidden ? HIDDEN : ((1 - u) * (table[4 * s + 3] as number) + u * (table[4 * t + 3] as number)) * weight;
    }
  }
}
