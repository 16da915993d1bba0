// better-sqlite3 for Electron, kept apart from Node's build.
//
// `npm ci` builds better-sqlite3 for Node's ABI (the CLI, the browser host and the tests use
// it). Electron has its own ABI, so `npm start` puts a copy of the module in out/node_modules
// and rebuilds that copy with @electron/rebuild (which downloads Electron's headers once).
// The bundled main process (out/main/main.cjs) resolves `better-sqlite3` from out/node_modules
// first, so Electron loads its build while Node keeps loading node_modules/better-sqlite3.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function ensureElectronNative(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const sqliteVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  const buildPath = join(root, 'out');
  const target = join(buildPath, 'node_modules', 'better-sqlite3');
  const stampFile = join(buildPath, 'node_modules', '.countersign-native.json');
  const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(target, 'build', 'Release', 'better_sqlite3.node'))) return;
  console.log(`countersign: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into out/node_modules (once; downloads Electron's headers)…`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), target, { recursive: true });
  // @electron/rebuild walks the dependencies of buildPath's package.json.
  writeFileSync(join(buildPath, 'package.json'), `${JSON.stringify({ name: 'countersign-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stampFile, stamp);
}
