/**
 * Arrow boundary: parses one IPC stream and copies named columns out into fresh, contiguous typed
 * arrays (transferable, independent of the Arrow buffers). Every buffer length is checked against
 * the row count before it is read, so corrupt bytes give a `NetworkFormatError`, never a wrong read.
 */
import { DataType, Precision, tableFromIPC, type Data, type Table } from 'apache-arrow';
import { checkIpcStream } from './ipc-stream-guard';
import { NetworkFormatError } from './network-format-error';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Runs `read`, turning anything Arrow throws on corrupt input (plain `Error`s, `TypeError`s,
 * `RangeError`s from its lazy readers) into a `NetworkFormatError` naming the table and field.
 */
function guardArrow<T>(table: string, field: string | null, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof NetworkFormatError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new NetworkFormatError(table, field, `corrupt Arrow data (${why})`);
  }
}

/**
 * Parses `bytes` as an Arrow IPC stream, after `checkIpcStream` has made sure no header claims
 * more than the bytes hold.
 *
 * @throws NetworkFormatError for bytes that are not a sound IPC stream (empty, garbage, truncated)
 */
export function parseArrowTable(bytes: Uint8Array, table: string): Table {
  checkIpcStream(bytes, table);
  return guardArrow(table, null, () => tableFromIPC(bytes));
}

function typeError(table: string, field: string, type: DataType, expected: string): NetworkFormatError {
  return new NetworkFormatError(table, field, `has type ${String(type)}, expected ${expected}`);
}

function requireNoNulls(table: string, field: string, chunk: Data): void {
  if (chunk.nullCount !== 0) {
    throw new NetworkFormatError(table, field, `has ${chunk.nullCount} null values; nulls are not allowed`);
  }
}

function requireLength(table: string, field: string, have: number, need: number): void {
  if (!(have >= need)) {
    throw new NetworkFormatError(table, field, `corrupt Arrow data (buffer holds ${have} values, rows need ${need})`);
  }
}

/**
 * The chunks of column `field` after checking that it exists (else the error lists the columns
 * that do) and that its type passes `isType` (else the error names both types).
 */
function typedChunks(t: Table, table: string, field: string, expected: string, isType: (type: DataType) => boolean): readonly Data[] {
  const schemaField = t.schema.fields.find((f) => f.name === field);
  if (schemaField === undefined) {
    const found = t.schema.fields.map((f) => f.name).join(', ') || 'none';
    throw new NetworkFormatError(table, field, `missing column (found: ${found})`);
  }
  if (!isType(schemaField.type)) throw typeError(table, field, schemaField.type, expected);
  return t.getChild(field)!.data;
}

const isInt32 = (type: DataType): boolean => DataType.isInt(type) && type.bitWidth === 32 && type.isSigned;
const isFloat32 = (type: DataType): boolean => DataType.isFloat(type) && type.precision === Precision.SINGLE;

/** Copies a flat numeric column (no nulls) into `out`, chunk by chunk, checking each buffer. */
function copyNumbers<A extends Int32Array | Float32Array>(t: Table, table: string, field: string, expected: string, isType: (type: DataType) => boolean, out: A): A {
  let row = 0;
  for (const chunk of typedChunks(t, table, field, expected, isType)) {
    requireNoNulls(table, field, chunk);
    const values = chunk.values as A;
    requireLength(table, field, values.length, chunk.length);
    out.set(values.subarray(0, chunk.length), row);
    row += chunk.length;
  }
  return out;
}

/** Column `field` (int32, no nulls) copied into a new `Int32Array` of `t.numRows` values. */
export function readInt32Column(t: Table, table: string, field: string): Int32Array {
  return guardArrow(table, field, () => copyNumbers(t, table, field, 'int32', isInt32, new Int32Array(t.numRows)));
}

/** Column `field` (float32, no nulls) copied into a new `Float32Array` of `t.numRows` values. */
export function readFloat32Column(t: Table, table: string, field: string): Float32Array {
  return guardArrow(table, field, () => copyNumbers(t, table, field, 'float32', isFloat32, new Float32Array(t.numRows)));
}

/**
 * Column `field` (fixed_size_list<float32>[K], no nulls) copied row-major into a new
 * `Float32Array` of `t.numRows·K` values.
 */
export function readFloat32ListColumn(t: Table, table: string, field: string): { values: Float32Array; listSize: number } {
  return guardArrow(table, field, () => {
    const isList = (type: DataType): boolean =>
      DataType.isFixedSizeList(type) && type.children.length === 1 && isFloat32(type.children[0]!.type);
    const chunks = typedChunks(t, table, field, 'fixed_size_list<float32>', isList);
    const type = t.schema.fields.find((f) => f.name === field)!.type as DataType & { listSize: number };
    const listSize = type.listSize;
    // Every chunk is checked before the output is allocated: a corrupt list size must not allocate.
    const children = chunks.map((chunk) => {
      requireNoNulls(table, field, chunk);
      const child = chunk.children[0];
      if (child === undefined) throw new NetworkFormatError(table, field, 'corrupt Arrow data (list without values)');
      requireNoNulls(table, field, child);
      requireLength(table, field, child.values.length, chunk.length * listSize);
      return child.values as Float32Array;
    });
    const out = new Float32Array(t.numRows * listSize);
    let at = 0;
    chunks.forEach((chunk, k) => {
      const need = chunk.length * listSize;
      out.set(children[k]!.subarray(0, need), at);
      at += need;
    });
    return { values: out, listSize };
  });
}

/** True when bit `i` of an Arrow validity bitmap is set. */
function isValid(bitmap: Uint8Array, i: number): boolean {
  return ((bitmap[i >> 3]! >> (i & 7)) & 1) === 1;
}

/**
 * Column `field` (utf8) decoded into strings, one per row; `null` where the row is null.
 *
 * @param nullable when false, a null row is an error
 */
export function readUtf8Column(t: Table, table: string, field: string, nullable: boolean): (string | null)[] {
  return guardArrow(table, field, () => {
    const out: (string | null)[] = [];
    for (const chunk of typedChunks(t, table, field, 'utf8', DataType.isUtf8)) {
      if (!nullable) requireNoNulls(table, field, chunk);
      const offsets = chunk.valueOffsets as Int32Array;
      const bytes = chunk.values as Uint8Array;
      const bitmap = chunk.nullCount > 0 ? chunk.nullBitmap : undefined;
      requireLength(table, field, offsets.length, chunk.length + 1);
      if (bitmap !== undefined) requireLength(table, field, bitmap.length * 8, chunk.offset + chunk.length);
      for (let i = 0; i < chunk.length; i++) {
        if (bitmap !== undefined && !isValid(bitmap, chunk.offset + i)) {
          out.push(null);
          continue;
        }
        const start = offsets[i]!;
        const end = offsets[i + 1]!;
        if (!(start >= 0 && start <= end && end <= bytes.length)) {
          throw new NetworkFormatError(table, field, `corrupt Arrow data (row ${out.length} has string bytes ${start}..${end} of ${bytes.length})`);
        }
        out.push(UTF8.decode(bytes.subarray(start, end)));
      }
    }
    return out;
  });
}
