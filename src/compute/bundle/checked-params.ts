/**
 * Parameter check shared by the KDE engines: compute/params.ts `validateParams` (types and ranges,
 * naming the parameter) plus the bandwidth schedules, which refuse reductions that would need more
 * than MAX_LEVELS levels. Runs when a phase is requested, not at its first level.
 */
import { validateParams } from '../params';
import type { ProcessingParams } from '../types';
import { edgeSchedule, nodeSchedule } from './schedule';

/** A validated, frozen copy of `params`; throws a RangeError naming the first bad parameter. */
export function checkedParams(params: ProcessingParams): ProcessingParams {
  const p = validateParams(params);
  nodeSchedule(p);
  edgeSchedule(p);
  return p;
}
