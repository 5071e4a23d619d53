/**
 * nn_vis's random network generator ("Generate Network", models/node.py + models/edge.py), seeded:
 * non-output nodes get one dominant class (max of two uniforms) and (min of two uniforms)² for the
 * others, output nodes are one-hot, edges get α uniform in [0, 1). Same draw order as nn_vis; the
 * generator is a seeded mulberry32, not Python's Mersenne Twister, so numbers differ from nn_vis's.
 * Used by tests and benchmarks.
 */
import type { NetworkArrays } from './types';

/** A seeded uniform generator in [0, 1) (mulberry32). Returns a closure; keep one per network. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A fully connected random network with the given layer sizes (≥ 2 layers, each ≥ 1); the class count
 * is the output layer's size, as in nn_vis. Edges are ordered by gap, source, target.
 */
export function randomNetwork(layerSizes: readonly number[], seed: number, name = 'random'): NetworkArrays {
  if (layerSizes.length < 2 || layerSizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`randomNetwork: need ≥ 2 layers of ≥ 1 node, got [${layerSizes.join(', ')}]`);
  }
  const random = seededRandom(seed);
  const L = layerSizes.length;
  const C = layerSizes[L - 1]!;
  const layerOffsets = new Int32Array(L + 1);
  for (let l = 0; l < L; l++) layerOffsets[l + 1] = layerOffsets[l]! + layerSizes[l]!;
  const N = layerOffsets[L]!;
  const nodeImportance = new Float32Array(N * C);
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < layerSizes[l]!; i++) {
      const o = (layerOffsets[l]! + i) * C;
      if (l === L - 1) {
        nodeImportance[o + i] = 1;
        continue;
      }
      const dominant = Math.floor(random() * C);
      for (let c = 0; c < C; c++) {
        const a = random(), b = random();
        nodeImportance[o + c] = c === dominant ? Math.max(a, b) : Math.min(a, b) ** 2;
      }
    }
  }
  let E = 0;
  for (let l = 0; l + 1 < L; l++) E += layerSizes[l]! * layerSizes[l + 1]!;
  const edgeGap = new Int32Array(E), edgeSource = new Int32Array(E), edgeTarget = new Int32Array(E);
  const edgeAlpha = new Float32Array(E);
  let e = 0;
  for (let l = 0; l + 1 < L; l++) {
    for (let s = 0; s < layerSizes[l]!; s++) {
      for (let t = 0; t < layerSizes[l + 1]!; t++) {
        edgeGap[e] = l;
        edgeSource[e] = layerOffsets[l]! + s;
        edgeTarget[e] = layerOffsets[l + 1]! + t;
        edgeAlpha[e] = random();
        e++;
      }
    }
  }
  return {
    name,
    layerSizes: Int32Array.from(layerSizes),
    layerNames: layerSizes.map((_, l) => `layer ${l}`),
    layerOffsets,
    numClasses: C,
    classNames: Array.from({ length: C }, (_, c) => `class ${c}`),
    nodeImportance,
    nodeLabels: new Array<string | null>(N).fill(null),
    edgeGap,
    edgeSource,
    edgeTarget,
    edgeWeight: edgeAlpha.slice(),
    edgeAlpha,
  };
}
