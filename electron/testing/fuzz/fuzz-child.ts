/**
 * The child process that runs cases (see fuzz-pool): the parent kills it when one case runs
 * past the time limit, so a hang is reported, not waited on. An unhandled rejection during a
 * case is that case's crash.
 */
import { FuzzContext, runCase } from './run-case';
import type { CaseOutcome } from './run-case';
import { generateCase } from './loaders';
import type { LoaderName } from './loaders';

export interface RunRequest {
  readonly loader: LoaderName;
  readonly seed: number;
  readonly index: number;
}

export type ChildMessage =
  | { readonly type: 'start'; readonly index: number; readonly label: string; readonly kind: string }
  | { readonly type: 'done'; readonly index: number; readonly ms: number; readonly outcome: CaseOutcome };

const ctx = new FuzzContext();
let stray: string[] = [];
process.on('unhandledRejection', (reason) => {
  stray.push(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
process.on('uncaughtException', (err) => {
  stray.push(`uncaught exception: ${err.stack ?? err.message}`);
});
process.on('disconnect', () => {
  ctx.close();
  process.exit(0);
});

process.on('message', (req: RunRequest) => {
  void (async () => {
    stray = [];
    let outcome: CaseOutcome;
    let ms = 0;
    try {
      const c = await generateCase(req.loader, req.seed, req.index);
      process.send!({ type: 'start', index: req.index, label: c.label, kind: c.kind } satisfies ChildMessage);
      const t0 = performance.now();
      outcome = await runCase(req.loader, c, ctx);
      ms = performance.now() - t0;
    } catch (err) {
      outcome = { result: 'error', summary: 'the case itself failed', problems: [{ kind: 'crash', detail: err instanceof Error ? (err.stack ?? err.message) : String(err) }] };
    }
    // Give a rejection left behind by the case a turn to surface before reporting.
    await new Promise((r) => setImmediate(r));
    if (stray.length > 0) outcome = { ...outcome, problems: [...outcome.problems, ...stray.map((detail) => ({ kind: 'crash' as const, detail }))] };
    process.send!({ type: 'done', index: req.index, ms, outcome } satisfies ChildMessage);
  })();
});
