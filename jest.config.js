// Two projects: `unit` runs in Node (data, compute, workers, render maths); `browser` drives
// Debian Chromium through playwright-core and needs the built widget (make build) first.
const transform = {
  '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, esModuleInterop: true, module: 'commonjs', isolatedModules: true }, diagnostics: { ignoreCodes: [151002] } }],
  '^.+\\.(vert|frag|glsl)$': '<rootDir>/tests/text-transform.js',
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{data,compute,workers,render,widget,build}/**/*.test.ts'],
      transform,
      transformIgnorePatterns: ['/node_modules/(?!three/)'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      transform,
      transformIgnorePatterns: ['/node_modules/(?!three/)'],
    },
  ],
};
