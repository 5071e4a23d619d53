// Nodes as sphere impostors on GL_POINTS, all nodes in one draw (reference/performance.md §4:
// software WebGL pays ~14 µs per instance, a point list does not). Radius
// node_object_radius·‖importance‖ (nn_vis §8.1). Prepended: chunks/sphere-sprite.glsl.

// node_object_radius (world units per unit of ‖importance‖).
uniform float uObjectRadius;

// Mode colour (rgb) and the alpha term w (nn_vis §8.1: mean(i), or share_k in Class k), 0..1.
in vec4 aColor;
// ‖importance‖₂; 0 hides the node (below its threshold or without importance).
in float aNorm;

flat out vec4 vColor;

void main() {
  vColor = aColor;
  if (aNorm <= 0.0) {
    hideSprite();
    return;
  }
  placeSphereSprite((modelViewMatrix * vec4(position, 1.0)).xyz, uObjectRadius * aNorm);
}
