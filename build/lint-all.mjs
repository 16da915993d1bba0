// `npm run lint`: ESLint (with the layering rules), the three TypeScript projects and
// electronegativity, run side by side on the machine's cores instead of one after another (CI's
// budget is 20 minutes, and each of these is one single-threaded process of 10-25 s).
// Each task's output is printed whole when it ends; the exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
/** Longest first, so that the last to start is a short one. */
const CPU_TASKS = [
  ['eslint', bin('eslint'), ['.']],
  ['tsc (core, main, host, CLI)', bin('tsc'), ['-p', 'tsconfig.json']],
  ['tsc (e2e)', bin('tsc'), ['-p', 'e2e/tsconfig.json']],
  ['tsc (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json']],
];
/** Mostly waiting (it tries to fetch its translations and gives up): it runs beside the others. */
const IDLE_TASKS = [['electronegativity', process.execPath, ['build/run-electronegativity.mjs']]];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const done = (code) => {
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)\n${code === 0 && output.trim() === '' ? '' : `${output.trimEnd()}\n`}`);
      resolve(code === 0);
    };
    child.on('error', (err) => {
      output += `could not start ${command}: ${err.message}`;
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

async function pool(tasks, width) {
  const queue = [...tasks];
  const results = [];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length > 0) results.push(await run(queue.shift()));
  }));
  return results;
}

const results = (await Promise.all([pool(CPU_TASKS, Math.max(1, availableParallelism())), pool(IDLE_TASKS, 1)])).flat();
const failed = results.filter((ok) => !ok).length;
if (failed > 0) {
  console.error(`lint: ${failed} of ${results.length} checks failed`);
  process.exit(1);
}
console.log(`lint: all ${results.length} checks passed`);
