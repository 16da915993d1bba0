// Layering is a lint error. Every folder under electron/ (and the renderer) is one layer, and
// LAYERS below is the whole rule: a layer may import itself and the layers its row lists,
// nothing else. A newcomer's rule: "your folder, and the row that lists what it may use."
// Two pseudo-layers: 'node' (Node built-ins, native Node modules) and 'electron' (the
// Electron API). npm packages that are neither are free. Rows are listed bottom-up.
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { layerRule } from './build/eslint-layers.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

const model = 'electron/core/model';
const base = 'electron/core/base';
const hashing = 'electron/core/hashing';
const io = 'electron/core/io';
const loaders = 'electron/core/loaders';
const engine = 'electron/core/engine';
const signing = 'electron/core/signing';
const reports = 'electron/core/reports';
const store = 'electron/core/store';
const verify = 'electron/core/verify';
const policyTests = 'electron/core/policy-tests';
const app = 'electron/core/app';
const fleet = 'electron/core/fleet';
const drift = 'electron/core/drift';
const shared = 'electron/shared';
const host = 'electron/host';
const coreTesting = 'electron/core/testing';
const allCore = [model, base, hashing, io, loaders, engine, signing, reports, store, verify, policyTests, fleet, drift, app];

export const LAYERS = {
  // The domain types and errors: imports nothing, and no Node, so the renderer's contract may use it.
  [model]: [],
  // Pure helpers several layers need (canonical JSON, glob, image reference, pod spec, the
  // verdict rule): no Node, so even the renderer may use them.
  [base]: [model],
  // Digests (sha256 over canonical JSON): Node's crypto.
  [hashing]: [model, base, 'node'],
  // File and text reading helpers.
  [io]: [model, base, 'node'],
  // Readers of vendor input (bundles, Terraform plans, Kubernetes YAML, images).
  [loaders]: [model, base, hashing, io, 'node'],
  // The CEL policy engine: contracts, compile, evaluate.
  [engine]: [model, base, hashing, io, 'node'],
  // DSSE/in-toto statements and keys.
  [signing]: [model, base, hashing, io, 'node'],
  // Text, JSON, SARIF and JUnit reports of an evaluation.
  [reports]: [model, base, 'node'],
  // The SQLite workspace. It stores the change sets the loaders read (bundle types and the
  // listing digest): a dependency downwards, not sideways.
  [store]: [model, base, hashing, loaders, 'node'],
  // `countersign verify`: judges a release, so it runs the engine on signed files.
  [verify]: [model, base, engine, signing, 'node'],
  // `countersign test`: a contract's own policy tests.
  [policyTests]: [model, base, loaders, engine, 'node'],
  // One release against many contracts (issue 13): parse once, compile per distinct policy,
  // check each contract's publication signature; the CLI and the desktop Fleet preview use it.
  // It judges each contract's publication as verify does (choosePublication), so it may use verify.
  [fleet]: [model, base, hashing, io, loaders, engine, signing, reports, verify, 'node'],
  // Drift (issue 12): live snapshots (refresh-only plans, state, live Kubernetes objects)
  // compared with what was approved, and evaluated under the contract.
  [drift]: [model, base, hashing, io, loaders, engine, 'node'],
  // Use cases shared by the CLI and the desktop API. app/review is the desktop API's
  // view-model, so it builds the API's types (shared): also a dependency downwards. Saving a
  // contract runs its own policies' tests (policy-tests), also downwards.
  // reports: the audit report (issue 12) is built here and rendered by the reports, which the app serves as files.
  [app]: [model, base, hashing, io, loaders, engine, signing, reports, store, verify, policyTests, fleet, drift, shared, 'node'],
  // The desktop API's contract (zod schemas, types): no Node, the renderer reads it.
  [shared]: [model, base],
  // The backend both shells share: API handlers over app/.
  [host]: [model, base, engine, store, app, shared, 'package.json', 'node'],
  // The Electron main process.
  'electron/main': [host, shared, 'electron', 'node'],
  // The preload script: the only bridge from the renderer to main.
  'electron/preload': [shared, 'electron'],
  // The CLI.
  'electron/cli': [...allCore, 'package.json', 'node'],
  // Demo bundles (data only).
  'electron/demo': [],
  // Test-only folders: fixtures and corpus helpers, the fuzz harness. Not shipped.
  [coreTesting]: [...allCore, 'node'],
  'electron/testing': [coreTesting, ...allCore, 'node'],
  // Ground-truth suites over the corpus: test files only (tests may import any layer).
  'electron/core/ground-truth': [],
  // The React UI: reaches the core only through the API contract, never Node or Electron.
  'renderer/src': [shared, base],
};

/** Folders test files (*.test.ts) may also import, with Node and every core layer. */
const TEST_SUPPORT = [coreTesting, 'electron/testing'];

/** The files that read parsed contracts, where raw YAML node ranges are refused (see the rule). */
export const CONTRACT_READERS = 'electron/core/engine/contract/*.ts';

/** The only files that may touch Electron's raw IPC objects. */
export const IPC_OWNERS = ['electron/main/ipc.ts', 'electron/preload/preload.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.bench-data/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.ts', 'electron/**/*.tsx', 'renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    plugins: { countersign: { rules: { layers: layerRule({ root, layers: LAYERS, testSupport: TEST_SUPPORT, owned: ['electron', 'renderer/src'] }) } } },
    rules: { 'countersign/layers': 'error' },
  },
  {
    // Raw IPC goes through one file per side, so every channel is declared and validated there.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: IPC_OWNERS,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{
          name: 'electron',
          importNames: ['ipcMain', 'ipcRenderer', 'contextBridge', 'default'],
          message: `Raw ipcMain, ipcRenderer and contextBridge live only in ${IPC_OWNERS.join(' and ')}: add the channel there.`,
        }],
      }],
    },
  },
  {
    // A fleet's contracts share parsed YAML nodes (yaml-segments.ts): a node's own range counts
    // from its entry, not from the file, so a position read from it would point at the wrong
    // line of all but one contract. Positions go through yaml-source.ts rangeIn (or the
    // YamlSource's line lookups). The folders below it (the editor, VAP import) parse their own
    // text whole.
    files: [CONTRACT_READERS],
    ignores: ['electron/core/engine/contract/yaml-source.ts', 'electron/core/engine/contract/yaml-segments.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...[
        "MemberExpression[computed=false][property.name='range']",
        "MemberExpression[computed=true][property.value='range']",
        "ObjectPattern > Property[key.name='range']",
      ].map((selector) => ({
        selector,
        message: 'A YAML node of a parsed contract may be shared by a fleet: read its position with rangeIn(src, node) (yaml-source.ts), not node.range.',
      }))],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
