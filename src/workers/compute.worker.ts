/**
 * Entry of the compute worker bundle (built by webpack as a classic script and started from a
 * Blob URL): registers the bundling engines, sends every message to one JobRunner, and every reply
 * back with its buffers transferred.
 */
import { exactEngine } from '../compute/bundle/exact-engine';
import { fastEngine } from '../compute/bundle/fast-engine';
import { registerEngine } from '../compute/engine';
import { JobRunner } from './job-runner';

registerEngine(exactEngine);
registerEngine(fastEngine);

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new JobRunner((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (event: MessageEvent<unknown>) => runner.handle(event.data);
