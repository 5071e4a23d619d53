/**
 * Starts a real JupyterLab server from the project's venv on a free loopback port, in a
 * temporary notebook directory, and stops it again. The app is exposed in the page
 * (`expose_app_in_browser`) so tests can run notebook commands the way the menu does.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import os from 'os';
import path from 'path';
import { ROOT } from './python';

/** A running JupyterLab server. */
export interface JupyterServer {
  readonly url: string;
  readonly token: string;
  readonly notebookDir: string;
  /** Everything the server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForStatus(url: string, token: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter lab exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/status?token=${token}`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`jupyter lab did not answer within ${timeoutMs} ms:\n${log()}`);
}

/** Starts `jupyter lab` on 127.0.0.1 with a random token; `prepare` fills the notebook directory. */
export async function startJupyterLab(prepare: (dir: string) => void): Promise<JupyterServer> {
  const notebookDir = mkdtempSync(path.join(os.tmpdir(), 'nnbundle-lab-'));
  prepare(notebookDir);
  const port = await freePort();
  const token = `t${Math.random().toString(36).slice(2)}`;
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    path.join(ROOT, '.venv/bin/jupyter'),
    [
      'lab',
      '--no-browser',
      '--allow-root',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${notebookDir}`,
      '--LabApp.expose_app_in_browser=True',
      '--LabApp.news_url=',
      '--LabServerApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    ],
    { cwd: notebookDir, env: { ...process.env, JUPYTER_CONFIG_DIR: path.join(notebookDir, '.jupyter-config') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = (): string => output;
  await waitForStatus(url, token, child, log, 60_000);
  return {
    url,
    token,
    notebookDir,
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const timer = setTimeout(() => { child.kill('SIGKILL'); r(undefined); }, 5000);
          child.on('exit', () => { clearTimeout(timer); r(undefined); });
        });
      }
      rmSync(notebookDir, { recursive: true, force: true });
    },
  };
}
