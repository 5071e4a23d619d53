/**
 * Worker side of the protocol, as a plain class around a `post` function (so it runs in Node
 * tests): holds the network, drives one `processNetwork` generator at a time, yields to the event
 * loop between levels so `cancel` and newer `process` messages get in, and transfers every
 * geometry it sends.
 */
import type { BundlingEngine } from '../compute/engine';
import { validateParams } from '../compute/params';
import { processNetwork } from '../compute/pipeline';
import type { NetworkArrays, ProcessedGeometry, ProcessingParams } from '../compute/types';
import { createMacrotaskYield, type MacrotaskYield } from './macrotask';
import { geometryTransferList, parseMainToWorker, PROTOCOL_VERSION, type ProcessMessage, type WorkerToMain } from './protocol';

/** Sends a message to the main thread, moving the listed buffers (`postMessage(msg, transfer)`). */
export type PostToMain = (msg: WorkerToMain, transfer: Transferable[]) => void;

/** Test seams; the defaults are right for a worker. */
export interface JobRunnerOptions {
  /** Resolves on a later macrotask (default: `createMacrotaskYield()`). */
  readonly macrotask?: MacrotaskYield;
  /** Milliseconds clock for the live-geometry interval (default `performance.now`). */
  readonly now?: () => number;
  /** Engine override for every job (default: the registry, by `params.engine`). */
  readonly engine?: BundlingEngine;
}

interface Job {
  readonly id: number;
  cancelled: boolean;
}

function errorParts(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** Runs jobs for one worker. Create one per worker; call `handle` with every incoming message. */
export class JobRunner {
  private readonly post: PostToMain;
  private readonly macrotask: MacrotaskYield;
  private readonly now: () => number;
  private readonly engine: BundlingEngine | undefined;
  private network: NetworkArrays | null = null;
  private current: Job | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(post: PostToMain, options: JobRunnerOptions = {}) {
    this.post = post;
    this.macrotask = options.macrotask ?? createMacrotaskYield();
    this.now = options.now ?? (() => performance.now());
    this.engine = options.engine;
  }

  /** Handles one message from the main thread (anything malformed gets an `error` with jobId null). */
  handle(data: unknown): void {
    const msg = parseMainToWorker(data);
    if (typeof msg === 'string') {
      this.send({ version: PROTOCOL_VERSION, type: 'error', jobId: null, name: 'ProtocolError', message: msg });
      return;
    }
    switch (msg.type) {
      case 'set-network':
        // A job on the old network would return a picture of the wrong network.
        this.cancelCurrent();
        this.network = msg.network;
        break;
      case 'process':
        this.cancelCurrent();
        this.start(msg);
        break;
      case 'cancel':
        if (this.current?.id === msg.jobId) this.cancelCurrent();
        break;
    }
  }

  /** Resolves once the job loop that is running now (if any) has stopped. */
  idle(): Promise<void> {
    return this.running;
  }

  /** Cancels the running job and releases the macrotask channel. */
  dispose(): void {
    this.cancelCurrent();
    this.macrotask.dispose();
  }

  private cancelCurrent(): void {
    const job = this.current;
    if (job === null) return;
    job.cancelled = true;
    this.current = null;
    this.send({ version: PROTOCOL_VERSION, type: 'cancelled', jobId: job.id });
  }

  private start(msg: ProcessMessage): void {
    let params: ProcessingParams;
    try {
      params = validateParams(msg.params);
    } catch (err) {
      this.send({ version: PROTOCOL_VERSION, type: 'error', jobId: msg.jobId, ...errorParts(err) });
      return;
    }
    if (this.network === null) {
      this.send({ version: PROTOCOL_VERSION, type: 'error', jobId: msg.jobId, name: 'Error', message: 'no network: send set-network before process' });
      return;
    }
    const job: Job = { id: msg.jobId, cancelled: false };
    this.current = job;
    this.running = this.run(job, this.network, params, msg.liveEvery);
  }

  private async run(job: Job, network: NetworkArrays, params: ProcessingParams, liveEvery: number): Promise<void> {
    let lastLive = -Infinity;
    try {
      const steps = processNetwork(network, params, this.engine);
      for (;;) {
        const step = steps.next();
        if (step.done === true) {
          this.current = null;
          this.sendGeometry({ version: PROTOCOL_VERSION, type: 'result', jobId: job.id, geometry: step.value }, step.value);
          return;
        }
        const { phase, level, levels } = step.value;
        const at = this.now();
        // No picture with `done`: the result follows with the same geometry.
        if (phase !== 'done' && liveEvery >= 0 && liveEvery < Infinity && at - lastLive >= liveEvery) {
          lastLive = at;
          const geometry = step.value.snapshot();
          this.sendGeometry({ version: PROTOCOL_VERSION, type: 'progress', jobId: job.id, phase, level, levels, geometry }, geometry);
        } else {
          this.send({ version: PROTOCOL_VERSION, type: 'progress', jobId: job.id, phase, level, levels });
        }
        await this.macrotask.next();
        if (job.cancelled) return;
      }
    } catch (err) {
      if (job.cancelled) return;
      this.current = null;
      this.send({ version: PROTOCOL_VERSION, type: 'error', jobId: job.id, ...errorParts(err) });
    }
  }

  private sendGeometry(msg: WorkerToMain, geometry: ProcessedGeometry): void {
    this.post(msg, geometryTransferList(geometry));
  }

  private send(msg: WorkerToMain): void {
    this.post(msg, []);
  }
}
