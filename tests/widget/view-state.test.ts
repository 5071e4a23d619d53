import { validateParams } from '../../src/compute/params';
import { DEFAULT_RENDER_STYLE } from '../../src/render/render-style';
import { STATE_TRAITS, TRAITS } from '../../src/widget/traits';
import {
  defaultViewState,
  processingParams,
  pythonName,
  readViewState,
  renderStyle,
  TRAIT_NAMES,
  traitName,
  traitsOfKind,
} from '../../src/widget/view-state';

function model(values: Record<string, unknown>): { get(name: string): unknown } {
  return { get: (name) => values[name] };
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

describe('trait table', () => {
  test('every Python name is the snake_case of its TypeScript name (a typo would silently unsync a trait)', () => {
    for (const name of TRAIT_NAMES) expect(pythonName(name)).toBe(snake(name));
  });

  test('snake ↔ camel round trip through the table', () => {
    for (const name of TRAIT_NAMES) expect(traitName(pythonName(name))).toBe(name);
    expect(traitName('prune_percentage')).toBe('prunePercentage');
    expect(traitName('no_such_trait')).toBeUndefined();
  });

  test('state traits do not collide with parameters', () => {
    const params = new Set(TRAIT_NAMES.map(pythonName));
    for (const python of Object.values(STATE_TRAITS)) expect(params.has(python)).toBe(false);
  });

  test('the kinds route the issue-2 parameters: pruning and layout re-process, colours redraw', () => {
    expect(traitsOfKind('processing')).toEqual(expect.arrayContaining(['prunePercentage', 'layerDistance', 'layerWidth']));
    expect(traitsOfKind('rendering')).toEqual(expect.arrayContaining(['colorMode', 'showClass', 'background', 'height']));
    expect(traitsOfKind('camera')).toEqual(['cameraPreset', 'autoRotate']);
    expect(traitsOfKind('processing').length + traitsOfKind('rendering').length + traitsOfKind('camera').length).toBe(TRAIT_NAMES.length);
  });
});

describe('reading the model', () => {
  test('a model without values gives nn_vis defaults and no problems', () => {
    const { state, problems } = readViewState(model({}));
    expect(problems).toEqual([]);
    expect(state).toEqual(defaultViewState());
    expect(state).toMatchObject({ layerDistance: 0.4, layerWidth: 1, samplingRate: 15, prunePercentage: 0, nodeObjectRadius: 0.04, cameraPreset: 'left' });
  });

  test('values are read by their Python names', () => {
    const { state, problems } = readViewState(
      model({ prune_percentage: 0.9, color_mode: 'class', show_class: 3, camera_preset: 'upper_back_right', background: 'dark', auto_rotate: true }),
    );
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ prunePercentage: 0.9, colorMode: 'class', showClass: 3, cameraPreset: 'upper_back_right', background: 'dark', autoRotate: true });
  });

  test('a bad value is ignored with a message naming the trait and the allowed values', () => {
    const { state, problems, invalid } = readViewState(model({ color_mode: 'rainbow', height: -5, smoothing: 'yes', layer_width: Number.NaN }));
    expect(state.colorMode).toBe(TRAITS.colorMode.default);
    expect(state.height).toBe(TRAITS.height.default);
    expect(state.smoothing).toBe(true);
    expect(state.layerWidth).toBe(1);
    expect(invalid).toEqual(['layerWidth', 'smoothing', 'colorMode', 'height']);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^layer_width = NaN is invalid/);
    expect(problems.find((p) => p.startsWith('color_mode'))).toMatch(/"rainbow".*one of "independent", "all", "class"/);
  });

  test('a bad value keeps the previous good one, not the default', () => {
    const previous = readViewState(model({ color_mode: 'class', show_class: 2 })).state;
    const { state, problems } = readViewState(model({ color_mode: 'plaid', show_class: 2 }), previous);
    expect(state.colorMode).toBe('class');
    expect(problems[0]).toMatch(/keeping "class"/);
  });

  test('the processing parameters of the default state pass the compute validator unchanged', () => {
    const params = processingParams(defaultViewState());
    expect(Object.keys(params).sort()).toEqual([...traitsOfKind('processing')].sort());
    expect(validateParams(params)).toEqual(params);
  });
});

describe('rendering parameters', () => {
  test('the trait defaults are nn_vis\'s rendering.json code defaults', () => {
    expect(renderStyle(defaultViewState())).toEqual(DEFAULT_RENDER_STYLE);
    expect(DEFAULT_RENDER_STYLE.edgeOpacity).toEqual({ baseOpacity: 0, importanceOpacity: 1.1, depthOpacity: 0.5, opacityExponent: 0.25 });
    expect(DEFAULT_RENDER_STYLE.nodeOpacity).toEqual({ baseOpacity: 0, importanceOpacity: 1.0, depthOpacity: 0.5, opacityExponent: 0.5 });
    expect([DEFAULT_RENDER_STYLE.edgeRenderMode, DEFAULT_RENDER_STYLE.nodeRenderMode]).toEqual(['ellipsoid_transparent', 'sphere_transparent']);
  });

  test('bad render modes and opacities keep their previous value and say what is allowed', () => {
    const { state, problems } = readViewState(model({ edge_render_mode: 'point', node_base_opacity: 2, edge_opacity_exponent: -1, node_depth_opacity: 0.25 }));
    expect(state.edgeRenderMode).toBe('ellipsoid_transparent');
    expect(state.nodeBaseOpacity).toBe(0);
    expect(state.edgeOpacityExponent).toBe(0.25);
    expect(state.nodeDepthOpacity).toBe(0.25);
    expect(problems).toEqual([
      expect.stringContaining('edge_render_mode = "point" is invalid'),
      expect.stringContaining('node_base_opacity = 2 is invalid (expected a number in [0, 1])'),
      expect.stringContaining('edge_opacity_exponent = -1 is invalid'),
    ]);
  });
});
