// Edge samples as spheres (nn_vis edge modes Sphere and Sphere_Transparent): one point per
// segment, at its start, from the segment buffers (segment-buffers.ts; drawn through an index that
// picks each segment's first vertex). Radius edge_object_radius·imp (nn_vis §8.1).
// Prepended: chunks/sphere-sprite.glsl.

// edge_object_radius (world units per unit of imp).
uniform float uObjectRadius;

// Segment start, world units.
in vec3 aA;
// Segment colour (rgb) and alpha term w, 0..1.
in vec4 aColor;
// imp = lerp(‖start‖, ‖end‖)·α, negative on an edge's end segments, 0 when the edge is hidden.
in float aImp;

flat out vec4 vColor;

void main() {
  vColor = aColor;
  if (aImp == 0.0) {
    hideSprite();
    return;
  }
  placeSphereSprite((modelViewMatrix * vec4(aA, 1.0)).xyz, uObjectRadius * abs(aImp));
}
