/**
 * The repository's module boundaries, checked by `npm run lint:deps` (part of `npm test`).
 * docs/architecture.md explains each package and why these are the rules.
 *
 * "Shipped" means code that runs on the visitor's device or in the server: everything but tests
 * (`*.test.ts`) and the test folder. Tests may reach into whatever they test.
 */
const TEST = '(\\.test\\.tsx?$|^test/|^(vitest|playwright)\\.config\\.ts$)';
const SHIPPED = '^(widget|worker|sync-server|models|demo)/';
const DEVICE_SHARED = '^(models/features|sync-server/protocol)/';
/** Folders whose `index.ts` is the only door for code in a sibling folder (type-only imports aside). */
const PACKAGES_WITH_FOLDERS = '^(worker|sync-server/src|widget/frame)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles (type-only ones too) make load order and layering depend on luck.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'widget-only-worker-protocol',
      severity: 'error',
      comment: 'The frame and the loader talk to the worker through its protocol module only.',
      from: { path: '^widget/' },
      to: { path: '^worker/', pathNot: '^worker/protocol/' },
    },
    {
      name: 'loader-not-frame',
      severity: 'error',
      comment: 'The loader runs on the host page; it shares only widget/protocol.ts with the frame.',
      from: { path: '^widget/loader/' },
      to: { path: '^widget/frame/' },
    },
    {
      name: 'frame-not-loader',
      severity: 'error',
      from: { path: '^widget/frame/' },
      to: { path: '^widget/loader/' },
    },
    {
      name: 'worker-foreign-packages',
      severity: 'error',
      comment:
        'The worker ships to the device; from other packages it may use only the shared feature code ' +
        '(models/features) and the sync protocol (sync-server/protocol).',
      from: { path: '^worker/', pathNot: TEST },
      to: { path: '^(models|sync-server|widget|demo|scripts|test)/', pathNot: DEVICE_SHARED },
    },
    {
      name: 'worker-protocol-is-a-leaf',
      severity: 'error',
      comment: 'Both sides of the frame↔worker boundary import the protocol; it imports no worker code.',
      from: { path: '^worker/protocol/', pathNot: TEST },
      to: { path: '^worker/', pathNot: '^worker/protocol/' },
    },
    {
      name: 'server-not-device',
      severity: 'error',
      comment: 'The sync server never depends on the worker or the widget, tests included.',
      from: { path: '^sync-server/' },
      to: { path: '^(worker|widget)/' },
    },
    {
      name: 'models-not-device',
      severity: 'error',
      comment: 'The trainer never depends on the worker, the widget or the server internals.',
      from: { path: '^models/' },
      to: { path: '^(worker|widget|sync-server/src)/' },
    },
    {
      name: 'device-shared-stays-portable',
      severity: 'error',
      comment:
        'models/features and sync-server/protocol run in the browser too: no Node built-ins, and ' +
        'nothing from the rest of their package.',
      from: { path: DEVICE_SHARED, pathNot: TEST },
      to: {
        dependencyTypesNot: ['npm'],
        pathNot: DEVICE_SHARED,
      },
    },
    {
      name: 'browser-code-no-node',
      severity: 'error',
      comment: 'Code that runs in the browser cannot use Node built-ins.',
      from: { path: '^(widget|worker)/', pathNot: TEST },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shipped-not-tests',
      severity: 'error',
      comment: 'Shipped code never imports test helpers (tools in scripts/ may).',
      from: { path: SHIPPED, pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: 'folder-through-index',
      severity: 'error',
      comment:
        'Inside worker/, sync-server/src/ and widget/frame/, a folder is used from outside through its ' +
        'index.ts. Type-only imports may name a record module directly (the storage schema types the ' +
        'records its owners define), and lazily loaded modules are imported by path.',
      from: { path: `${PACKAGES_WITH_FOLDERS}([^/]+)/`, pathNot: TEST },
      to: {
        path: `${PACKAGES_WITH_FOLDERS}[^/]+/.+`,
        pathNot: ['^$1/$2/', `${PACKAGES_WITH_FOLDERS}[^/]+/index\\.ts$`],
        dependencyTypesNot: ['type-only', 'dynamic-import'],
      },
    },
    {
      name: 'storage-below-features',
      severity: 'error',
      comment:
        'worker/storage is the bottom layer above the protocol: it may know the record types of the ' +
        'folders that own them, never their code.',
      from: { path: '^worker/storage/', pathNot: TEST },
      to: {
        path: '^worker/(consent|models|personalization|chat|experiments|sync|engine)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'models-below-features',
      severity: 'error',
      comment:
        'worker/models loads and runs model files; what a model is for lives with its user, which the ' +
        'engine plugs in (engine/model-builders.ts).',
      from: { path: '^worker/models/', pathNot: TEST },
      to: { path: '^worker/(consent|personalization|chat|experiments|sync|engine)/' },
    },
    {
      name: 'shipped-no-dev-dependencies',
      severity: 'error',
      comment: 'What ships to the device or the server must not need a devDependency at run time.',
      from: { path: '^(widget|worker|sync-server|models/features|demo)/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|models/artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
