// Child process of crash-safety.test.ts: writes forever (imports, evaluations, approvals, state
// changes, each in its own transaction) until the parent SIGKILLs it at a random point.
// Usage: node --import tsx crash-writer.ts WORKSPACE ROUND [OUTBOX-DIR STOP-STEP STOP-AT]
// With an outbox, each approval's file is written with it (stage, commit, publish); at approval
// number STOP-AT the writer prints `at STOP-STEP` after that step and waits to be killed there.
import { commitWithFile } from '../store/outbox-files';
import type { OutboxStep } from '../store/outbox-files';
import { syntheticChangeSet, syntheticEvaluation, syntheticOutboxFileName } from './store-fixtures';
import { initWorkspace } from '../store/workspace';

const [path, roundArg, outboxDir, stopStep, stopAtArg] = process.argv.slice(2);
if (!path || !roundArg) throw new Error('usage: crash-writer.ts WORKSPACE ROUND [OUTBOX-DIR STOP-STEP STOP-AT]');
const round = Number(roundArg);
const stopAt = Number(stopAtArg ?? -1);
const ws = initWorkspace(path, { actor: `writer-${round}` });
process.stdout.write('ready\n');

/** Stops here for good: the parent's SIGKILL is the only way out. */
function waitForKill(step: OutboxStep): never {
  process.stdout.write(`at ${step}\n`);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

const CONTRACT = 'sha256:' + 'c'.repeat(64);
let approvals = 0;
for (let i = 0; ; i++) {
  // Distinct change sets per round and iteration; sizes vary so transactions span many pages.
  const n = round * 100_000 + i;
  const { source, changeSet } = syntheticChangeSet(n, { files: 1 + (i % 5), bytes: 1024 * (1 + ((i * 37) % 64)) });
  ws.changeSets.importChangeSet(source, changeSet);
  const { value: evaluation } = ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation: syntheticEvaluation(5) });
  if (i % 3 === 2) {
    ws.changeSets.setChangeSetState(changeSet.digest, 'superseded', { reason: 'newer release' });
    continue;
  }
  const kind = i % 3 === 0 ? 'approve' : 'reject';
  const envelope = JSON.stringify({
    payloadType: 'application/vnd.in-toto+json',
    payload: Buffer.from(JSON.stringify({ subject: changeSet.digest, evaluation: evaluation.digest, pad: 'x'.repeat(2000) })).toString('base64'),
    signatures: [{ keyid: 'sha256:' + 'k'.repeat(64), sig: 'c2ln' }],
  });
  const record = () => ws.attestations.recordApproval({
    kind, changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluationDigest: evaluation.digest,
    keyId: 'sha256:' + 'k'.repeat(64), envelope, newState: kind === 'approve' ? 'approved' : 'rejected',
  });
  if (!outboxDir) {
    record();
    continue;
  }
  const stopHere = approvals++ === stopAt;
  commitWithFile(outboxDir, { name: syntheticOutboxFileName(envelope), text: `${envelope}\n` }, record, (step) => {
    if (stopHere && step === stopStep) waitForKill(step);
  });
}
