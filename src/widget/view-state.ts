/**
 * Kernel → view: every parameter trait read from the model through the one name table
 * (traits.ts) into a typed `ViewState`. Values come from outside: each is checked, and a bad or
 * missing one falls back to its default with a problem message the view shows in the cell.
 */
import { ENGINE_NAMES } from '../compute/params';
import type { ProcessingParams } from '../compute/types';
import { CAMERA_PRESET_NAMES, type CameraPresetName } from '../render/camera-presets';
import { COLOR_MODE_NAMES, type ColorModeName } from '../render/color-modes';
import { EDGE_RENDER_MODES, NODE_RENDER_MODES, type EdgeRenderMode, type NodeRenderMode, type RenderStyle } from '../render/render-style';
import { BACKGROUND_NAMES, type BackgroundName } from '../render/theme';
import type { WidgetModel } from './model';
import { TRAITS, type TraitKind, type TraitName } from './traits';

/** Every parameter of a view, by TypeScript name, with its checked type: the processing ones, then rendering and camera. */
export interface ViewState extends ProcessingParams {
  readonly colorMode: ColorModeName;
  readonly showClass: number;
  readonly nodeObjectRadius: number;
  readonly edgeObjectRadius: number;
  readonly nodeImportanceThreshold: number;
  readonly edgeImportanceThreshold: number;
  readonly nodeRenderMode: NodeRenderMode;
  readonly edgeRenderMode: EdgeRenderMode;
  readonly nodeBaseOpacity: number;
  readonly nodeImportanceOpacity: number;
  readonly nodeDepthOpacity: number;
  readonly nodeOpacityExponent: number;
  readonly edgeBaseOpacity: number;
  readonly edgeImportanceOpacity: number;
  readonly edgeDepthOpacity: number;
  readonly edgeOpacityExponent: number;
  readonly background: BackgroundName;
  readonly height: number;
  readonly cameraPreset: CameraPresetName;
  readonly autoRotate: boolean;
}

// ViewState and the trait table must list the same names: a trait added to one only fails here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const KEYS_MATCH: SameKeys<ViewState, typeof TRAITS> = true;
void KEYS_MATCH;

/** The result of checking one raw value: the value, or what is wrong with it. */
type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

function finite(raw: unknown): Checked<number> {
  return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, expected: 'a finite number' };
}

function nonNegative(raw: unknown): Checked<number> {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? { ok: true, value: raw } : { ok: false, expected: 'a finite number ≥ 0' };
}

function unitInterval(raw: unknown): Checked<number> {
  return typeof raw === 'number' && raw >= 0 && raw <= 1 ? { ok: true, value: raw } : { ok: false, expected: 'a number in [0, 1]' };
}

function nonNegativeInt(raw: unknown): Checked<number> {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? { ok: true, value: raw } : { ok: false, expected: 'an integer ≥ 0' };
}

function positiveInt(raw: unknown): Checked<number> {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? { ok: true, value: raw } : { ok: false, expected: 'an integer ≥ 1' };
}

function bool(raw: unknown): Checked<boolean> {
  return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, expected: 'true or false' };
}

function oneOf<T extends string | number>(allowed: readonly T[]): (raw: unknown) => Checked<T> {
  return (raw) =>
    (allowed as readonly unknown[]).includes(raw)
      ? { ok: true, value: raw as T }
      : { ok: false, expected: `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` };
}

// Processing values are range-checked by validateParams (compute/params.ts) before a job starts;
// here only their type, so that its message, which names the parameter, is the one users see.
const CHECKS: { readonly [K in TraitName]: (raw: unknown) => Checked<ViewState[K]> } = {
  layerDistance: finite,
  layerWidth: finite,
  samplingRate: finite,
  prunePercentage: finite,
  nodeBandwidthReduction: finite,
  edgeBandwidthReduction: finite,
  edgeImportanceType: oneOf([0, 1, 2, 3] as const),
  smoothing: bool,
  smoothingIterations: nonNegativeInt,
  engine: oneOf(ENGINE_NAMES),
  seed: nonNegativeInt,
  colorMode: oneOf(COLOR_MODE_NAMES),
  showClass: nonNegativeInt,
  nodeObjectRadius: nonNegative,
  edgeObjectRadius: nonNegative,
  nodeImportanceThreshold: finite,
  edgeImportanceThreshold: finite,
  nodeRenderMode: oneOf(NODE_RENDER_MODES),
  edgeRenderMode: oneOf(EDGE_RENDER_MODES),
  nodeBaseOpacity: unitInterval,
  nodeImportanceOpacity: nonNegative,
  nodeDepthOpacity: unitInterval,
  nodeOpacityExponent: nonNegative,
  edgeBaseOpacity: unitInterval,
  edgeImportanceOpacity: nonNegative,
  edgeDepthOpacity: unitInterval,
  edgeOpacityExponent: nonNegative,
  background: oneOf(BACKGROUND_NAMES),
  height: positiveInt,
  cameraPreset: oneOf(CAMERA_PRESET_NAMES),
  autoRotate: bool,
};

