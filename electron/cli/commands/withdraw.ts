import { reconcileAttestationOutbox, withdrawDecision } from '../../core/app';
import { refusalExit } from './approve';
import { UsageError } from '../../core/model/errors';
import { parseCommandArgs } from '../parse-args';
import { readPassphrase } from './passphrase';
import { HELP_OPTION, inWorkspace, need, needPositionals, WORKSPACE_OPTION } from './workspace-option';
import { WITHDRAW_HELP } from './withdraw-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  key: { type: 'string', short: 'k' }, reason: { type: 'string', short: 'm' }, out: { type: 'string' }, decision: { type: 'string' },
} as const;

const PAYLOAD_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `countersign withdraw DIGEST --key K --reason TEXT --out DIR` */
export async function withdrawCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'withdraw');
  if (values.help) {
    process.stdout.write(WITHDRAW_HELP);
    return 0;
  }
  const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', 'withdraw');
  const keyId = need(values.key, '--key KEYID', 'withdraw');
  // Checked before the passphrase prompt: a withdrawal without a reason is never signed.
  const reason = need(values.reason, '--reason TEXT (why the decision no longer stands)', 'withdraw');
  const out = need(values.out, '--out DIR', 'withdraw');
  if (values.decision !== undefined && !PAYLOAD_DIGEST.test(values.decision)) throw new UsageError('--decision must be a payload digest (sha256:<64 hex>)');
  try {
    const r = await inWorkspace(values.workspace, async (ws) => {
      reconcileAttestationOutbox(ws, out, { rewriteMissing: false, layout: 'flat' });
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      return withdrawDecision(ws, { digest: digest!, keyId, passphrase, reason, outboxDir: out, layout: 'flat', ...(values.decision ? { decision: values.decision } : {}) });
    });
    process.stdout.write(`${r.path}\n`);
    process.stderr.write(`countersign: withdrew ${r.decision === 'approve' ? 'approval' : 'rejection'} ${r.withdraws} of ${r.changeSetDigest} (state ${r.state})\n`);
    return 0;
  } catch (err) {
    return refusalExit(err);
  }
}
