/**
 * One WebGL2 context per page, shared by every nnbundle view, so that any number of views stays
 * under the browser's cap on live contexts (~16 in Chromium; the oldest is lost beyond it).
 * anywidget loads the widget module once per model, so views of different models run different
 * copies of this code (and of three.js): the context and its canvas are kept on `globalThis`
 * under a registered symbol, and only they cross copies; each copy drives them with its own
 * three.js renderer and resets that renderer's state cache when another copy drew last
 * (shared-renderer.ts).
 */

/** The page's shared context. */
export interface SharedContext {
  /** An offscreen canvas (never in the DOM); views copy from its top-left corner. */
  readonly canvas: HTMLCanvasElement;
  readonly gl: WebGL2RenderingContext;
  /** The renderer that issued the last GL calls; any other must reset its state cache first. */
  owner: unknown;
  /** Renderers holding the context; the context is released when this drops to 0. */
  users: number;
}

// Versioned: a future incompatible layout gets a new key instead of misreading this one.
const REGISTRY_KEY = Symbol.for('nnbundle.shared-webgl2-context.v1');

// No MSAA: under SwiftShader it multiplies the frame time (784-81-49-10 at 90 % pruning, 800×600,
// measured 205 ms with it, 40 ms without). No alpha: the picture is opaque, and the MAX alpha
// blend of nn_vis's transparency must not make the page show through.
const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  depth: true,
  stencil: false,
  premultipliedAlpha: true,
  preserveDrawingBuffer: false,
};

function registry(): Map<Document, SharedContext> {
  const holder = globalThis as unknown as Record<symbol, Map<Document, SharedContext> | undefined>;
  let map = holder[REGISTRY_KEY];
  if (!map) {
    map = new Map();
    holder[REGISTRY_KEY] = map;
  }
  return map;
}

/**
 * The shared context of `doc`, created on first use; every call must be paired with
 * `releaseContext`.
 *
 * @throws Error when the browser cannot create a WebGL2 context
 */
export function acquireContext(doc: Document): SharedContext {
  const map = registry();
  let shared = map.get(doc);
  if (!shared) {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2', CONTEXT_ATTRIBUTES);
    if (!gl) throw new Error('this browser cannot create a WebGL2 context');
    shared = { canvas, gl, owner: null, users: 0 };
    map.set(doc, shared);
  }
  shared.users++;
  return shared;
}

/** Gives the context back; the last user's release frees it at once (browsers cap live contexts). */
export function releaseContext(shared: SharedContext): void {
  shared.users--;
  if (shared.users > 0) return;
  const map = registry();
  for (const [doc, value] of map) if (value === shared) map.delete(doc);
  shared.gl.getExtension('WEBGL_lose_context')?.loseContext();
}
