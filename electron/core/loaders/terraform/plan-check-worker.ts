import { Worker } from 'node:worker_threads';
import { JSON_VALIDITY_SOURCE } from './json-validity';

/**
 * The worker's whole program. Plain CommonJS with node: modules only, passed as source text,
 * so it runs the same from the esbuild bundle, from tsx in tests and from Electron, with no
 * extra file to ship or find.
 * 1. sha256 of the file's bytes (shared memory: no copy), posted at once;
 * 2. decodes its own copy of the text (strings cannot be shared between threads);
 * 3. on the ranges message (sent as soon as the main thread knows them: it waits in the
 *    worker's queue meanwhile), checks each [start, end) range of that text is valid JSON
 *    (isJsonText, json-validity.ts: what JSON.parse accepts, without building its objects).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
${JSON_VALIDITY_SOURCE}
const { bytes, start } = workerData;
parentPort.postMessage({ sha256: createHash('sha256').update(bytes).digest('hex') });
const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8');
parentPort.once('message', (ranges) => {
  let valid = true;
  for (let k = 0; k < ranges.length && valid; k += 2) valid = isJsonText(text.slice(ranges[k], ranges[k + 1]));
  parentPort.postMessage({ valid });
});
`;

/** A worker thread hashing a big plan file and checking the parts of its JSON the main thread skips. */
export interface PlanCheck {
  /** sha256 hex of all the bytes. */
  readonly sha256: Promise<string>;
  /** Whether every [start, end) range of the decoded text (from `start` bytes on) is valid JSON. */
  check(ranges: readonly (readonly [number, number])[]): Promise<boolean>;
  /** Ends the worker early (after an error on the main thread). */
  stop(): void;
}

/**
 * Starts the worker on `bytes`, which must live in a SharedArrayBuffer. `start` skips a BOM.
 * Both promises reject if the worker cannot start or dies: callers fall back to doing the
 * work themselves.
 */
export function startPlanCheck(bytes: Uint8Array, start: number): PlanCheck {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes, start } });
  let failed: (err: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  // Rejections are read through sha256/check; never let an unread one crash the process.
  failure.catch(() => undefined);
  worker.once('error', (err) => failed(err));
  worker.once('exit', (code) => failed(new Error(`the plan check worker exited (code ${code})`)));

  // One listener for both answers, in the order the worker posts them: the ranges can then be
  // posted before the hash is in (the main thread is busy parsing until it reads the hash).
  let hashed: (hex: string) => void = () => undefined;
  let checked: (valid: boolean) => void = () => undefined;
  const sha256 = Promise.race([failure, new Promise<string>((resolve) => { hashed = resolve; })]);
  sha256.catch(() => undefined);
  const valid = Promise.race([failure, new Promise<boolean>((resolve) => { checked = resolve; })]);
  valid.catch(() => undefined);
  worker.on('message', (m: { sha256?: string; valid?: boolean }) => {
    if (typeof m.sha256 === 'string') hashed(m.sha256);
    else checked(m.valid === true);
  });
  return {
    sha256,
    check: async (ranges) => {
      const flat = new Float64Array(ranges.length * 2);
      ranges.forEach(([s, e], k) => { flat[2 * k] = s; flat[2 * k + 1] = e; });
      worker.postMessage(flat);
      try {
        return await valid;
      } finally {
        void worker.terminate();
      }
    },
    stop: () => { void worker.terminate(); },
  };
}
