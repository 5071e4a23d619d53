// nn_vis sphere_phong.frag (reference/nn_vis.md §8.3): opaque ray-cast sphere with Phong shading
// and the depth of its front surface. Prepended: chunks/sphere-ray.glsl, chunks/phong.glsl.

flat in vec4 vColor;

out vec4 fragColor;

void main() {
  vec3 dir = spriteRay();
  vec3 p = hitSphere(dir).x * dir;
  fragColor = vec4(nnVisPhong(vColor.rgb, normalize(p - vSphereCentre), dir), 1.0);
  gl_FragDepth = fragDepthOf(p);
}
