/**
 * A bounds check of an Arrow IPC stream's framing and FlatBuffer headers, run before
 * apache-arrow sees the bytes. Arrow trusts the counts in a header: one corrupt vector length
 * makes it build millions of objects (out of memory, or minutes of work). Here every message,
 * vector and length must fit inside the bytes actually received, or a NetworkFormatError results.
 */
import { NetworkFormatError } from './network-format-error';

// Arrow Message.fbs: union MessageHeader and the vtable slot of each field used below.
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const MESSAGE = { headerType: 1, header: 2, bodyLength: 3, customMetadata: 4 };
const SCHEMA = { fields: 1, customMetadata: 2, features: 3 };
const FIELD = { typeType: 2, type: 3, children: 5, customMetadata: 6 };
const RECORD_BATCH = { length: 0, nodes: 1, buffers: 2, variadicCounts: 4 };
const TYPE_UNION = 14;
const UNION = { typeIds: 1 };
/** Nesting the contract needs is 2 (fixed_size_list<float32>); anything deeper is corrupt. */
const MAX_FIELD_DEPTH = 8;

/** Bounds-checked reads of one FlatBuffer (a message's metadata). */
class FlatBuffer {
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    private readonly fail: (why: string) => never,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.view.byteLength;
  }

  private check(at: number, width: number): void {
    if (!(at >= 0 && at + width <= this.view.byteLength)) this.fail(`header read at ${at} past its ${this.view.byteLength} bytes`);
  }

  u8(at: number): number {
    this.check(at, 1);
    return this.view.getUint8(at);
  }

  i32(at: number): number {
    this.check(at, 4);
    return this.view.getInt32(at, true);
  }

  /** An int64 as a number; values beyond 2^52 (never legitimate here) fail. */
  i64(at: number): number {
    this.check(at, 8);
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getInt32(at + 4, true);
    if (hi < 0 || hi >= 1 << 20) this.fail(`header holds an impossible 64-bit size`);
    return hi * 2 ** 32 + lo;
  }

  /** Position of field `slot` of the table at `table`, or -1 when the field is absent. */
  field(table: number, slot: number): number {
    const vtable = table - this.i32(table);
    const vtableSize = this.u8(vtable) | (this.u8(vtable + 1) << 8);
    const entry = 4 + 2 * slot;
    if (entry + 2 > vtableSize) return -1;
    const offset = this.u8(vtable + entry) | (this.u8(vtable + entry + 1) << 8);
    return offset === 0 ? -1 : table + offset;
  }

  /** The table or vector an offset field at `at` points to. */
  deref(at: number): number {
    return at + this.i32(at);
  }

  /** Element count and first element of the vector in field `slot`, after checking it fits. */
  vector(table: number, slot: number, elementSize: number): { count: number; first: number } {
    const at = this.field(table, slot);
    if (at < 0) return { count: 0, first: 0 };
    const start = this.deref(at);
    const count = this.i32(start);
    if (count < 0 || start + 4 + count * elementSize > this.size) this.fail(`header vector of ${count} entries does not fit its ${this.size} bytes`);
    return { count, first: start + 4 };
  }
}

function checkFields(fb: FlatBuffer, parent: number, slot: number, depth: number, budget: { fields: number }): void {
  const { count, first } = fb.vector(parent, slot, 4);
  for (let i = 0; i < count; i++) {
    budget.fields -= 1;
    if (depth > MAX_FIELD_DEPTH || budget.fields < 0) throw new RangeError('fields nested too deeply');
    const field = fb.deref(first + 4 * i);
    fb.vector(field, FIELD.customMetadata, 4);
    const typeAt = fb.field(field, FIELD.typeType);
    if (typeAt >= 0 && fb.u8(typeAt) === TYPE_UNION) {
      const type = fb.field(field, FIELD.type);
      if (type >= 0) fb.vector(fb.deref(type), UNION.typeIds, 4);
    }
    checkFields(fb, field, FIELD.children, depth + 1, budget);
  }
}

