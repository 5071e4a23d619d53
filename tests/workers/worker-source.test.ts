import { resolveObjectURL } from 'buffer';
import { createInlineWorker } from '../../src/workers/worker-source';

test('starts a classic worker from a Blob URL holding the bundle text, and revokes the URL once started', async () => {
  const started: { url: string; text: Promise<string> | undefined }[] = [];
  const g = globalThis as Record<string, unknown>;
  const saved = g.Worker;
  g.Worker = class {
    constructor(url: string, options?: unknown) {
      expect(options).toBeUndefined();
      started.push({ url, text: resolveObjectURL(url)?.text() });
    }
  };
  try {
    createInlineWorker('self.onmessage = () => 42;');
  } finally {
    g.Worker = saved;
  }
  expect(started.length).toBe(1);
  expect(started[0]!.url.startsWith('blob:')).toBe(true);
  expect(await started[0]!.text).toBe('self.onmessage = () => 42;');
  expect(resolveObjectURL(started[0]!.url)).toBeUndefined();
});
