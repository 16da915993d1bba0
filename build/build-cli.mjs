// Bundles the CLI into one ES module so `countersign evaluate` starts fast
// (startup time counts against the evaluate/JSON.parse ratio in the benchmark).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'out/cli/countersign.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
  external: ['better-sqlite3', 'electron'],
});
