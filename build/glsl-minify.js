/**
 * Build-time GLSL minifier (webpack side, CommonJS): removes comments, indentation, blank lines and
 * the spaces a GLSL compiler does not need, without changing a single token. Used for the
 * project's shaders/ (glsl-loader.js) and for three.js's built-in shader chunks
 * (three-glsl-loader.js); what the GPU compiles is the same program, only shorter.
 *
 * Kept on purpose, because three.js's WebGLProgram parses shader text with regular expressions:
 * every preprocessor directive stays on its own line; `#include <x>`, `#pragma`, `#version` and
 * `#extension` lines keep their inner spaces (`/^[ \t]*#include +<…>/`); a `#define` keeps the
 * space or parenthesis after its name (object-like vs function-like macro).
 */
'use strict';

const WORD = /[A-Za-z0-9_.$]/;
/** Two-character GLSL operators and comment marks: a space between their halves must stay (`- -` ≠ `--`). */
const PAIRS = new Set(['++', '--', '+=', '-=', '*=', '/=', '%=', '<=', '>=', '==', '!=', '&=', '|=', '^=', '&&', '||', '^^', '<<', '>>', '//', '/*', '*/']);

/** True when the whitespace between `a` and `b` can go without merging two tokens into one. */
function canJoin(a, b) {
  if (WORD.test(a) && WORD.test(b)) return false;
  return !PAIRS.has(a + b);
}

/** Collapses the whitespace inside one line of code, keeping a space only where tokens would merge. */
function squeeze(code) {
  let out = '';
  let pendingSpace = false;
  for (const ch of code) {
    if (ch === ' ' || ch === '\t') {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace && !canJoin(out[out.length - 1], ch)) out += ' ';
    pendingSpace = false;
    out += ch;
  }
  return out;
}

/** Removes `//` and `/* … *\/` comments (GLSL has no string literals, so no quoting to respect). */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
}

/** One preprocessor line, minified as far as its directive allows. */
function directive(line) {
  const m = /^#\s*(\w+)(.*)$/.exec(line);
  if (m === null) return line.replace(/\s+/g, ' ');
  const [, name, rest] = m;
  if (name === 'define') {
    // `#define F(x) …` (function-like) and `#define F (x)` (object-like) differ only in that space,
    // so a parameter list stays glued to the name and anything else gets one space.
    const head = /^\s+(\w+)(\([^)]*\))?(.*)$/.exec(rest);
    if (head === null) return `#define${rest.replace(/\s+/g, ' ')}`;
    const [, macro, params, body] = head;
    const replacement = squeeze(body);
    return `#define ${macro}${params === undefined ? '' : squeeze(params)}${replacement === '' ? '' : ' '}${replacement}`;
  }
  if (name === 'if' || name === 'elif' || name === 'ifdef' || name === 'ifndef') {
    const condition = squeeze(rest);
    return condition === '' ? `#${name}` : `#${name} ${condition}`;
  }
  // #include, #pragma, #version, #extension, #undef, #else, #endif, #error, #line: spaces collapsed only.
  return `#${name}${rest.replace(/\s+/g, ' ').replace(/ $/, '')}`;
}

/**
 * The minified shader. Lines of code are joined (GLSL does not care about line ends outside the
 * preprocessor); every directive is on its own line.
 *
 * @param {string} source GLSL text
 * @returns {string}
 */
function minifyGlsl(source) {
  // Line splices first (`\` at a line end), as the GLSL preprocessor does, so a continued #define stays whole.
  const lines = stripComments(source.replace(/\\\r?\n/g, '')).split('\n');
  let out = '';
  let atLineStart = true;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      out += (atLineStart ? '' : '\n') + directive(line) + '\n';
      atLineStart = true;
      continue;
    }
    const code = squeeze(line);
    if (!atLineStart && !canJoin(out[out.length - 1], code[0])) out += ' ';
    out += code;
    atLineStart = false;
  }
  return out.replace(/\n$/, '');
}

module.exports = { minifyGlsl };
