import { validateParams } from '../../../src/compute/params';
import { bandwidthSchedule, bundleSizes, edgeSchedule, nodeSchedule, smoothingRadius } from '../../../src/compute/bundle/schedule';

const defaults = validateParams({});

describe('nn_vis bandwidth schedule', () => {
  it('runs 56 node levels and 23 edge levels at the defaults', () => {
    expect(nodeSchedule(defaults).levels).toBe(56);
    expect(edgeSchedule(defaults).levels).toBe(23);
  });

  it('shrinks the bandwidth geometrically from 0.75·w (nodes) and 0.5·w (edges), stopping below 2·cell', () => {
    const { limit } = bundleSizes(defaults);
    expect(limit).toBeCloseTo(2 / 45, 12);
    const edges = edgeSchedule(defaults);
    expect(edges.bandwidths[0]).toBe(0.5);
    expect(edges.bandwidths[3]).toBeCloseTo(0.5 * 0.9 ** 3, 12);
    expect(edges.bandwidths[22]).toBeGreaterThanOrEqual(limit);
    expect(0.5 * 0.9 ** 23).toBeLessThan(limit);
    const nodes = nodeSchedule(validateParams({ layerWidth: 2 }));
    expect(nodes.bandwidths[0]).toBe(1.5);
  });

  it('raises the class-similarity threshold as nn_vis does (edges 0.33/0.61/0.85/0.99, nodes 0.23/0.57/0.81/1.0)', () => {
    const e = edgeSchedule(defaults).similarities;
    expect(e[0]).toBe(0);
    expect(e[1]).toBeCloseTo(0.33, 2);
    expect(e[4]).toBeCloseTo(0.61, 2);
    expect(e[10]).toBeCloseTo(0.85, 2);
    expect(e[22]).toBeCloseTo(0.99, 2);
    const n = nodeSchedule(defaults).similarities;
    expect(n[1]).toBeCloseTo(0.23, 2);
    expect(n[7]).toBeCloseTo(0.57, 2);
    expect(n[19]).toBeCloseTo(0.81, 2);
    expect(n[55]).toBeCloseTo(1.0, 2);
  });

  it('uses the smoothing window R = max(⌊samples·8·red^(k+1)/100⌋, 1)', () => {
    const after = edgeSchedule(defaults).reductionsAfter;
    expect(after[0]).toBeCloseTo(0.9, 12);
    expect(smoothingRadius(15, after[0]!)).toBe(1); // typical edges: a 3-point mean
    expect(smoothingRadius(100, 1)).toBe(8);
    expect(smoothingRadius(100, 0.9)).toBe(7);
    expect(smoothingRadius(30, 0.9)).toBe(2);
    expect(smoothingRadius(2, 0.01)).toBe(1);
  });

  it('refuses a reduction that would need an absurd number of levels, naming the parameter', () => {
    expect(() => nodeSchedule(validateParams({ nodeBandwidthReduction: 0.99999 }))).toThrow(/node_bandwidth_reduction.*levels/);
    expect(() => bandwidthSchedule(0.5, 1, 0.04, 'edge_bandwidth_reduction')).toThrow(RangeError);
  });
});
