/**
 * The data contract from the other side: Arrow bytes written by Python (tests/fixtures/
 * write_fixtures.py) must decode to exactly what Python says they hold, and the Python trait
 * table must match src/widget/traits.ts.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { NetworkArrays } from '../../src/compute/types';
import { decodeNetwork } from '../../src/data/decode-network';
import { NetworkFormatError } from '../../src/data/network-format-error';
import { TRAITS } from '../../src/widget/traits';

const DIR = join(__dirname, '..', 'fixtures', 'generated');
const MISSING = `${DIR} is missing: run \`make test-unit\` (it runs tests/fixtures/write_fixtures.py to generate the Python-written fixtures)`;

function fixturePath(file: string): string {
  if (!existsSync(DIR)) throw new Error(MISSING);
  const path = join(DIR, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`make test-unit\` to regenerate the Python-written fixtures`);
  return path;
}

function tables(name: string) {
  const read = (table: string) => new Uint8Array(readFileSync(fixturePath(`${name}.${table}.arrows`)));
  return { layers: read('layers'), nodes: read('nodes'), edges: read('edges') };
}

function json(file: string): unknown {
  return JSON.parse(readFileSync(fixturePath(file), 'utf-8'));
}

/** A decoded network with typed arrays as plain arrays, comparable with expected.json. */
function plain(net: NetworkArrays): Record<string, unknown> {
  return Object.fromEntries(Object.entries(net).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v]));
}

test('the Python-written fixtures exist', () => {
  expect(() => fixturePath('expected.json')).not.toThrow();
});

describe.each(['small', 'random-8-6-4'])('fixture %s', (name) => {
  test('decodes to exactly the arrays Python wrote down', () => {
    const expected = (json('expected.json') as Record<string, Record<string, unknown>>)[name];
    expect(expected).toBeDefined();
    expect(plain(decodeNetwork(tables(name)))).toEqual(expected);
  });
});

test('the small fixture keeps outside text as text (escaping is the renderer’s job)', () => {
  const net = decodeNetwork(tables('small'));
  expect(net.layerNames[1]).toBe('hidden <b>&"');
  expect(net.name).toBe('small <i>net</i>');
});

test('bytes with another format version are refused, naming both versions', () => {
  let caught: unknown;
  try {
    decodeNetwork(tables('bad-version'));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(NetworkFormatError);
  expect((caught as Error).message).toBe(
    'layers.nnbundle.format_version: format version "999" found, this widget reads version "1"; update the nnbundle Python package and the widget together',
  );
});

describe('traits.json (Python) against src/widget/traits.ts', () => {
  test('every TypeScript trait exists in Python under its python name, with the same default', () => {
    const python = json('traits.json') as Record<string, unknown>;
    const mismatches = Object.entries(TRAITS)
      .filter(([, spec]) => python[spec.python] !== spec.default)
      .map(([ts, spec]) => `${ts} (${spec.python}): TS ${JSON.stringify(spec.default)}, Python ${JSON.stringify(python[spec.python])}`);
    expect(mismatches).toEqual([]);
  });

  test('every Python trait is known to the widget (else the front end would ignore it)', () => {
    const python = Object.keys(json('traits.json') as Record<string, unknown>);
    const known = new Set<string>(Object.values(TRAITS).map((spec) => spec.python));
    expect(python.filter((name) => !known.has(name))).toEqual([]);
  });
});
