/**
 * Custom messages between the kernel and the views of a model (anywidget `model.send` and
 * `msg:custom`), for requests a trait cannot carry. Kernel → view:
 * - `{type: 'screenshot', id, width, height, scale}`: render a PNG of width·scale × height·scale
 *   pixels (width/height null: the view's size); every view of the model answers, the kernel keeps
 *   the first answer per id;
 * - `{type: 'reset_camera'}`: back to the preset pose.
 * View → kernel: `{type: 'screenshot', id, ok: true, width, height}` with the PNG bytes as the one
 * buffer, or `{type: 'screenshot', id, ok: false, error}`.
 * Contents come from outside and are checked here.
 */

/** Largest screenshot side accepted, pixels (browsers cap render targets at 8k–16k anyway). */
export const MAX_SCREENSHOT_SIDE = 16384;
/** Largest screenshot scale accepted. */
export const MAX_SCREENSHOT_SCALE = 8;

/** A checked request from the kernel. */
export type KernelRequest =
  | { readonly type: 'screenshot'; readonly id: string; readonly width: number | null; readonly height: number | null; readonly scale: number }
  | { readonly type: 'reset_camera' };

/** A request that names itself but is malformed: answered with `error` when it has an id. */
export interface BadRequest {
  readonly type: 'bad';
  readonly id: string | null;
  readonly error: string;
}

function side(value: unknown, name: string): number | null | string {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SCREENSHOT_SIDE) return value;
  return `${name} must be null or an integer in [1, ${MAX_SCREENSHOT_SIDE}], got ${JSON.stringify(value)}`;
}

/** The request in `content`, a `BadRequest`, or null for messages that are not for this view. */
export function parseKernelRequest(content: unknown): KernelRequest | BadRequest | null {
  if (typeof content !== 'object' || content === null) return null;
  const c = content as Record<string, unknown>;
  if (c.type === 'reset_camera') return { type: 'reset_camera' };
  if (c.type !== 'screenshot') return null;
  const id = typeof c.id === 'string' && c.id.length > 0 ? c.id : null;
  if (id === null) return { type: 'bad', id: null, error: 'a screenshot request needs a string id' };
  const width = side(c.width, 'width');
  const height = side(c.height, 'height');
  const scale = c.scale === undefined ? 1 : c.scale;
  for (const v of [width, height]) if (typeof v === 'string') return { type: 'bad', id, error: v };
  if (typeof scale !== 'number' || !(scale > 0 && scale <= MAX_SCREENSHOT_SCALE)) {
    return { type: 'bad', id, error: `scale must be a number in (0, ${MAX_SCREENSHOT_SCALE}], got ${JSON.stringify(scale)}` };
  }
  return { type: 'screenshot', id, width: width as number | null, height: height as number | null, scale };
}
