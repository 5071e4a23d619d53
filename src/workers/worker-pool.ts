/**
 * Main-thread side of the compute workers: one job at a time, a newer job or a new network
 * supersedes the running one, progress and the result arrive as typed arrays, and a crashed worker
 * is replaced (network re-sent) before the next job. A `fast` job runs its node phase on worker 0,
 * then both workers bundle their shares of the edges (edge-shares.ts) level by level in lock step,
 * exchanging bounds and blurred partial grids over a MessageChannel of their own (this thread, busy
 * rendering, is not on that path); this thread gathers the polylines. Other engines and small
 * networks run on worker 0 alone.
 */
import { validateParams } from '../compute/params';
import type { NetworkArrays, ProcessedGeometry, ProcessingParams } from '../compute/types';
import type { Polylines } from '../compute/polylines';
import { DEFAULT_LIVE_EVERY_MS, JobCancelledError, type CancelReason, type ComputeProgress, type ProcessOptions } from './job-types';
import { gatherShares, unpackShares, type EdgeShare } from './edge-shares';
import { parseWorkerToMain, PROTOCOL_VERSION, type MainToWorker, type PoolLevelMessage, type WorkerToMain } from './protocol';

/** Options of `WorkerPool`. */
export interface WorkerPoolOptions {
  /** Workers of a `fast` job, 1 or 2 (default 2, the cores performance.md budgets for). */
  readonly workers?: number;
  /**
   * Fewest edges left after pruning for a `fast` job to use the pool (default 4000): below it the
   * per-level message round trips cost more than the second core saves.
   */
  readonly minPoolEdges?: number;
}

/** Default `minPoolEdges`. */
export const MIN_POOL_EDGES = 4000;

interface PoolJob {
  readonly id: number;
  readonly resolve: (g: ProcessedGeometry) => void;
  readonly reject: (err: Error) => void;
  readonly onProgress: ((p: ComputeProgress) => void) | undefined;
  /** Workers this job uses: 1 runs it as an ordinary `process` job on worker 0. */
  readonly workers: number;
  readonly params: ProcessingParams;
  readonly liveEvery: number;
  lastLive: number;
  nodePositions: Float32Array | null;
  keptEdges: Int32Array | null;
  shares: EdgeShare[];
  levels: number;
  /** `pool-level` reports by level, one slot per worker, until every worker has reported the level. */
  readonly reports: Map<number, (PoolLevelMessage | undefined)[]>;
  /** The next edge level to report. */
  nextLevel: number;
  /**
   * Each worker's latest live polylines. Workers that share no gap snapshot on their own clocks, at
   * different levels: a live picture joins the latest of each.
   */
  readonly latest: (Polylines | undefined)[];
}

/**
 * Runs processing jobs on up to two workers made by `createWorker` (e.g. `() => createInlineWorker(src)`).
 * Deterministic: the same network and params give the same bytes with the same pool size. Two
 * workers do not give one worker's bytes: summing two blurred partial grids rounds differently from
 * blurring one, and the dynamics amplify it (docs/deviations.md F10; at the defaults on 24-12-6-4 the
 * mean point distance is 0.009·layerWidth, below 1e-4 in max norm over 7 levels).
 */
export class WorkerPool {
  private readonly createWorker: () => Worker;
  private readonly size: number;
  private readonly minPoolEdges: number;
  private readonly workers: (Worker | null)[];
  private readonly detach: ((() => void) | null)[];
  private network: NetworkArrays | null = null;
  private current: PoolJob | null = null;
  private nextJobId = 1;
  private disposed = false;

  /** @param createWorker starts a fresh compute worker; called lazily and again after a crash */
  constructor(createWorker: () => Worker, options: WorkerPoolOptions = {}) {
    this.createWorker = createWorker;
    this.size = Math.min(Math.max(Math.floor(options.workers ?? 2), 1), 2);
    this.minPoolEdges = options.minPoolEdges ?? MIN_POOL_EDGES;
    this.workers = new Array<Worker | null>(this.size).fill(null);
    this.detach = new Array<(() => void) | null>(this.size).fill(null);
  }

  /** Workers a `fast` job on a large enough network uses. */
  get poolSize(): number {
    return this.size;
  }

  /**
   * Sets the network later jobs process, sending it to every started worker (structured clone: the
   * caller keeps its arrays). A running job is rejected with `JobCancelledError('network-changed')`.
   */
  setNetwork(net: NetworkArrays): void {
    if (this.disposed) throw new Error('WorkerPool is disposed');
    this.network = net;
    this.settleCancelled('network-changed');
    for (let i = 0; i < this.size; i++) {
      if (this.workers[i] !== null) this.send(i, { version: PROTOCOL_VERSION, type: 'set-network', network: net });
    }
    // startWorker sends the network itself: once per worker, however large it is.
    if (this.workers[0] === null) this.startWorker(0);
  }

