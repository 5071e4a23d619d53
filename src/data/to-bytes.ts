/**
 * Normalises the byte containers a network can arrive in (anywidget hands out `DataView`s, tests
 * and Node hand out `Uint8Array`s or `ArrayBuffer`s) to a `Uint8Array` view. Never copies.
 */
import { NetworkFormatError } from './network-format-error';

/** Anything `toBytes` accepts. */
export type BytesLike = Uint8Array | DataView | ArrayBuffer;

/**
 * A `Uint8Array` view over the same memory as `input` (no copy; the caller keeps ownership).
 *
 * @param input the bytes, as any `ArrayBufferView` or an `ArrayBuffer`
 * @param table the table these bytes hold, named in the error when `input` is not bytes
 * @throws NetworkFormatError when `input` is not a byte container (e.g. `undefined` or a string)
 */
export function toBytes(input: unknown, table: string): Uint8Array {
  // isView and the toString tag work across realms (iframes, Node's vm), unlike instanceof.
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (Object.prototype.toString.call(input) === '[object ArrayBuffer]') return new Uint8Array(input as ArrayBuffer);
  const what = input === null ? 'null' : typeof input;
  throw new NetworkFormatError(table, null, `expected Arrow IPC bytes (Uint8Array, DataView or ArrayBuffer), got ${what}`);
}
