/**
 * Test helper: small networks in plain JS form (seeded), and the same network as
 * `NetworkArrays` built directly, without Arrow, for compute tests.
 */
import type { NetworkArrays } from '../../src/compute/types';

/** A network in plain JS form; edges hold layer-local indices as on the wire. */
export interface NetworkSpec {
  name: string;
  classNames: string[];
  layerSizes: number[];
  layerNames: string[];
  /** Per node (layer by layer), C importances. */
  importance: number[][];
  labels: (string | null)[];
  edges: { gap: number; source: number; target: number; weight: number; alpha: number }[];
}

/** Deterministic PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A dense network with random importance and α (seeded), every layer fully connected to the next. */
export function randomSpec(layerSizes: number[], numClasses: number, seed: number): NetworkSpec {
  const rand = seededRandom(seed);
  const importance: number[][] = [];
  const labels: (string | null)[] = [];
  layerSizes.forEach((size, l) => {
    for (let i = 0; i < size; i++) {
      importance.push(Array.from({ length: numClasses }, () => Math.fround(rand())));
      labels.push(l === 0 ? `in${i}` : null);
    }
  });
  const edges: NetworkSpec['edges'] = [];
  for (let g = 0; g + 1 < layerSizes.length; g++) {
    for (let s = 0; s < layerSizes[g]!; s++) {
      for (let t = 0; t < layerSizes[g + 1]!; t++) {
        edges.push({ gap: g, source: s, target: t, weight: Math.fround(rand() * 2 - 1), alpha: Math.fround(rand()) });
      }
    }
  }
  return {
    name: `random-${layerSizes.join('-')}`,
    classNames: Array.from({ length: numClasses }, (_, k) => `class ${k}`),
    layerSizes,
    layerNames: layerSizes.map((_, l) => `layer ${l}`),
    importance,
    labels,
    edges,
  };
}

/** `spec` as `NetworkArrays` (global node ids), built without Arrow. */
export function buildNetwork(spec: NetworkSpec): NetworkArrays {
  const layerOffsets = new Int32Array(spec.layerSizes.length + 1);
  spec.layerSizes.forEach((size, l) => (layerOffsets[l + 1] = layerOffsets[l]! + size));
  return {
    name: spec.name,
    layerSizes: Int32Array.from(spec.layerSizes),
    layerNames: spec.layerNames,
    layerOffsets,
    numClasses: spec.classNames.length,
    classNames: spec.classNames,
    nodeImportance: Float32Array.from(spec.importance.flat()),
    nodeLabels: spec.labels,
    edgeGap: Int32Array.from(spec.edges, (e) => e.gap),
    edgeSource: Int32Array.from(spec.edges, (e) => layerOffsets[e.gap]! + e.source),
    edgeTarget: Int32Array.from(spec.edges, (e) => layerOffsets[e.gap + 1]! + e.target),
    edgeWeight: Float32Array.from(spec.edges, (e) => e.weight),
    edgeAlpha: Float32Array.from(spec.edges, (e) => e.alpha),
  };
}

/**
 * A spec with the given layer sizes, one class, importance 1 everywhere and dense edges whose
 * α are `alphas` (in edge order) — for hand-checked pruning and geometry cases.
 */
export function denseSpec(layerSizes: number[], alphas?: number[], importance?: number[][]): NetworkSpec {
  const nodes = layerSizes.reduce((a, b) => a + b, 0);
  const edges: NetworkSpec['edges'] = [];
  for (let g = 0; g + 1 < layerSizes.length; g++) {
    for (let s = 0; s < layerSizes[g]!; s++) {
      for (let t = 0; t < layerSizes[g + 1]!; t++) {
        edges.push({ gap: g, source: s, target: t, weight: 0.5, alpha: alphas?.[edges.length] ?? 1 });
      }
    }
  }
  const imp = importance ?? Array.from({ length: nodes }, () => [1]);
  return {
    name: 'dense',
    classNames: (imp[0] ?? [1]).map((_, k) => `c${k}`),
    layerSizes,
    layerNames: layerSizes.map((_, l) => `L${l}`),
    importance: imp,
    labels: Array.from({ length: nodes }, () => null),
    edges,
  };
}
