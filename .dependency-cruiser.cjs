/**
 * The layers: schemas/ ← contract-tests/ (the engine every front-end shares) ← scripts/ (the front-ends and
 * the CLI). Each layer imports only the ones below it; a front-end folder takes what it shares with another
 * from the engine or from the CLI kit (scripts/cli/), never from the other's folder. Tests may reach up a
 * layer (they drive front-ends end to end); no folder may be part of an import cycle.
 */
const TEST = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'schemas-import-nothing-above',
      comment: 'schemas/ is the bottom layer: the operation model and its codecs know no engine and no front-end.',
      severity: 'error',
      from: { path: '^schemas/', pathNot: TEST },
      to: { path: '^(contract-tests|scripts|bench|bin)/' },
    },
    {
      name: 'engine-imports-no-front-end',
      comment: 'contract-tests/ is the engine under every front-end: it imports schemas/ only, never scripts/.',
      severity: 'error',
      from: { path: '^contract-tests/', pathNot: TEST },
      to: { path: '^(scripts|bench|bin)/' },
    },
    {
      name: 'front-ends-apart',
      comment:
        "A front-end (scripts/<name>/) imports the engine, schemas/ and the CLI kit (scripts/cli/), never another front-end's folder or the dispatcher: move what two front-ends share down a layer.",
      severity: 'error',
      from: { path: '^scripts/([^/]+)/', pathNot: TEST },
      to: { path: '^scripts/', pathNot: ['^scripts/$1/', '^scripts/cli/'] },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Two folders that import each other are one tangle: move the shared part down.',
      severity: 'error',
      scope: 'folder',
      from: { pathNot: TEST },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^(schemas|contract-tests|scripts|bench|bin)/',
    exclude: { path: TEST },
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
