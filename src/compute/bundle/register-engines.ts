/**
 * Makes the KDE engines selectable by `ProcessingParams.engine` (compute/engine.ts registry). Call
 * once wherever the pipeline runs (the compute worker, tests); `straight` is always available.
 */
import { registerEngine } from '../engine';
import { exactEngine } from './exact-engine';
import { fastEngine } from './fast-engine';

/** Registers `exact` and `fast`; calling it again is harmless. */
export function registerKdeEngines(): void {
  registerEngine(exactEngine);
  registerEngine(fastEngine);
}