/** Every trait name, in table order. */
export const TRAIT_NAMES = Object.keys(TRAITS) as readonly TraitName[];

const BY_PYTHON: ReadonlyMap<string, TraitName> = new Map(TRAIT_NAMES.map((name) => [TRAITS[name].python, name]));

/** The Python (snake_case) name of a trait. */
export function pythonName(name: TraitName): string {
  return TRAITS[name].python;
}

/** The TypeScript (camelCase) name of the trait with Python name `python`, or undefined if there is none. */
export function traitName(python: string): TraitName | undefined {
  return BY_PYTHON.get(python);
}

/** The names of the traits of one kind (processing, rendering or camera), in table order. */
export function traitsOfKind(kind: TraitKind): readonly TraitName[] {
  return TRAIT_NAMES.filter((name) => TRAITS[name].kind === kind);
}

/** The default of every trait (the table's, i.e. nn_vis's code defaults). */
export function defaultViewState(): ViewState {
  const state: Record<string, unknown> = {};
  for (const name of TRAIT_NAMES) state[name] = TRAITS[name].default;
  return state as unknown as ViewState;
}

/** A view state and the problems met while reading it. */
export interface ReadResult {
  readonly state: ViewState;
  /** One sentence per trait whose value was invalid and was ignored. */
  readonly problems: readonly string[];
  /** The traits whose value was invalid, in table order. */
  readonly invalid: readonly TraitName[];
}

/**
 * Reads every trait of the table from `model` by its Python name. A trait the model does not have
 * (undefined) takes its value from `fallback` silently; an invalid value is ignored too (the
 * fallback's value stays) and adds a problem naming the trait, the value and what is allowed.
 *
 * @param fallback the values to keep for missing or invalid traits (default: the table's defaults)
 */
export function readViewState(model: Pick<WidgetModel, 'get'>, fallback: ViewState = defaultViewState()): ReadResult {
  const state: Record<string, unknown> = {};
  const problems: string[] = [];
  const invalid: TraitName[] = [];
  for (const name of TRAIT_NAMES) {
    const raw = model.get(TRAITS[name].python);
    if (raw === undefined) {
      state[name] = fallback[name];
      continue;
    }
    const checked = CHECKS[name](raw) as Checked<unknown>;
    if (checked.ok) {
      state[name] = checked.value;
    } else {
      state[name] = fallback[name];
      invalid.push(name);
      problems.push(`${TRAITS[name].python} = ${describe(raw)} is invalid (expected ${checked.expected}); keeping ${describe(fallback[name])}`);
    }
  }
  return { state: state as unknown as ViewState, problems, invalid };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeof value;
}

/** The rendering parameters of a view state (every one: a field added to RenderStyle and missing here fails to compile). */
export function renderStyle(state: ViewState): RenderStyle {
  return {
    colorMode: state.colorMode,
    showClass: state.showClass,
    background: state.background,
    nodeRenderMode: state.nodeRenderMode,
    edgeRenderMode: state.edgeRenderMode,
    nodeObjectRadius: state.nodeObjectRadius,
    edgeObjectRadius: state.edgeObjectRadius,
    nodeImportanceThreshold: state.nodeImportanceThreshold,
    edgeImportanceThreshold: state.edgeImportanceThreshold,
    nodeOpacity: {
      baseOpacity: state.nodeBaseOpacity,
      importanceOpacity: state.nodeImportanceOpacity,
      depthOpacity: state.nodeDepthOpacity,
      opacityExponent: state.nodeOpacityExponent,
    },
    edgeOpacity: {
      baseOpacity: state.edgeBaseOpacity,
      importanceOpacity: state.edgeImportanceOpacity,
      depthOpacity: state.edgeDepthOpacity,
      opacityExponent: state.edgeOpacityExponent,
    },
  };
}

/**
 * The processing parameters of a view state (every one: a parameter added to ProcessingParams
 * and missing here fails to compile). Range checks are `validateParams`'s.
 */
export function processingParams(state: ViewState): ProcessingParams {
  return {
    layerDistance: state.layerDistance,
    layerWidth: state.layerWidth,
    samplingRate: state.samplingRate,
    prunePercentage: state.prunePercentage,
    nodeBandwidthReduction: state.nodeBandwidthReduction,
    edgeBandwidthReduction: state.edgeBandwidthReduction,
    edgeImportanceType: state.edgeImportanceType,
    smoothing: state.smoothing,
    smoothingIterations: state.smoothingIterations,
    engine: state.engine,
    seed: state.seed,
  };
}