function checkRecordBatch(fb: FlatBuffer, batch: number, bodyLength: number, fail: (why: string) => never): void {
  // Every column type of the contract spends at least one bit of body per row.
  const maxRows = 8 * bodyLength + 64;
  const lengthAt = fb.field(batch, RECORD_BATCH.length);
  const rows = lengthAt < 0 ? 0 : fb.i64(lengthAt);
  if (rows > maxRows) fail(`record batch claims ${rows} rows in a ${bodyLength}-byte body`);
  const nodes = fb.vector(batch, RECORD_BATCH.nodes, 16);
  for (let i = 0; i < nodes.count; i++) {
    const length = fb.i64(nodes.first + 16 * i);
    const nulls = fb.i64(nodes.first + 16 * i + 8);
    if (length > maxRows || nulls > length) fail(`column claims ${length} values (${nulls} null) in a ${bodyLength}-byte body`);
  }
  const buffers = fb.vector(batch, RECORD_BATCH.buffers, 16);
  for (let i = 0; i < buffers.count; i++) {
    const offset = fb.i64(buffers.first + 16 * i);
    const length = fb.i64(buffers.first + 16 * i + 8);
    if (offset + length > bodyLength) fail(`buffer ${offset}..${offset + length} lies outside the ${bodyLength}-byte body`);
  }
  fb.vector(batch, RECORD_BATCH.variadicCounts, 8);
}

/**
 * Checks that `bytes` are an Arrow IPC stream whose every declared size fits the bytes: a schema
 * message first, then record batches (no dictionaries), then the end-of-stream marker (which
 * pyarrow's stream writer adds on close), so that no truncation can pass for a smaller network.
 *
 * @throws NetworkFormatError naming `table` otherwise
 */
export function checkIpcStream(bytes: Uint8Array, table: string): void {
  const fail = (why: string): never => {
    throw new NetworkFormatError(table, null, `not a valid Arrow IPC stream (${why})`);
  };
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1') {
    fail('this is an Arrow file; the widget reads the stream format');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let messages = 0;
  let ended = false;
  while (!ended && at + 4 <= bytes.length) {
    let metaLength = view.getInt32(at, true);
    at += 4;
    // Current streams prefix each message with 0xFFFFFFFF; pre-1.0 streams do not.
    if (metaLength === -1) {
      if (at + 4 > bytes.length) break;
      metaLength = view.getInt32(at, true);
      at += 4;
    }
    if (metaLength === 0) {
      ended = true;
      break;
    }
    if (metaLength < 0 || at + metaLength > bytes.length) fail(`message ${messages} claims ${metaLength} header bytes, ${bytes.length - at} remain`);
    const fb = new FlatBuffer(bytes.subarray(at, at + metaLength), fail);
    try {
      const message = fb.deref(0);
      const typeAt = fb.field(message, MESSAGE.headerType);
      const headerType = typeAt < 0 ? 0 : fb.u8(typeAt);
      const bodyAt = fb.field(message, MESSAGE.bodyLength);
      const bodyLength = bodyAt < 0 ? 0 : fb.i64(bodyAt);
      if (at + metaLength + bodyLength > bytes.length) fail(`message ${messages} claims a ${bodyLength}-byte body, ${bytes.length - at - metaLength} bytes remain`);
      fb.vector(message, MESSAGE.customMetadata, 4);
      const headerAt = fb.field(message, MESSAGE.header);
      if (headerAt < 0) fail(`message ${messages} has no header`);
      const header = fb.deref(headerAt);
      if (messages === 0) {
        if (headerType !== HEADER_SCHEMA) fail('the first message is not a schema');
        fb.vector(header, SCHEMA.customMetadata, 4);
        fb.vector(header, SCHEMA.features, 8);
        checkFields(fb, header, SCHEMA.fields, 0, { fields: Math.floor(fb.size / 4) });
      } else if (headerType === HEADER_RECORD_BATCH) {
        checkRecordBatch(fb, header, bodyLength, fail);
      } else {
        fail(`message ${messages} is of header type ${headerType}; only record batches may follow the schema (no dictionaries)`);
      }
      at += metaLength + bodyLength;
    } catch (err) {
      if (err instanceof NetworkFormatError) throw err;
      fail(`message ${messages}: ${err instanceof Error ? err.message : String(err)}`);
    }
    messages += 1;
  }
  if (messages === 0) fail(`no schema in ${bytes.length} bytes`);
  // Without its end-of-stream marker a stream may have lost record batches: refuse, do not guess.
  if (!ended) fail(`truncated: no end-of-stream marker after ${bytes.length} bytes`);
}
