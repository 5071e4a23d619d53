/**
 * Runs Python in the project's venv (.venv, made by `make install`) for the browser tests:
 * the exported HTML and the notebooks come from the real Python package.
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import path from 'path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../../..');
/** The venv's interpreter. */
export const PYTHON = path.join(ROOT, '.venv/bin/python');

/** Runs a Python snippet and returns its stdout; throws with stderr on failure. */
export function runPython(code: string, cwd: string = ROOT): string {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run 'make install'`);
  return execFileSync(PYTHON, ['-c', code], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
