/**
 * What the main thread's compute front end (WorkerPool) promises its callers: progress reports,
 * the options of a job, and the rejection of a job that did not finish.
 */
import type { Phase, ProcessedGeometry } from '../compute/types';

/** Why a job ended without a result. */
export type CancelReason = 'cancelled' | 'superseded' | 'network-changed' | 'disposed';

/** The rejection of a job that was cancelled, superseded by a newer one, or whose pool was disposed. */
export class JobCancelledError extends Error {
  /** Why the job stopped. */
  readonly reason: CancelReason;

  constructor(reason: CancelReason) {
    super(`processing job ${reason.replace('-', ' ')}`);
    this.name = 'JobCancelledError';
    this.reason = reason;
  }
}

/** One progress report of a running job. */
export interface ComputeProgress {
  readonly phase: Phase;
  /** Levels finished in this phase. */
  readonly level: number;
  /** Total levels of this phase. */
  readonly levels: number;
  /** A live picture (the caller owns the arrays), at most every `liveEveryMs`. */
  readonly geometry?: ProcessedGeometry;
}

/** Options of `WorkerPool.process`. */
export interface ProcessOptions {
  /** Called after every step and level; an exception thrown here cancels the job and rejects it. */
  onProgress?(progress: ComputeProgress): void;
  /** Minimum ms between live pictures in `onProgress` (default 100 with `onProgress`, else none; 0: every level). */
  liveEveryMs?: number;
}

/** Live pictures every 100 ms: smooth enough to watch bundling, cheap next to the levels. */
export const DEFAULT_LIVE_EVERY_MS = 100;