  /**
   * Processes the current network with `params`.
   *
   * @returns the final geometry (arrays owned by the caller); rejects with `JobCancelledError`
   *   when cancelled or superseded, with `InvalidParamsError` for bad params, with the worker's error
   *   (same `name` and message) when processing fails, and with an Error saying which worker
   *   crashed and why when one did
   */
  process(params: ProcessingParams, opts: ProcessOptions = {}): Promise<ProcessedGeometry> {
    if (this.disposed) return Promise.reject(new Error('WorkerPool is disposed'));
    let valid: ProcessingParams;
    try {
      valid = validateParams(params);
    } catch (err) {
      return Promise.reject(err);
    }
    const net = this.network;
    if (net === null) return Promise.reject(new Error('no network: call setNetwork before process'));
    this.cancelRunning('superseded');
    const edgesLeft = net.edgeSource.length * (1 - valid.prunePercentage);
    const workers = valid.engine === 'fast' && edgesLeft >= this.minPoolEdges ? this.size : 1;
    for (let i = 0; i < workers; i++) if (this.workers[i] === null) this.startWorker(i);
    const id = this.nextJobId++;
    const liveEvery = opts.liveEveryMs ?? (opts.onProgress === undefined ? Infinity : DEFAULT_LIVE_EVERY_MS);
    return new Promise<ProcessedGeometry>((resolve, reject) => {
      this.current = {
        id, resolve, reject, onProgress: opts.onProgress?.bind(opts), workers, params: valid, liveEvery, lastLive: -Infinity,
        nodePositions: null, keptEdges: null, shares: [], levels: 0, reports: new Map(), nextLevel: 1, latest: [],
      };
      if (workers === 1) this.send(0, { version: PROTOCOL_VERSION, type: 'process', jobId: id, params: valid, liveEvery });
      else this.send(0, { version: PROTOCOL_VERSION, type: 'pool-nodes', jobId: id, params: valid, liveEvery, workers });
    });
  }

  /** Cancels the running job (its promise rejects with `JobCancelledError('cancelled')`); no-op when idle. */
  cancel(): void {
    this.cancelRunning('cancelled');
  }

  /** Rejects the running job (`'disposed'`), terminates the workers; the pool is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.settleCancelled('disposed');
    for (let i = 0; i < this.size; i++) this.stopWorker(i);
    this.disposed = true;
    this.network = null;
  }

  private cancelRunning(reason: CancelReason): void {
    const job = this.current;
    if (job === null) return;
    for (let i = 0; i < job.workers; i++) this.send(i, { version: PROTOCOL_VERSION, type: 'cancel', jobId: job.id });
    this.settleCancelled(reason);
  }

  private startWorker(i: number): void {
    const worker = this.createWorker();
    const onMessage = (event: MessageEvent<unknown>): void => this.receive(i, event.data);
    const onError = (event: ErrorEvent): void => {
      // The crash is reported through the job's promise; stop the browser logging it a second time.
      event.preventDefault();
      this.crash(i, event.message || 'the worker script failed to load or threw outside a job');
    };
    const onMessageError = (): void => this.crash(i, 'a message from the worker could not be deserialised');
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    this.workers[i] = worker;
    this.detach[i] = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      worker.terminate();
    };
    if (this.network !== null) this.send(i, { version: PROTOCOL_VERSION, type: 'set-network', network: this.network });
  }

  private stopWorker(i: number): void {
    this.detach[i]?.();
    this.detach[i] = null;
    this.workers[i] = null;
  }

  private send(i: number, msg: MainToWorker, transfer: Transferable[] = []): void {
    this.workers[i]?.postMessage(msg, transfer);
  }

  private settleCancelled(reason: CancelReason): void {
    const job = this.current;
    if (job === null) return;
    this.current = null;
    job.reject(new JobCancelledError(reason));
  }

  /** Rejects the running job, drops every worker (they share its state); the next job starts fresh ones. */
  private crash(i: number, why: string): void {
    for (let w = 0; w < this.size; w++) this.stopWorker(w);
    const job = this.current;
    this.current = null;
    job?.reject(new Error(`compute worker ${i + 1} of ${this.size} crashed: ${why}`));
  }

  private fail(job: PoolJob, err: Error): void {
    for (let i = 0; i < job.workers; i++) this.send(i, { version: PROTOCOL_VERSION, type: 'cancel', jobId: job.id });
    this.current = null;
    job.reject(err);
  }

  private progress(job: PoolJob, p: ComputeProgress): void {
    try {
      job.onProgress?.(p);
    } catch (err) {
      this.fail(job, err instanceof Error ? err : new Error(String(err)));
    }
  }

