// Vertex-side helper for sphere impostors on GL_POINTS: the exact screen bounds of a sphere under
// perspective (tangent lines from the eye), so the sprite covers the whole projected sphere and no
// more. Needs `projectionMatrix` (three.js) and the uniforms below.

// Viewport size in drawing-buffer pixels.
uniform vec2 uViewport;
// Largest gl_PointSize the context supports (ALIASED_POINT_SIZE_RANGE).
uniform float uMaxPointSize;

// The sprite's centre and half size in NDC, for the fragment ray.
flat out vec2 vSpriteCentre;
flat out vec2 vSpriteHalf;
flat out vec3 vSphereCentre;
flat out float vSphereRadius;

// Drops the vertex: outside the clip volume, nothing is rasterised.
void hideSprite() {
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  gl_PointSize = 0.0;
}

// Slopes (x/depth) of the two tangents from the eye to a circle of radius r at (x, depth).
vec2 tangentSlopes(float x, float depth, float r) {
  float k = depth * depth - r * r;
  float s = r * sqrt(x * x + k);
  return vec2(x * depth - s, x * depth + s) / k;
}

// Places a sprite over the sphere (centre c in view space, radius r); hides it when the eye is
// inside the sphere or the sphere reaches the near plane.
void placeSphereSprite(vec3 c, float r) {
  float depth = -c.z;
  if (r <= 0.0 || depth - r <= 1e-3) {
    hideSprite();
    return;
  }
  vec2 xs = tangentSlopes(c.x, depth, r) * projectionMatrix[0][0];
  vec2 ys = tangentSlopes(c.y, depth, r) * projectionMatrix[1][1];
  vec2 centre = vec2(xs.x + xs.y, ys.x + ys.y) * 0.5;
  vec2 halfPx = vec2(xs.y - xs.x, ys.y - ys.x) * 0.25 * uViewport;
  // One pixel of margin: rasterisation covers pixel centres only.
  float size = min(2.0 * max(halfPx.x, halfPx.y) + 2.0, uMaxPointSize);
  gl_Position = vec4(centre, 0.0, 1.0);
  gl_PointSize = size;
  vSpriteCentre = centre;
  vSpriteHalf = vec2(size) / uViewport;
  vSphereCentre = c;
  vSphereRadius = r;
}
