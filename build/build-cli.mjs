// Bundles the CLI into one ES module so `countersign evaluate` starts fast
// (startup time counts against the evaluate/JSON.parse ratio in the benchmark).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

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
        const load = () => (real ??= require('better-sqlite3'));
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

await build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'out/cli/countersign.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Minified, V8 parses the 2 MB bundle noticeably faster at every start; keepNames keeps
  // class and function names that error handling and messages rely on.
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
  external: ['electron'],
  plugins: [lazySqlite],
});
