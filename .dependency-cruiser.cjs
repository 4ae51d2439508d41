/** Import rules between the architecture's folders (docs/ARCHITECTURE.md). */
const ours = '^(contract|hardware|db|service|renderer|electron|platform|content)/';
module.exports = {
  forbidden: [
    { name: 'contract-imports-only-zod', severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', '^node_modules/zod/'], dependencyTypesNot: ['type-only'] } },
    { name: 'hardware-only-contract', severity: 'error',
      from: { path: '^hardware/' }, to: { path: ours, pathNot: ['^hardware/', '^contract/'] } },
    { name: 'db-only-contract', severity: 'error',
      from: { path: '^db/' }, to: { path: ours, pathNot: ['^db/', '^contract/'] } },
    { name: 'content-only-contract', severity: 'error',
      from: { path: '^content/' }, to: { path: ours, pathNot: ['^content/', '^contract/'] } },
    { name: 'service-no-renderer-electron-platform', severity: 'error',
      from: { path: '^service/' }, to: { path: '^(renderer|electron|platform)/' } },
    { name: 'service-never-imports-electron', severity: 'error',
      from: { path: '^service/' }, to: { path: 'node_modules/electron/' } },
    { name: 'renderer-only-contract', severity: 'error',
      from: { path: '^renderer/' }, to: { path: ours, pathNot: ['^renderer/', '^contract/'] } },
    { name: 'renderer-no-node', severity: 'error',
      from: { path: '^renderer/' }, to: { dependencyTypes: ['core'] } },
    { name: 'electron-not-renderer', severity: 'error',
      from: { path: '^electron/' }, to: { path: '^(renderer|platform|hardware|db)/' } },
    { name: 'platform-only-contract', severity: 'error',
      from: { path: '^platform/' }, to: { path: ours, pathNot: ['^platform/', '^contract/', '^content/'] } },
    // Load-cell shelf physics (issue 13) shares no code or constants with the detector it
    // scores: the physics imports only itself, and nothing in the product imports tests/.
    { name: 'physics-is-independent', severity: 'error',
      from: { path: '^tests/physics/' }, to: { pathNot: ['^tests/physics/'], dependencyTypesNot: ['core'] } },
    { name: 'product-never-imports-tests', severity: 'error',
      from: { path: ours }, to: { path: '^tests/' } },
    { name: 'detector-not-physics', severity: 'error',
      from: { path: '^hardware/loadcell/' }, to: { path: '^tests/physics/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', '\\.test\\.ts$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
