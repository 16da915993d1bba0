/**
 * Runs fuzz cases in child processes with a watchdog: a case that runs past the limit is a
 * hang (the child is killed and replaced), a child that dies mid-case is a crash.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, RunRequest } from './fuzz-child';
import type { CaseOutcome } from './run-case';

export const CASE_TIME_LIMIT_MS = 10_000;
/** Starting a child (tsx compiles the loaders) and building a case: generous, it is not the case's time. */
const STARTUP_LIMIT_MS = 120_000;

export interface CaseResult extends RunRequest {
  readonly label: string;
  readonly kind: string;
  readonly ms: number;
  readonly outcome: CaseOutcome;
  readonly hang: boolean;
}

const CHILD = fileURLToPath(new URL('./fuzz-child.ts', import.meta.url));

export interface PoolOptions {
  /** Per-case limit (default CASE_TIME_LIMIT_MS). */
  readonly limitMs?: number;
  /** The child program (default fuzz-child.ts; tests use a stand-in). */
  readonly child?: string;
}

class Runner {
  private child: ChildProcess | null = null;

  constructor(private readonly limitMs: number, private readonly program: string) {}

  async run(req: RunRequest): Promise<CaseResult> {
    const limit = this.limitMs;
    const child = (this.child ??= fork(this.program, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    return new Promise<CaseResult>((resolve) => {
      let label = '(not generated yet)';
      let kind = '?';
      let started = 0;
      let timer = setTimeout(() => finish(null, 'startup'), STARTUP_LIMIT_MS);
      const finish = (msg: Extract<ChildMessage, { type: 'done' }> | null, why?: 'startup' | 'hang' | 'exit'): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.stderr?.removeAllListeners('data');
        if (msg) {
          resolve({ ...req, label, kind, ms: msg.ms, outcome: msg.outcome, hang: false });
          return;
        }
        this.kill();
        const ms = started ? performance.now() - started : 0;
        const hang = why === 'hang';
        const detail = why === 'exit' ? `the child process died: ${stderr.trim().split('\n').slice(-8).join('\n')}` : why === 'startup' ? 'no start within the startup limit' : `no result after ${limit} ms`;
        resolve({ ...req, label, kind, ms, hang, outcome: { result: 'error', summary: detail.split('\n')[0]!, problems: hang ? [] : [{ kind: 'crash', detail }] } });
      };
      const onMessage = (m: ChildMessage): void => {
        if (m.index !== req.index) return;
        if (m.type === 'start') {
          label = m.label;
          kind = m.kind;
          started = performance.now();
          clearTimeout(timer);
          timer = setTimeout(() => finish(null, 'hang'), limit);
        } else finish(m);
      };
      const onExit = (): void => finish(null, 'exit');
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(req);
    });
  }

  kill(): void {
    const c = this.child;
    this.child = null;
    if (c && c.exitCode === null) c.kill('SIGKILL');
  }

  close(): void {
    const c = this.child;
    this.child = null;
    c?.disconnect();
  }
}

/** Runs every request (in order per runner) on `jobs` child processes; `onResult` sees each result as it comes. */
export async function runCases(requests: readonly RunRequest[], jobs: number, onResult: (r: CaseResult) => void, options: PoolOptions = {}): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, jobs) }, () => new Runner(options.limitMs ?? CASE_TIME_LIMIT_MS, options.child ?? CHILD));
  await Promise.all(runners.map(async (runner) => {
    try {
      while (next < requests.length) onResult(await runner.run(requests[next++]!));
    } finally {
      runner.close();
    }
  }));
}
