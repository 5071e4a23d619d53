/**
 * Main thread ⇄ compute worker messages (versioned). Main → worker: the network once by
 * structured clone, then `process` / `cancel` per job. Worker → main: progress (optionally with a
 * live geometry), the result, an error or a cancellation; geometry buffers are always transferred.
 */
import type { NetworkArrays, Phase, ProcessedGeometry, ProcessingParams } from '../compute/types';

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 1;

/** Sets the network every later job processes (structured clone: the main thread keeps its copy). */
export interface SetNetworkMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'set-network';
  readonly network: NetworkArrays;
}

/** Starts job `jobId`; a running job is cancelled first. */
export interface ProcessMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'process';
  /** Chosen by the main thread, increasing. */
  readonly jobId: number;
  readonly params: ProcessingParams;
  /** Minimum ms between live geometries in `progress` (0: every level; `Infinity`: never). */
  readonly liveEvery: number;
}

/** Stops job `jobId` within one level (ignored when it is no longer running). */
export interface CancelMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'cancel';
  readonly jobId: number;
}

/** Every message the main thread sends. */
export type MainToWorker = SetNetworkMessage | ProcessMessage | CancelMessage;

/** After each pipeline step or level. */
export interface ProgressMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'progress';
  readonly jobId: number;
  readonly phase: Phase;
  readonly level: number;
  readonly levels: number;
  /** A live picture (transferred), at most every `liveEvery` ms. */
  readonly geometry?: ProcessedGeometry;
}

/** The finished job's geometry (transferred). */
export interface ResultMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'result';
  readonly jobId: number;
  readonly geometry: ProcessedGeometry;
}

/** A job failed, or (jobId `null`) a message could not be handled. */
export interface ErrorMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'error';
  readonly jobId: number | null;
  readonly message: string;
  /** The error's class name, e.g. `InvalidParamsError`, `RangeError`. */
  readonly name: string;
}

/** Job `jobId` stopped without a result (cancelled, superseded, or the network changed). */
export interface CancelledMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'cancelled';
  readonly jobId: number;
}

/** Every message the worker sends. */
export type WorkerToMain = ProgressMessage | ResultMessage | ErrorMessage | CancelledMessage;

/** The buffers of `g` to transfer with it (four distinct buffers). */
export function geometryTransferList(g: ProcessedGeometry): ArrayBuffer[] {
  return [g.nodePositions.buffer, g.keptEdges.buffer, g.pointOffsets.buffer, g.points.buffer] as ArrayBuffer[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/**
 * Checks the shape of an incoming main → worker message.
 *
 * @returns the message, or a sentence saying what is wrong with it
 */
export function parseMainToWorker(data: unknown): MainToWorker | string {
  if (!isRecord(data)) return `expected a message object, got ${data === null ? 'null' : typeof data}`;
  if (data.version !== PROTOCOL_VERSION) return `protocol version ${String(data.version)} received, this worker speaks version ${PROTOCOL_VERSION}`;
  switch (data.type) {
    case 'set-network':
      return isRecord(data.network) ? (data as unknown as SetNetworkMessage) : 'set-network without a network';
    case 'process':
      if (!Number.isInteger(data.jobId)) return 'process without an integer jobId';
      if (!isRecord(data.params)) return 'process without params';
      if (typeof data.liveEvery !== 'number') return 'process without a numeric liveEvery';
      return data as unknown as ProcessMessage;
    case 'cancel':
      return Number.isInteger(data.jobId) ? (data as unknown as CancelMessage) : 'cancel without an integer jobId';
    default:
      return `unknown message type ${JSON.stringify(data.type)}`;
  }
}

/**
 * Checks the shape of an incoming worker → main message.
 *
 * @returns the message, or a sentence saying what is wrong with it
 */
export function parseWorkerToMain(data: unknown): WorkerToMain | string {
  if (!isRecord(data)) return `expected a message object, got ${data === null ? 'null' : typeof data}`;
  if (data.version !== PROTOCOL_VERSION) return `protocol version ${String(data.version)} received, this page speaks version ${PROTOCOL_VERSION}`;
  if (data.type === 'error') return data.jobId === null || Number.isInteger(data.jobId) ? (data as unknown as ErrorMessage) : 'error without a jobId';
  if (data.type !== 'progress' && data.type !== 'result' && data.type !== 'cancelled') return `unknown message type ${JSON.stringify(data.type)}`;
  if (!Number.isInteger(data.jobId)) return `${data.type} without an integer jobId`;
  if (data.type === 'result' && !isRecord(data.geometry)) return 'result without geometry';
  return data as unknown as WorkerToMain;
}
