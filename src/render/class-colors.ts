/**
 * Class colours: nn_vis's ten fixed colours for classes 0–9 (reference/nn_vis.md §8.5), then a
 * deterministic extension for any number of further classes (nn_vis stops at ten). Values are
 * linear RGB floats in [0, 1], written to the framebuffer unchanged, exactly as nn_vis does.
 */

/** nn_vis `opengl_helper/shader_handler.py` CLASS_COLOR, class-major RGB triples (10·3 floats). */
export const NN_VIS_CLASS_COLORS: Readonly<Float32Array> = Float32Array.of(
  0.133, 0.545, 0.133, // 0 forest green #228B22
  0.0, 0.0, 0.545, // 1 dark blue #00008B
  0.69, 0.188, 0.376, // 2 maroon #B03060
  1.0, 0.271, 0.0, // 3 orange-red #FF4500
  1.0, 1.0, 0.0, // 4 yellow #FFFF00
  0.871, 0.722, 0.529, // 5 burlywood #DEB887
  0.0, 1.0, 0.0, // 6 lime #00FF00
  0.0, 1.0, 1.0, // 7 cyan #00FFFF
  1.0, 0.0, 1.0, // 8 magenta #FF00FF
  0.392, 0.584, 0.929, // 9 cornflower blue #6495ED
);

/** Number of classes nn_vis has fixed colours for. */
export const NN_VIS_CLASS_COUNT = 10;

// Extension: rings of twelve evenly spaced hues, visited in steps of five twelfths so that
// consecutive classes differ strongly; every ring has its own saturation/value tone, and rings that
// reuse a tone are shifted by a fraction of a hue step. 48 extension colours (classes 10–57) stay at
// least 0.09 apart in RGB; later ones repeat with small shifts. Near-white tones are avoided: they
// would vanish on the light background.
const RING_HUES = 12;
const HUE_STEP = 5;
const FIRST_EXTENSION_HUE = 0.04;
const TONES: readonly (readonly [saturation: number, value: number])[] = [
  [0.9, 0.75],
  [0.55, 0.5],
  [0.85, 0.35],
  [0.45, 0.85],
];

/** HSV (all in [0, 1]) to RGB, written into `out` at `offset`. */
function hsvToRgb(h: number, s: number, v: number, out: Float32Array, offset: number): void {
  const sector = (h - Math.floor(h)) * 6;
  const i = Math.floor(sector);
  const f = sector - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const rgb = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][i % 6] as [number, number, number];
  out[offset] = rgb[0];
  out[offset + 1] = rgb[1];
  out[offset + 2] = rgb[2];
}

/**
 * Writes the colour of class `c` (integer ≥ 0) as linear RGB into `out[offset .. offset+2]`.
 * Classes 0–9 are nn_vis's; later classes come from the deterministic extension palette.
 */
export function writeClassColor(c: number, out: Float32Array, offset: number): void {
  if (c < NN_VIS_CLASS_COUNT) {
    out[offset] = NN_VIS_CLASS_COLORS[3 * c] as number;
    out[offset + 1] = NN_VIS_CLASS_COLORS[3 * c + 1] as number;
    out[offset + 2] = NN_VIS_CLASS_COLORS[3 * c + 2] as number;
    return;
  }
  const k = c - NN_VIS_CLASS_COUNT;
  const ring = Math.floor(k / RING_HUES);
  const slot = ((k % RING_HUES) * HUE_STEP) % RING_HUES;
  const tone = TONES[ring % TONES.length] as readonly [number, number];
  const shift = (0.5 * (ring % 2) + 0.25 * Math.floor(ring / TONES.length)) / RING_HUES;
  hsvToRgb(FIRST_EXTENSION_HUE + slot / RING_HUES + shift, tone[0], tone[1], out, offset);
}

/**
 * A new class-major palette of `numClasses`·3 floats (linear RGB); the caller owns it.
 *
 * @param numClasses number of classes C ≥ 1
 */
export function classPalette(numClasses: number): Float32Array {
  const out = new Float32Array(3 * numClasses);
  for (let c = 0; c < numClasses; c++) writeClassColor(c, out, 3 * c);
  return out;
}
