/**
 * RGBA pixels → PNG file bytes through the browser's own encoder (a 2D canvas), for screenshots.
 */

/**
 * Encodes `rgba` (width·height·4 bytes, top row first) as a PNG; alpha is written opaque, as the
 * picture is. Returns a fresh array the caller owns.
 *
 * @throws Error when the browser cannot encode the image
 */
export async function encodePng(doc: Document, rgba: Uint8Array, width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = doc.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot create a 2D canvas to encode the PNG');
  const image = ctx.createImageData(width, height);
  image.data.set(rgba.subarray(0, width * height * 4));
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  ctx.putImageData(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode a ${width}×${height} PNG`);
  return new Uint8Array(await blob.arrayBuffer());
}
