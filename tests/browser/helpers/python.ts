/**
 * Runs Python in the project's venv (.venv, made by `make install`) for the browser tests:
 * the exported HTML and the notebooks come from the real Python package.
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import path from 'path';

/** Repository root: the nearest folder up from here holding python-shim/ (works from compiled copies too). */
export const ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'python-shim')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${start}`);
  }
}
/** The venv's interpreter. */
export const PYTHON = path.join(ROOT, '.venv/bin/python');

/** Runs a Python snippet and returns its stdout; throws with stderr on failure. */
export function runPython(code: string, cwd: string = ROOT): string {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run 'make install'`);
  return execFileSync(PYTHON, ['-c', code], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
