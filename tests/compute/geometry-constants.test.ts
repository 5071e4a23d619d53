import { maxAdjacentDistance, maxSamplePoints, sampleLength } from '../../src/compute/geometry-constants';
import { gridLayout } from '../../src/compute/layout';
import { buildNetwork, denseSpec } from '../helpers/network-spec';

test('sample_length = layer_width / sampling_rate (0.0667 at the defaults)', () => {
  expect(sampleLength({ layerWidth: 1, samplingRate: 15 })).toBeCloseTo(0.0667, 4);
  expect(sampleLength({ layerWidth: 2, samplingRate: 10 })).toBe(0.2);
});

describe('max_sample_points for the MNIST network 784-81-49-10 (nn_vis regression numbers)', () => {
  const net = buildNetwork(denseSpec([784, 81, 49, 10]));

  test('d_max is 1.37 and max_sample_points 104 at layer distance 0.4', () => {
    const dMax = maxAdjacentDistance(net.layerOffsets, gridLayout(net, { layerWidth: 1, layerDistance: 0.4 }));
    expect(dMax).toBeCloseTo(1.37, 2);
    expect(maxSamplePoints(dMax, 1 / 15)).toBe(104);
  });

  test('107 at layer distance 0.5', () => {
    const dMax = maxAdjacentDistance(net.layerOffsets, gridLayout(net, { layerWidth: 1, layerDistance: 0.5 }));
    expect(maxSamplePoints(dMax, 1 / 15)).toBe(107);
  });
});

test('d_max only looks at nodes of adjacent layers', () => {
  // Three layers of one node on the z axis: adjacent distance 1, not 2.
  const net = buildNetwork(denseSpec([1, 1, 1]));
  expect(maxAdjacentDistance(net.layerOffsets, gridLayout(net, { layerWidth: 1, layerDistance: 1 }))).toBe(1);
});
