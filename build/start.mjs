// `npm start`: the desktop app when Electron can run here, else browser mode (saying why).
// Extra arguments pass through: `npm start -- --workspace DIR`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const run = (cmd, argv) => spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  if (run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'build/vite.renderer.config.ts', '--logLevel', 'warn']) !== 0) process.exit(1);
}

const why = electronUnavailable();
if (why === null) {
  try {
    if (run(process.execPath, [join(root, 'build', 'build-app.mjs'), 'electron']) !== 0) process.exit(1);
    const { ensureElectronNative } = await import('./electron-native.mjs');
    await ensureElectronNative(root);
    const electron = createRequire(import.meta.url)('electron');
    const child = spawn(electron, ['.', ...args], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } catch (err) {
    browserMode(`Electron could not be prepared (${err instanceof Error ? err.message : String(err)})`);
  }
} else {
  browserMode(why);
}

/** Why Electron cannot start on this machine, or null when it can. */
function electronUnavailable() {
  let binary;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch (err) {
    return `the Electron binary is not installed (${String(err instanceof Error ? err.message : err).split('\n')[0]})`;
  }
  if (!existsSync(binary)) return `the Electron binary is missing (${binary})`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  return null;
}

function browserMode(reason) {
  console.log(`countersign: the desktop window cannot start here: ${reason}.`);
  console.log('countersign: falling back to BROWSER MODE (the same app and API over http://127.0.0.1 with a per-launch token).');
  if (run(process.execPath, [join(root, 'build', 'build-app.mjs'), 'host']) !== 0) process.exit(1);
  const child = spawn(process.execPath, [join(root, 'out', 'host', 'serve.mjs'), ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
