/**
 * Processing parameters: nn_vis's code defaults (reference/nn_vis.md §2.1) and the one validator
 * every entry point (widget, worker) runs before processing, so a bad value is a clear message
 * naming the parameter and its allowed range rather than a hang or a NaN picture.
 */
import type { EngineName, ProcessingParams } from './types';

/** Every engine name the parameters accept (an engine may still be missing from a build). */
export const ENGINE_NAMES: readonly EngineName[] = ['fast', 'exact', 'straight'];

/**
 * nn_vis `processing/processing_config.py` `set_defaults()`, parameter for parameter. The engine
 * is `fast` (registered by compute/bundle/register-engines.ts); the seed is 0.
 */
export const DEFAULT_PARAMS: ProcessingParams = Object.freeze({
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

/**
 * Upper bounds that keep sizes sane. nn_vis enforces none; past these the sample and grid counts
 * (which grow with samplingRate and with layerDistance/layerWidth) exhaust a worker's memory.
 */
export const MAX_LAYER_DISTANCE = 100;
/** Largest accepted `layerWidth` (world units). */
export const MAX_LAYER_WIDTH = 100;
/** Largest accepted `samplingRate` (nn_vis README recommends 5–20). */
export const MAX_SAMPLING_RATE = 200;
/** Largest accepted `smoothingIterations` (nn_vis README range 0–16). */
export const MAX_SMOOTHING_ITERATIONS = 64;

/** Thrown by `validateParams`; the message names the parameter, the value and the allowed range. */
export class InvalidParamsError extends RangeError {
  /** The offending parameter (TypeScript name). */
  readonly param: string;

  constructor(param: string, value: unknown, allowed: string) {
    super(`processing parameter ${param} = ${describe(value)} is invalid; allowed: ${allowed}`);
    this.name = 'InvalidParamsError';
    this.param = param;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function numberIn(p: Record<string, unknown>, key: string, ok: (v: number) => boolean, allowed: string): void {
  const v = p[key];
  if (typeof v !== 'number' || !ok(v)) throw new InvalidParamsError(key, v, allowed);
}

/**
 * `DEFAULT_PARAMS` overridden by `p`, after checking every value.
 *
 * @param p any subset of the parameters (unknown keys are rejected, to catch typos)
 * @returns a new frozen, complete parameter object
 * @throws InvalidParamsError naming the first bad parameter and its allowed range
 */
export function validateParams(p: Partial<ProcessingParams>): ProcessingParams {
  if (typeof p !== 'object' || p === null) throw new InvalidParamsError('(all)', p, 'an object of processing parameters');
  for (const key of Object.keys(p)) {
    if (!(key in DEFAULT_PARAMS)) throw new InvalidParamsError(key, (p as Record<string, unknown>)[key], `no such parameter (known: ${Object.keys(DEFAULT_PARAMS).join(', ')})`);
  }
  const merged = { ...DEFAULT_PARAMS, ...p };
  const m = merged as unknown as Record<string, unknown>;
  numberIn(m, 'layerDistance', (v) => v > 0 && v <= MAX_LAYER_DISTANCE, `a number in (0, ${MAX_LAYER_DISTANCE}]`);
  numberIn(m, 'layerWidth', (v) => v > 0 && v <= MAX_LAYER_WIDTH, `a number in (0, ${MAX_LAYER_WIDTH}]`);
  numberIn(m, 'samplingRate', (v) => v > 0 && v <= MAX_SAMPLING_RATE, `a number in (0, ${MAX_SAMPLING_RATE}]`);
  numberIn(m, 'prunePercentage', (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
  numberIn(m, 'nodeBandwidthReduction', (v) => v > 0 && v < 1, 'a number in (0, 1)');
  numberIn(m, 'edgeBandwidthReduction', (v) => v > 0 && v < 1, 'a number in (0, 1)');
  numberIn(m, 'edgeImportanceType', (v) => v === 0 || v === 1 || v === 2 || v === 3, 'one of 0, 1, 2, 3');
  if (typeof merged.smoothing !== 'boolean') throw new InvalidParamsError('smoothing', merged.smoothing, 'true or false');
  numberIn(m, 'smoothingIterations', (v) => Number.isInteger(v) && v >= 0 && v <= MAX_SMOOTHING_ITERATIONS, `an integer in [0, ${MAX_SMOOTHING_ITERATIONS}]`);
  if (!ENGINE_NAMES.includes(merged.engine)) throw new InvalidParamsError('engine', merged.engine, ENGINE_NAMES.map((e) => `"${e}"`).join(', '));
  numberIn(m, 'seed', Number.isSafeInteger, 'an integer');
  return Object.freeze(merged);
}
