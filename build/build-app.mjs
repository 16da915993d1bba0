// Bundles the desktop shell with esbuild:
//   host     → out/host/serve.mjs     (browser mode, ES module, like the CLI)
//   electron → out/main/main.cjs and out/preload/preload.cjs (CommonJS: a sandboxed preload
//              cannot load ES modules, and the main bundle keeps electron and better-sqlite3
//              external so Electron's own build of the native module is the one loaded).
// Usage: node build/build-app.mjs [host] [electron]   (both when none is named)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const wanted = process.argv.slice(2);
const want = (name) => wanted.length === 0 || wanted.includes(name);
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };

if (want('host')) {
  await build({
    ...common,
    entryPoints: ['electron/host/serve.ts'],
    outfile: 'out/host/serve.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);" },
    external: ['better-sqlite3', 'electron'],
  });
}

if (want('electron')) {
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'out/main/main.cjs',
    format: 'cjs',
    // The core finds its policy packs from import.meta.url; in CommonJS that is this file's URL.
    banner: { js: "const __csImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__csImportMetaUrl', __COUNTERSIGN_VERSION__: JSON.stringify(version) },
    external: ['better-sqlite3', 'electron'],
  });
  await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'out/preload/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    minify: true,
    external: ['electron'],
  });
}
