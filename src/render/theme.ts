/**
 * The two backgrounds and the "ink" each uses for nn_vis's Independent mode. nn_vis only knows a
 * white background with black ink (reference/nn_vis.md §8.2, §8.5); the dark theme mirrors it
 * exactly: black background, white ink, pre-mix with black and MAX blending (impostor-materials.ts).
 * Colours are linear RGB in [0, 1], written to the framebuffer unchanged.
 */

/** A colour as three linear RGB floats in [0, 1]. */
export type Rgb = readonly [r: number, g: number, b: number];

/** Names accepted by the `background` trait. */
export type BackgroundName = 'light' | 'dark';

/** Every background name, in the order the docs list them. */
export const BACKGROUND_NAMES: readonly BackgroundName[] = ['light', 'dark'];

/** Clear colour and Independent-mode colour of one theme. */
export interface Theme {
  /** Clear colour of the canvas. */
  readonly background: Rgb;
  /** Colour of everything in Independent mode (nn_vis: black), the background's opposite. */
  readonly ink: Rgb;
}

/** The themes by name: `light` is nn_vis's white; `dark` is black with white ink. */
export const THEMES: Readonly<Record<BackgroundName, Theme>> = {
  light: { background: [1, 1, 1], ink: [0, 0, 0] },
  dark: { background: [0, 0, 0], ink: [1, 1, 1] },
};
