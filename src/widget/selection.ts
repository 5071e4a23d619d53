/**
 * The `selection` trait (both ways): `{nodes: [global node ids], edges: [network edge ids]}`.
 * Values from the kernel are checked here; clicks update the selection by these rules: a plain
 * click selects only what was clicked (or nothing, on empty space); with Shift, Ctrl or Cmd it
 * adds or removes the clicked item and keeps the rest.
 */
import type { PickResult } from '../render/picking';

/** Selected node and edge ids, each list sorted ascending without repeats. */
export interface Selection {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
}

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

function ids(value: unknown, limit: number): number[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const out = new Set<number>();
  for (const v of value) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit) return null;
    out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A selection from an untrusted trait value, for a network of `nodeCount` nodes and `edgeCount`
 * edges; null when it is malformed (not an object, ids that are not integers in range).
 */
export function parseSelection(value: unknown, nodeCount: number, edgeCount: number): Selection | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const nodes = ids(v.nodes, nodeCount);
  const edges = ids(v.edges, edgeCount);
  return nodes && edges ? { nodes, edges } : null;
}

function toggled(list: readonly number[], id: number): number[] {
  const out = list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  return out.sort((a, b) => a - b);
}

/** The selection after a click on `pick` (null: empty space), `additive` when a modifier key was held. */
export function clickSelection(current: Selection, pick: PickResult | null, additive: boolean): Selection {
  if (!pick) return additive ? current : EMPTY_SELECTION;
  if (!additive) return pick.kind === 'node' ? { nodes: [pick.id], edges: [] } : { nodes: [], edges: [pick.id] };
  return pick.kind === 'node' ? { nodes: toggled(current.nodes, pick.id), edges: current.edges } : { nodes: current.nodes, edges: toggled(current.edges, pick.id) };
}

/** Whether two selections hold the same ids. */
export function sameSelection(a: Selection, b: Selection): boolean {
  return a.nodes.length === b.nodes.length && a.edges.length === b.edges.length && a.nodes.every((x, i) => x === b.nodes[i]) && a.edges.every((x, i) => x === b.edges[i]);
}
