/**
 * Colour modes as pure maths on typed arrays (reference/nn_vis.md §3.4, §8.1, §8.5): the colour
 * and the alpha term of every node for Independent, All and Class k, and the node importance
 * threshold (edge segments: edge-segment-style.ts). No three.js: the layers upload the results.
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

/**
 * Checks `style` against a network of `numClasses` classes.
 *
 * @throws RangeError when the palette is too short or Class mode names a class the network lacks
 */
export function checkStyle(style: ColorStyle, numClasses: number): void {
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
 * `out` (N·4, owned by the caller). Thresholds are left to the callers.
 */
export function nodeModeTable(net: ColorInput, style: ColorStyle, out: Float32Array): void {
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
  checkStyle(style, net.numClasses);
  nodeModeTable(net, style, out);
  const { norms, means } = nodeNormsAndMeans(net.nodeImportance, net.numClasses);
  for (let v = 0; v < norms.length; v++) {
    const norm = norms[v] as number;
    // nn_vis node shaders: discard when ‖i‖ = 0 or importance_threshold ≥ ‖i‖
    if (norm === 0 || style.nodeThreshold >= norm) out[4 * v + 3] = HIDDEN;
    else if (style.mode !== 'class') out[4 * v + 3] = means[v] as number;
  }
}

/** ‖i‖ (size) and mean(i) (pruning score, alpha) of every node's class importance `imp` (N·C). */
export function nodeNormsAndMeans(imp: Float32Array, C: number): { norms: Float32Array; means: Float32Array } {
  const n = imp.length / C;
  const norms = new Float32Array(n), means = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    let sum = 0;
    let sq = 0;
    for (let c = 0; c < C; c++) {
      const x = imp[v * C + c] as number;
      sum += x;
      sq += x * x;
    }
    norms[v] = Math.sqrt(sq);
    means[v] = sum / C;
  }
  return { norms, means };
}
