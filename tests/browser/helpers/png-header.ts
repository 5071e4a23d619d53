/**
 * Reads a PNG file's header in Node, without decoding pixels: the signature, the IHDR chunk (size,
 * bit depth, colour type) and whether the file ends with the IEND chunk, i.e. was written whole.
 */

/** The 8 bytes every PNG file starts with. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** An empty IEND chunk: length 0, type, CRC. Every complete PNG ends with these 12 bytes. */
const IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** What the IHDR chunk of a PNG says. */
export interface PngHeader {
  /** Pixels. */
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colorType: number;
  /** Whether the file ends with the IEND chunk. */
  readonly complete: boolean;
}

/**
 * The header of the PNG in `bytes`.
 *
 * @throws Error when the bytes do not start with the PNG signature followed by an IHDR chunk
 */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (file.length < 33 || !file.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error(`not a PNG: starts with ${file.subarray(0, 8).toString('hex')} (${file.length} bytes)`);
  }
  // The first chunk must be IHDR with 13 bytes of data: width, height (big-endian), depth, colour type, ...
  if (file.readUInt32BE(8) !== 13 || file.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`not a PNG: the first chunk is ${JSON.stringify(file.toString('latin1', 12, 16))}, not a 13-byte IHDR`);
  }
  return {
    width: file.readUInt32BE(16),
    height: file.readUInt32BE(20),
    bitDepth: file.readUInt8(24),
    colorType: file.readUInt8(25),
    complete: file.subarray(file.length - IEND_CHUNK.length).equals(IEND_CHUNK),
  };
}
