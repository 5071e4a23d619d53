/**
 * Main-thread side of the compute worker: one job at a time, a newer job or a new network
 * supersedes the running one, progress and the result arrive as transferred typed arrays, and a
 * crashed worker is replaced (network re-sent) before the next job.
 */
import { validateParams } from '../compute/params';
import type { NetworkArrays, ProcessedGeometry, ProcessingParams } from '../compute/types';
import { DEFAULT_LIVE_EVERY_MS, JobCancelledError, type CancelReason, type ComputeProgress, type ProcessOptions } from './job-types';
import { parseWorkerToMain, PROTOCOL_VERSION, type MainToWorker, type WorkerToMain } from './protocol';

interface PendingJob {
  readonly id: number;
  readonly resolve: (g: ProcessedGeometry) => void;
  readonly reject: (err: Error) => void;
  readonly onProgress: ((p: ComputeProgress) => void) | undefined;
}

/** Runs processing jobs in a worker made by `createWorker` (e.g. `() => createInlineWorker(src)`). */
export class ComputeClient {
  private readonly createWorker: () => Worker;
  private worker: Worker | null = null;
  private network: NetworkArrays | null = null;
  private current: PendingJob | null = null;
  private nextJobId = 1;
  private disposed = false;
  private readonly onMessage = (event: MessageEvent<unknown>): void => this.receive(event.data);
  private readonly onError = (event: ErrorEvent): void => {
    // The crash is reported through the job's promise; stop the browser logging it a second time.
    event.preventDefault();
    this.crash(event.message || 'the worker script failed to load or threw outside a job');
  };
  private readonly onMessageError = (): void => this.crash('a message from the worker could not be deserialised');

  /** @param createWorker starts a fresh compute worker; called lazily and again after a crash */
  constructor(createWorker: () => Worker) {
    this.createWorker = createWorker;
  }

  /**
   * Sets the network later jobs process, sending it to the worker once (structured clone: the
   * caller keeps its arrays). A running job is rejected with `JobCancelledError('network-changed')`.
   */
  setNetwork(net: NetworkArrays): void {
    this.assertAlive();
    this.network = net;
    this.settleCancelled('network-changed');
    if (this.worker === null) this.startWorker();
    else this.send({ version: PROTOCOL_VERSION, type: 'set-network', network: net });
  }

  /**
   * Processes the current network with `params` in the worker.
   *
   * @returns the final geometry (arrays transferred to, and owned by, the caller); rejects with
   *   `JobCancelledError` when cancelled or superseded, with `InvalidParamsError` for bad params,
   *   with the worker's error (same `name` and message) when processing fails, and with an Error
   *   saying the worker crashed when it did
   */
  process(params: ProcessingParams, opts: ProcessOptions = {}): Promise<ProcessedGeometry> {
    if (this.disposed) return Promise.reject(new Error('ComputeClient is disposed'));
    let valid: ProcessingParams;
    try {
      valid = validateParams(params);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.network === null) return Promise.reject(new Error('no network: call setNetwork before process'));
    // The worker cancels its running job itself when the newer `process` arrives.
    this.settleCancelled('superseded');
    if (this.worker === null) this.startWorker();
    const id = this.nextJobId++;
    const liveEvery = opts.liveEveryMs ?? (opts.onProgress === undefined ? Infinity : DEFAULT_LIVE_EVERY_MS);
    return new Promise<ProcessedGeometry>((resolve, reject) => {
      this.current = { id, resolve, reject, onProgress: opts.onProgress?.bind(opts) };
      this.send({ version: PROTOCOL_VERSION, type: 'process', jobId: id, params: valid, liveEvery });
    });
  }

  /** Cancels the running job (its promise rejects with `JobCancelledError('cancelled')`); no-op when idle. */
  cancel(): void {
    const job = this.current;
    if (job === null) return;
    this.send({ version: PROTOCOL_VERSION, type: 'cancel', jobId: job.id });
    this.settleCancelled('cancelled');
  }

  /** Rejects the running job (`'disposed'`), terminates the worker; the client is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.settleCancelled('disposed');
    this.stopWorker();
    this.disposed = true;
    this.network = null;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('ComputeClient is disposed');
  }

  private startWorker(): void {
    const worker = this.createWorker();
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onMessageError);
    this.worker = worker;
    if (this.network !== null) this.send({ version: PROTOCOL_VERSION, type: 'set-network', network: this.network });
  }

  private stopWorker(): void {
    const worker = this.worker;
    if (worker === null) return;
    worker.removeEventListener('message', this.onMessage);
    worker.removeEventListener('error', this.onError);
    worker.removeEventListener('messageerror', this.onMessageError);
    worker.terminate();
    this.worker = null;
  }

  private send(msg: MainToWorker): void {
    this.worker?.postMessage(msg);
  }

  /** Rejects the running job, if any, with a JobCancelledError. */
  private settleCancelled(reason: CancelReason): void {
    const job = this.current;
    if (job === null) return;
    this.current = null;
    job.reject(new JobCancelledError(reason));
  }

  /** Rejects the running job with `why`, drops the worker; the next job starts a fresh one. */
  private crash(why: string): void {
    this.stopWorker();
    const job = this.current;
    this.current = null;
    job?.reject(new Error(`compute worker crashed: ${why}`));
  }

  private receive(data: unknown): void {
    const msg = parseWorkerToMain(data);
    if (typeof msg === 'string') {
      this.crash(`it sent a malformed message (${msg})`);
      return;
    }
    const job = this.current;
    // Messages of superseded or cancelled jobs are stale; an error without a job hits the current one.
    if (job === null || (msg.jobId !== job.id && !(msg.type === 'error' && msg.jobId === null))) return;
    this.deliver(job, msg);
  }

  private deliver(job: PendingJob, msg: WorkerToMain): void {
    switch (msg.type) {
      case 'progress':
        try {
          job.onProgress?.({ phase: msg.phase, level: msg.level, levels: msg.levels, ...(msg.geometry ? { geometry: msg.geometry } : {}) });
        } catch (err) {
          this.send({ version: PROTOCOL_VERSION, type: 'cancel', jobId: job.id });
          this.current = null;
          job.reject(err instanceof Error ? err : new Error(String(err)));
        }
        break;
      case 'result':
        this.current = null;
        job.resolve(msg.geometry);
        break;
      case 'error': {
        this.current = null;
        const err = new Error(msg.message);
        err.name = msg.name;
        job.reject(err);
        break;
      }
      case 'cancelled':
        this.current = null;
        job.reject(new JobCancelledError('cancelled'));
        break;
    }
  }
}
