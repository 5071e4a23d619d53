/**
 * The text of the hover tooltip for a picked node or edge: layer, index, importance per class and
 * weight. Pure strings from the network arrays; names and labels are outside text and reach the
 * page only through `textContent` (tooltip.ts).
 */
import type { NetworkArrays } from '../compute/types';
import type { PickResult } from '../render/picking';

/** Classes listed per node at most; the rest are summarised in one line. */
export const MAX_CLASS_LINES = 10;

/** A tooltip: a title line and detail lines. */
export interface TooltipText {
  readonly title: string;
  readonly lines: readonly string[];
}

function fixed(v: number): string {
  return v.toFixed(3);
}

/** The layer of global node `id` and its index within that layer. */
export function nodeLayer(net: Pick<NetworkArrays, 'layerOffsets'>, id: number): { layer: number; index: number } {
  let layer = 0;
  while (layer + 2 < net.layerOffsets.length && id >= (net.layerOffsets[layer + 1] as number)) layer++;
  return { layer, index: id - (net.layerOffsets[layer] as number) };
}

function layerName(net: NetworkArrays, layer: number): string {
  const name = net.layerNames[layer];
  return name ? name : `layer ${layer}`;
}

function className(net: NetworkArrays, c: number): string {
  const name = net.classNames[c];
  return name ? `class ${c} (${name})` : `class ${c}`;
}

// Classes of one or two nodes, largest first (by the first node), at most MAX_CLASS_LINES.
function classLines(net: NetworkArrays, first: number, second: number | null): string[] {
  const C = net.numClasses;
  const imp = net.nodeImportance;
  const order = Array.from({ length: C }, (_, c) => c).sort((a, b) => (imp[first * C + b] as number) - (imp[first * C + a] as number) || a - b);
  const shown = order.slice(0, MAX_CLASS_LINES);
  const lines = shown.map((c) => {
    const a = fixed(imp[first * C + c] as number);
    return second === null ? `${className(net, c)}: ${a}` : `${className(net, c)}: ${a} → ${fixed(imp[second * C + c] as number)}`;
  });
  if (C > shown.length) lines.push(`… ${C - shown.length} more classes`);
  return lines;
}

function norms(net: NetworkArrays, id: number): { norm: number; mean: number } {
  const C = net.numClasses;
  let sq = 0;
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const x = net.nodeImportance[id * C + c] as number;
    sq += x * x;
    sum += x;
  }
  return { norm: Math.sqrt(sq), mean: sum / C };
}

/** The tooltip of `pick` in `net`. */
export function tooltipText(net: NetworkArrays, pick: PickResult): TooltipText {
  if (pick.kind === 'node') {
    const { layer, index } = nodeLayer(net, pick.id);
    const { norm, mean } = norms(net, pick.id);
    const label = net.nodeLabels[pick.id];
    const lines = [`importance ‖i‖ ${fixed(norm)} · mean ${fixed(mean)}`, ...classLines(net, pick.id, null)];
    if (label) lines.unshift(`label: ${label}`);
    return { title: `${layerName(net, layer)} · node ${index}`, lines };
  }
  const e = pick.id;
  const s = net.edgeSource[e] as number;
  const t = net.edgeTarget[e] as number;
  const from = nodeLayer(net, s);
  const to = nodeLayer(net, t);
  const alpha = net.edgeAlpha[e] as number;
  return {
    title: `${layerName(net, from.layer)} ${from.index} → ${layerName(net, to.layer)} ${to.index}`,
    lines: [
      `weight ${(net.edgeWeight[e] as number).toPrecision(4)} · importance α ${fixed(alpha)}`,
      `score α·mean(source) ${fixed(alpha * norms(net, s).mean)}`,
      'class importance, source → target:',
      ...classLines(net, s, t),
    ],
  };
}
