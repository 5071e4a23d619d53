import { DEFAULT_PARAMS, InvalidParamsError, validateParams } from '../../src/compute/params';
import type { ProcessingParams } from '../../src/compute/types';
import { TRAITS } from '../../src/widget/traits';

test('defaults are nn_vis code defaults (processing_config.py set_defaults)', () => {
  expect(DEFAULT_PARAMS).toEqual({
    layerDistance: 0.4,
    layerWidth: 1.0,
    samplingRate: 15.0,
    prunePercentage: 0.0,
    nodeBandwidthReduction: 0.95,
    edgeBandwidthReduction: 0.9,
    edgeImportanceType: 0,
    smoothing: true,
    smoothingIterations: 8,
    engine: 'fast',
    seed: 0,
  });
});

test('defaults agree with the trait table the widget and Python share', () => {
  for (const [name, value] of Object.entries(DEFAULT_PARAMS)) {
    expect([name, TRAITS[name as keyof typeof TRAITS].default]).toEqual([name, value]);
  }
});

test('validateParams fills in defaults and returns a frozen copy', () => {
  const p = validateParams({ prunePercentage: 0.9, engine: 'exact' });
  expect(p).toEqual({ ...DEFAULT_PARAMS, prunePercentage: 0.9, engine: 'exact' });
  expect(Object.isFrozen(p)).toBe(true);
});

test('boundary values are accepted', () => {
  for (const ok of [{ prunePercentage: 0 }, { prunePercentage: 1 }, { smoothingIterations: 0 }, { smoothingIterations: 64 }, { seed: -3 }, { edgeImportanceType: 3 as const }, { smoothing: false }]) {
    expect(() => validateParams(ok)).not.toThrow();
  }
});

const BAD: [string, unknown, string][] = [
  ['layerDistance', 0, 'a number in (0, 100]'],
  ['layerDistance', -0.4, 'a number in (0, 100]'],
  ['layerDistance', NaN, 'a number in (0, 100]'],
  ['layerDistance', Infinity, 'a number in (0, 100]'],
  ['layerWidth', 0, 'a number in (0, 100]'],
  ['samplingRate', 0, 'a number in (0, 200]'],
  ['samplingRate', 1e6, 'a number in (0, 200]'],
  ['samplingRate', '15', 'a number in (0, 200]'],
  ['prunePercentage', -0.1, 'a number in [0, 1]'],
  ['prunePercentage', 1.5, 'a number in [0, 1]'],
  ['prunePercentage', NaN, 'a number in [0, 1]'],
  ['nodeBandwidthReduction', 1, 'a number in (0, 1)'],
  ['nodeBandwidthReduction', 0, 'a number in (0, 1)'],
  ['edgeBandwidthReduction', 1.2, 'a number in (0, 1)'],
  ['edgeImportanceType', 4, 'one of 0, 1, 2, 3'],
  ['edgeImportanceType', 0.5, 'one of 0, 1, 2, 3'],
  ['smoothing', 'yes', 'true or false'],
  ['smoothingIterations', 2.5, 'an integer in [0, 64]'],
  ['smoothingIterations', -1, 'an integer in [0, 64]'],
  ['smoothingIterations', 65, 'an integer in [0, 64]'],
  ['engine', 'turbo', '"fast", "exact", "straight"'],
  ['seed', 1.5, 'an integer'],
  ['seed', NaN, 'an integer'],
];

test.each(BAD)('%s = %p is refused with its allowed range', (param, value, allowed) => {
  let caught: unknown;
  try {
    validateParams({ [param]: value } as Partial<ProcessingParams>);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InvalidParamsError);
  expect((caught as InvalidParamsError).param).toBe(param);
  expect((caught as Error).message).toContain(`processing parameter ${param} = `);
  expect((caught as Error).message.endsWith(`is invalid; allowed: ${allowed}`)).toBe(true);
});

test('a misspelt parameter is refused instead of silently ignored', () => {
  expect(() => validateParams({ layerDistanse: 0.5 } as unknown as Partial<ProcessingParams>)).toThrow(/processing parameter layerDistanse = 0\.5 is invalid; allowed: no such parameter/);
});
