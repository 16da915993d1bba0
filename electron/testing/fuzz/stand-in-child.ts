// A stand-in for fuzz-child in fuzz-pool.test.ts: case 1 never ends, case 2 kills its process;
// the others end at once.
import type { ChildMessage, RunRequest } from './fuzz-child';

process.on('disconnect', () => process.exit(0));
process.on('message', (req: RunRequest) => {
  process.send!({ type: 'start', index: req.index, label: `stand-in ${req.index}`, kind: 'structure' } satisfies ChildMessage);
  if (req.index === 1) return; // a hang: no answer, ever
  if (req.index === 2) process.exit(70);
  process.send!({ type: 'done', index: req.index, ms: 1, outcome: { result: 'verdict', summary: 'pass', problems: [] } } satisfies ChildMessage);
});
