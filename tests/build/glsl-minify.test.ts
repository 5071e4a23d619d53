/**
 * The build-time GLSL minifier (build/glsl-minify.js) must hand the GPU the same program: every
 * shader the widget ships (shaders/ and three.js's built-in chunks) keeps its exact token sequence
 * and preprocessor structure, and three.js still finds its #include and unrolled loops.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ShaderChunk } from 'three';
import { minifyGlsl } from '../../build/glsl-minify';
import { minifyThreeShaders } from '../../build/three-glsl-loader';

const ROOT = join(__dirname, '..', '..');

// GLSL ES 3.0 tokens, longest match first (hex before decimal, three-character operators before two).
const TOKEN = /0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uUfF]?|[A-Za-z_]\w*|<<=|>>=|\+\+|--|&&|\|\||\^\^|<<|>>|[-+*/%<>=!&|^]=|\S/g;

function tokens(code: string): string[] {
  return code.match(TOKEN) ?? [];
}

/**
 * What the compiler sees: code tokens, and each directive as one item (its tokens, plus whether a
 * #define's name is glued to a parameter list, which makes it a function-like macro).
 */
function program(source: string): string[] {
  const text = source.replace(/\\\r?\n/g, '').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('#')) {
      out.push(...tokens(line));
      continue;
    }
    const define = /^#\s*define\s+(\w+)(\(?)/.exec(line);
    out.push(`${tokens(line).join(' ')}${define ? (define[2] ? ' [function-like]' : ' [object-like]') : ''}`);
  }
  return out;
}

function shaderFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? shaderFiles(path) : [path];
  });
}

const projectShaders = shaderFiles(join(ROOT, 'shaders')).map((path) => [path.slice(ROOT.length + 1), readFileSync(path, 'utf8')] as const);
const threeChunks = Object.entries(ShaderChunk as Record<string, string>).filter(([, text]) => text.includes('\n'));

test('the shaders to check were found', () => {
  expect(projectShaders.length).toBeGreaterThanOrEqual(12);
  expect(threeChunks.length).toBeGreaterThan(100);
});

describe.each([...projectShaders, ...threeChunks.map(([name, text]) => [`three ${name}`, text] as const)])('%s', (_, source) => {
  const minified = minifyGlsl(source);

  test('keeps every token and directive, in order', () => {
    expect(program(minified)).toEqual(program(source));
  });

  test('keeps each directive on a line of its own', () => {
    for (const line of minified.split('\n')) {
      const at = line.indexOf('#');
      expect(at === -1 || at === 0).toBe(true);
    }
  });

  test('leaves three.js the same #include lines and unrollable loops', () => {
    // WebGLProgram's own patterns (three/src/renderers/webgl/WebGLProgram.js).
    const includes = (s: string) => [...s.matchAll(/^[ \t]*#include +<([\w\d./]+)>/gm)].map((m) => m[1]);
    const loops = (s: string) =>
      [...s.matchAll(/#pragma unroll_loop_start\s+for\s*\(\s*int\s+i\s*=\s*(\w+)\s*;\s*i\s*<\s*(\w+)\s*;\s*i\s*\+\+\s*\)\s*{([\s\S]+?)}\s+#pragma unroll_loop_end/g)].map((m) => program(m[3]!));
    expect(includes(minified)).toEqual(includes(source));
    expect(loops(minified)).toEqual(loops(source));
  });
});

describe('minifyGlsl', () => {
  test('shrinks the shaders it is given', () => {
    const before = projectShaders.reduce((n, [, s]) => n + s.length, 0);
    const after = projectShaders.reduce((n, [, s]) => n + minifyGlsl(s).length, 0);
    expect(after).toBeLessThan(before * 0.6);
  });

  test('keeps the spaces that separate tokens', () => {
    expect(minifyGlsl('float a = b - -c;\nint i = j + +k;\nfloat d = e / *f;')).toBe('float a=b- -c;int i=j+ +k;float d=e/ *f;');
  });

  test('keeps function-like and object-like macros apart', () => {
    expect(minifyGlsl('#define  F( x )  ( x * 2.0 )\n#define G ( y )\n#define H')).toBe('#define F(x) (x*2.0)\n#define G (y)\n#define H');
  });

  test('drops comments, and joins continued lines before anything else', () => {
    expect(minifyGlsl('// head\nvoid main() { /* a\n b */ x = 1; }\n#define K \\\n  ( 2 )\n')).toBe('void main(){x=1;}\n#define K (2)');
  });
});

test('the three.js loader rewrites every multi-line shader chunk of three.module.js', () => {
  const source = readFileSync(join(ROOT, 'node_modules/three/build/three.module.js'), 'utf8');
  const { code, chunks } = minifyThreeShaders(source);
  // ShaderChunk also holds the ShaderLib programs; each is a `var`/`const` line of its own. A few more
  // programs (the VSM shadow pass) live outside ShaderChunk and are rewritten too.
  expect(chunks).toBeGreaterThanOrEqual(threeChunks.length);
  for (const [, text] of threeChunks) expect(code).toContain(JSON.stringify(minifyGlsl(text)));
});
