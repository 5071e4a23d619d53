/**
 * The shader programs of the node and edge layers as three.js materials, and nn_vis's blending
 * (reference/nn_vis.md §8.2): transparent programs pre-mix with the background and blend with
 * MIN (light) or MAX (dark) for colour and MAX for alpha, depth test off, so the picture does not
 * depend on draw order; opaque programs use the depth test and no blending. GLSL chunks are
 * prepended here (shaders/chunks/*.glsl).
 */
import { CustomBlending, GLSL3, MaxEquation, MinEquation, NoBlending, ShaderMaterial, Vector2, Vector3, Vector4 } from 'three';
import opacityChunk from '../../shaders/chunks/nn-vis-opacity.glsl';
import phongChunk from '../../shaders/chunks/phong.glsl';
import sphereRayChunk from '../../shaders/chunks/sphere-ray.glsl';
import sphereSpriteChunk from '../../shaders/chunks/sphere-sprite.glsl';
import ellipsoidFrag from '../../shaders/edge-ellipsoid.frag';
import ellipsoidVert from '../../shaders/edge-ellipsoid.vert';
import linesFrag from '../../shaders/edge-lines.frag';
import linesVert from '../../shaders/edge-lines.vert';
import edgeSamplesVert from '../../shaders/edge-samples.vert';
import nodeSpheresVert from '../../shaders/node-spheres.vert';
import spherePhongFrag from '../../shaders/sphere-phong.frag';
import sphereTransparentFrag from '../../shaders/sphere-transparent.frag';
import type { LayerOpacity } from './render-style';
import type { BackgroundName, Rgb } from './theme';

/** Uniforms every layer reads, set once per frame by the renderer (shared value objects). */
export interface FrameUniforms {
  /** Viewport size in drawing-buffer pixels. */
  readonly uViewport: { value: Vector2 };
  /** Largest point size the context supports, pixels. */
  readonly uMaxPointSize: { value: number };
  /** View-space z of the depth box's near and far corner (depth-range.ts). */
  readonly uDepthRange: { value: Vector2 };
  /** Clear colour, linear RGB. */
  readonly uBackground: { value: Vector3 };
}

/** Uniforms of one layer (nodes or edges). */
export interface LayerUniforms {
  /** node_object_radius or edge_object_radius. */
  readonly uObjectRadius: { value: number };
  /** (base_opacity, importance_opacity, depth_opacity, opacity_exponent). */
  readonly uOpacity: { value: Vector4 };
}

/** Fresh frame uniforms (a 1×1 viewport until the first frame). */
export function createFrameUniforms(): FrameUniforms {
  return {
    uViewport: { value: new Vector2(1, 1) },
    uMaxPointSize: { value: 64 },
    uDepthRange: { value: new Vector2(0, -1) },
    uBackground: { value: new Vector3(1, 1, 1) },
  };
}

/** Fresh layer uniforms. */
export function createLayerUniforms(): LayerUniforms {
  return { uObjectRadius: { value: 0 }, uOpacity: { value: new Vector4() } };
}

/** Writes a layer's radius and opacity parameters into its uniforms. */
export function setLayerUniforms(uniforms: LayerUniforms, objectRadius: number, opacity: LayerOpacity): void {
  uniforms.uObjectRadius.value = objectRadius;
  uniforms.uOpacity.value.set(opacity.baseOpacity, opacity.importanceOpacity, opacity.depthOpacity, opacity.opacityExponent);
}

/** Writes the background colour into the frame uniforms. */
export function setBackgroundUniform(frame: FrameUniforms, rgb: Rgb): void {
  frame.uBackground.value.set(rgb[0], rgb[1], rgb[2]);
}

/** The programs the layers draw with. */
export type ImpostorProgram =
  | 'node-sphere-transparent'
  | 'node-sphere-phong'
  | 'edge-sample-transparent'
  | 'edge-sample-phong'
  | 'edge-ellipsoid'
  | 'edge-line'
  | 'edge-line-transparent';

interface ProgramSource {
  readonly vertex: readonly string[];
  readonly fragment: readonly string[];
  readonly transparent: boolean;
  readonly defines?: Record<string, string>;
}

const SOURCES: Readonly<Record<ImpostorProgram, ProgramSource>> = {
  'node-sphere-transparent': { vertex: [sphereSpriteChunk, nodeSpheresVert], fragment: [sphereRayChunk, opacityChunk, sphereTransparentFrag], transparent: true },
  'node-sphere-phong': { vertex: [sphereSpriteChunk, nodeSpheresVert], fragment: [sphereRayChunk, phongChunk, spherePhongFrag], transparent: false },
  'edge-sample-transparent': { vertex: [sphereSpriteChunk, edgeSamplesVert], fragment: [sphereRayChunk, opacityChunk, sphereTransparentFrag], transparent: true },
  'edge-sample-phong': { vertex: [sphereSpriteChunk, edgeSamplesVert], fragment: [sphereRayChunk, phongChunk, spherePhongFrag], transparent: false },
  'edge-ellipsoid': { vertex: [opacityChunk, ellipsoidVert], fragment: [opacityChunk, ellipsoidFrag], transparent: true },
  'edge-line': { vertex: [linesVert], fragment: [opacityChunk, linesFrag], transparent: false },
  'edge-line-transparent': { vertex: [linesVert], fragment: [opacityChunk, linesFrag], transparent: true, defines: { TRANSPARENT_LINES: '' } },
};

/**
 * A material for `program` reading the given uniform objects (shared, not copied). Every material
 * stays in three.js's opaque list (`transparent: false`) so that draw order follows renderOrder,
 * edges before nodes, as in nn_vis; blending is set explicitly instead.
 */
export function createImpostorMaterial(program: ImpostorProgram, frame: FrameUniforms, layer: LayerUniforms, background: BackgroundName): ShaderMaterial {
  const source = SOURCES[program];
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: source.vertex.join('\n'),
    fragmentShader: source.fragment.join('\n'),
    uniforms: { ...frame, ...layer },
    defines: source.defines ?? {},
    transparent: false,
  });
  if (source.transparent) {
    material.blending = CustomBlending;
    material.blendEquationAlpha = MaxEquation;
    material.depthTest = false;
    material.depthWrite = false;
    setBlendTheme(material, background);
  } else {
    material.blending = NoBlending;
    material.depthTest = true;
    material.depthWrite = true;
  }
  return material;
}

/**
 * Sets the colour blend equation of a transparent material: MIN on the light background (nn_vis:
 * the darkest pre-mixed fragment wins), MAX on the dark one (the mirror image: the brightest
 * wins). Both are commutative, so the result is independent of draw order. Opaque materials are
 * left alone.
 */
export function setBlendTheme(material: ShaderMaterial, background: BackgroundName): void {
  if (material.blending !== CustomBlending) return;
  material.blendEquation = background === 'light' ? MinEquation : MaxEquation;
}
