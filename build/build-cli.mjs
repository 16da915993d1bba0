// Bundles the CLI so `countersign evaluate` starts fast (startup time counts against the
// evaluate/JSON.parse ratio in the benchmark): out/cli/countersign.mjs plus one chunk per
// command, loaded on demand (electron/cli/cli.ts), and out/cli/packs.json, the built-in
// policy packs parsed and compile-checked ahead of time (engine/contract/pack-cache.ts).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * better-sqlite3 (a native addon, ~10 ms to load) is only needed by the workspace commands:
 * load it on first use rather than on every start. The stand-in forwards `new Database(…)`,
 * calls and static properties (Database.SqliteError) to the real module.
 */
const lazySqlite = {
  name: 'lazy-better-sqlite3',
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.namespace === 'lazy-sqlite'
      ? { path: 'better-sqlite3', external: true }
      : { path: 'better-sqlite3', namespace: 'lazy-sqlite' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-sqlite' }, () => ({
      loader: 'js',
      contents: `
        let real;
        const load = () => {
          if (real) return real;
          try {
            return (real = require('better-sqlite3'));
          } catch (error) {
            if (error && error.code === 'MODULE_NOT_FOUND') {
              throw new Error('the workspace commands need the optional native module better-sqlite3, which is not installed (evaluate, test and verify do not); install it with: npm install better-sqlite3@12');
            }
            throw error;
          }
        };
        export default new Proxy(function Database() {}, {
          construct: (_t, args) => Reflect.construct(load(), args),
          apply: (_t, self, args) => Reflect.apply(load(), self, args),
          get: (_t, key) => load()[key],
          has: (_t, key) => key in load(),
          getPrototypeOf: () => Reflect.getPrototypeOf(load()),
        });`,
    }));
  },
};

const banner = { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" };

const result = await build({
  absWorkingDir: root,
  entryPoints: [{ in: 'electron/cli/main.ts', out: 'countersign' }],
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Minified, V8 parses the bundle noticeably faster at every start; keepNames keeps
  // class and function names that error handling and messages rely on.
  minify: process.env.COUNTERSIGN_CLI_MINIFY !== '0', // 0: readable profiles (--cpu-prof)
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner,
  external: ['electron'],
  plugins: [lazySqlite],
});

// Chunks of earlier builds (their names carry a content hash) are no longer referenced. Only
// old ones go: a CLI started by a build running concurrently (tests build too) may need its own.
const current = new Set(Object.keys(result.metafile.outputs).map((f) => f.replace(/^out\/cli\//, '')));
const chunksDir = join(root, 'out/cli/chunks');
for (const name of readdirSync(chunksDir)) {
  const file = join(chunksDir, name);
  if (!current.has(`chunks/${name}`) && Date.now() - statSync(file).mtimeMs > 10 * 60_000) rmSync(file, { force: true });
}

// The pack cache, built by the engine's own code (bundled for the occasion, then removed).
const tmpDir = join(root, 'out/cli-build');
mkdirSync(tmpDir, { recursive: true });
const writer = join(tmpDir, `pack-cache-${process.pid}.mjs`);
try {
  await build({
    absWorkingDir: root,
    stdin: {
      contents: "export { buildPackCache } from './electron/core/engine/contract/build-pack-cache';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: writer,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner,
  });
  const { buildPackCache } = await import(pathToFileURL(writer).href);
  const { cache, skipped } = buildPackCache(join(root, 'policies'));
  for (const why of skipped) console.warn(`build-cli: pack not cached (it will be parsed at run time): ${why}`);
  // Written whole then renamed: a CLI starting meanwhile reads the old file or the new one.
  const target = join(root, 'out/cli/packs.json');
  writeFileSync(`${target}.${process.pid}`, JSON.stringify(cache));
  renameSync(`${target}.${process.pid}`, target);
} finally {
  rmSync(writer, { force: true });
}
