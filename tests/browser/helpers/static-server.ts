/**
 * A loopback HTTP server for browser tests: serves the built widget (dist/) and the test pages
 * (tests/browser/pages/) so a page can import the real ES module. Stops when the test ends.
 */
import { createServer, type Server } from 'http';
import { readFile } from 'fs/promises';
import path from 'path';
import { ROOT } from './python';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.arrows': 'application/vnd.apache.arrow.stream',
  '.json': 'application/json',
};

/** Mount points: URL prefix → folder. */
const MOUNTS: Record<string, string> = {
  '/dist/': path.join(ROOT, 'dist'),
  '/pages/': path.join(ROOT, 'tests/browser/pages'),
  '/fixtures/': path.join(ROOT, 'tests/fixtures/generated'),
  '/bench/': path.join(ROOT, 'bench/pages'),
};

/** A running server and its base URL (http://127.0.0.1:PORT). */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startStaticServer(): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const mount = Object.keys(MOUNTS).find((prefix) => url.pathname.startsWith(prefix));
    if (!mount) {
      res.writeHead(404).end();
      return;
    }
    const base = MOUNTS[mount] as string;
    const file = path.normalize(path.join(base, url.pathname.slice(mount.length)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file)
      .then((body) => res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