  private receive(i: number, data: unknown): void {
    const msg = parseWorkerToMain(data);
    if (typeof msg === 'string') {
      this.crash(i, `it sent a malformed message (${msg})`);
      return;
    }
    const job = this.current;
    // Messages of superseded or cancelled jobs are stale; an error without a job hits the current one.
    if (job === null || (msg.jobId !== job.id && !(msg.type === 'error' && msg.jobId === null))) return;
    try {
      this.deliver(i, job, msg);
    } catch (err) {
      this.fail(job, err instanceof Error ? err : new Error(String(err)));
    }
  }

  private deliver(i: number, job: PoolJob, msg: WorkerToMain): void {
    switch (msg.type) {
      case 'progress':
        this.progress(job, { phase: msg.phase, level: msg.level, levels: msg.levels, ...(msg.geometry ? { geometry: msg.geometry } : {}) });
        break;
      case 'result':
        this.current = null;
        job.resolve(msg.geometry);
        break;
      case 'error': {
        const err = new Error(msg.message);
        err.name = msg.name;
        this.fail(job, err);
        break;
      }
      case 'cancelled':
        this.current = null;
        job.reject(new JobCancelledError('cancelled'));
        break;
      case 'pool-nodes-done':
        job.nodePositions = msg.nodePositions;
        job.keptEdges = msg.keptEdges;
        job.shares = unpackShares(msg.shares);
        job.levels = msg.levels;
        job.nextLevel = msg.levels === 0 ? 0 : 1;
        {
          const channel = new MessageChannel();
          const ports = [channel.port1, channel.port2];
          for (let w = 0; w < job.workers; w++) {
            // Each worker gets its own copies, transferred; this thread keeps the originals for the result.
            const nodePositions = msg.nodePositions.slice(), keptEdges = msg.keptEdges.slice(), shares = msg.shares.slice();
            const peer = ports[w]!;
            this.send(w, {
              version: PROTOCOL_VERSION, type: 'pool-edges', jobId: job.id, params: job.params, worker: w, liveEvery: job.liveEvery,
              nodePositions, keptEdges, shares, peer,
            }, [nodePositions.buffer, keptEdges.buffer, shares.buffer, peer]);
          }
        }
        break;
      case 'pool-level': {
        const slots = job.reports.get(msg.done) ?? new Array<PoolLevelMessage | undefined>(job.workers);
        slots[msg.worker] = msg;
        job.reports.set(msg.done, slots);
        this.levelsReported(job);
        break;
      }
    }
  }

  /** Reports every level all workers have finished, in order; resolves after the last. */
  private levelsReported(job: PoolJob): void {
    for (;;) {
      const slots = job.reports.get(job.nextLevel);
      if (this.current !== job || slots === undefined) return;
      const reports: PoolLevelMessage[] = [];
      for (let w = 0; w < job.workers; w++) {
        const r = slots[w];
        if (r === undefined) return;
        reports.push(r);
      }
      job.reports.delete(job.nextLevel);
      const done = job.nextLevel++;
      const levels = reports[0]!.levels;
      if (done < levels) {
        let fresh = false;
        for (const r of reports) {
          if (r.points3 === undefined || r.pointOffsets === undefined) continue;
          job.latest[r.worker] = { points: r.points3, pointOffsets: r.pointOffsets };
          fresh = true;
        }
        const parts = job.latest;
        const live = fresh && reports.every((r) => parts[r.worker] !== undefined);
        this.progress(job, { phase: 'edges', level: done, levels, ...(live ? { geometry: this.liveGeometry(job) } : {}) });
        continue;
      }
      this.progress(job, { phase: 'edges', level: done, levels });
      if (this.current !== job) return;
      const geometry = this.geometry(job, reports);
      this.progress(job, { phase: 'done', level: 1, levels: 1 });
      if (this.current !== job) return;
      this.current = null;
      job.resolve(geometry);
      return;
    }
  }

  private geometry(job: PoolJob, reports: readonly PoolLevelMessage[]): ProcessedGeometry {
    const parts = reports.map((r) => {
      if (r.points3 === undefined || r.pointOffsets === undefined) throw new Error(`worker ${r.worker + 1} sent no polylines for edge level ${r.done}`);
      return { points: r.points3, pointOffsets: r.pointOffsets };
    });
    const lines = gatherShares(job.shares, parts);
    return { nodePositions: job.nodePositions!, keptEdges: job.keptEdges!, points: lines.points, pointOffsets: lines.pointOffsets };
  }

  /** A live picture from each worker's latest polylines (copies: the caller owns the arrays). */
  private liveGeometry(job: PoolJob): ProcessedGeometry {
    const lines = gatherShares(job.shares, job.latest as Polylines[]);
    return { nodePositions: job.nodePositions!.slice(), keptEdges: job.keptEdges!.slice(), points: lines.points, pointOffsets: lines.pointOffsets };
  }
}
