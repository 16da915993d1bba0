import { approveChangeSet, PolicyRefusal, reconcileAttestationOutbox, rejectChangeSet } from '../../core/app';
import { printable } from '../../core/model/printable-text';
import { requireRejectionComment } from '../../core/model/rejection-comment';
import { parseCommandArgs } from '../parse-args';
import { readPassphrase } from './passphrase';
import { HELP_OPTION, inWorkspace, need, needPositionals, WORKSPACE_OPTION } from './workspace-option';
import { APPROVE_HELP } from './workspace-help';

const OPTIONS = { ...WORKSPACE_OPTION, ...HELP_OPTION, key: { type: 'string', short: 'k' }, comment: { type: 'string', short: 'm' }, out: { type: 'string' } } as const;

/** `countersign approve` and `countersign reject` */
export function approveCommand(args: readonly string[]): Promise<number> {
  return decisionCommand('approve', args);
}

export function rejectCommand(args: readonly string[]): Promise<number> {
  return decisionCommand('reject', args);
}

async function decisionCommand(kind: 'approve' | 'reject', args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, kind);
  if (values.help) {
    process.stdout.write(APPROVE_HELP);
    return 0;
  }
  const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', kind);
  const keyId = need(values.key, '--key KEYID', kind);
  const out = need(values.out, '--out DIR', kind);
  // The rule and its message are the core's (the UI shows the same); checked before the passphrase prompt.
  if (kind === 'reject') requireRejectionComment(values.comment);
  const comment = values.comment ?? '';
  try {
    const r = await inWorkspace(values.workspace, async (ws) => {
      // --out is this command's outbox: finish or undo a write an earlier run was killed in.
      // The files go straight into it (flat), where `verify --attestations DIR` reads them.
      reconcileAttestationOutbox(ws, out, { rewriteMissing: false, layout: 'flat' });
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      const input = { digest: digest!, keyId, passphrase, comment, outboxDir: out, layout: 'flat' as const };
      return kind === 'approve' ? approveChangeSet(ws, input) : rejectChangeSet(ws, input);
    });
    process.stdout.write(`${r.path}\n`);
    const progress = kind === 'approve' ? `, ${r.approvals} of ${r.quorum} approval(s)` : '';
    process.stderr.write(`countersign: ${kind === 'approve' ? 'approved' : 'rejected'} ${r.changeSetDigest} (${r.verdict}${progress}; state ${r.state})\n`);
    return 0;
  } catch (err) {
    return refusalExit(err);
  }
}

/** A use case's policy refusal (the release may not be signed as asked) is exit 1 with its reason; anything else goes on up. */
export function refusalExit(err: unknown): 1 {
  if (!(err instanceof PolicyRefusal)) throw err;
  process.stderr.write(`countersign: ${printable(err.message)}\n`);
  return 1;
}
