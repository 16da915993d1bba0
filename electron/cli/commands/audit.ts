import { exportAuditLog, verifyAudit, verifyAuditHeads } from '../../core/app';
import type { AuditHeadsResult } from '../../core/app';
import { printable } from '../../core/model/printable-text';
import { UsageError } from '../../core/model/errors';
import { parseCommandArgs } from '../parse-args';
import { HELP_OPTION, inWorkspace, needPositionals, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { AUDIT_HELP } from './workspace-help';

const OPTIONS = { ...WORKSPACE_OPTION, ...HELP_OPTION, output: { type: 'string', short: 'o' }, attestations: { type: 'string', short: 'a' } } as const;

/** `countersign audit verify|export` */
export async function auditCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('audit', args, ['verify', 'export']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'audit');
  if (sub === 'help' || values.help) {
    process.stdout.write(AUDIT_HELP);
    return 0;
  }
  needPositionals(positionals, 0, '', `audit ${sub}`);
  if (sub === 'verify') {
    const path = values.attestations;
    const { r, heads } = await inWorkspace(values.workspace, (ws) => ({
      r: verifyAudit(ws),
      heads: path === undefined ? null : verifyAuditHeads(ws, path),
    }), { readonly: true });
    if (!r.ok) {
      const b = r.firstBroken;
      process.stdout.write(`audit log BROKEN at entry ${b.seq} (${b.reason}): ${printable(b.detail)}\n`);
      process.stderr.write(`countersign: audit log broken at entry ${b.seq} (${b.reason}); ${r.entries} entries verified before it\n`);
      return 1;
    }
    if (heads === null || heads.problems.length === 0) {
      process.stdout.write(`audit log ok: ${r.entries} entries, hash chain intact${heads ? `; ${headsLine(heads)}` : ''}\n`);
      return 0;
    }
    // The chain is consistent, but an attestation signed here remembers entries it no longer holds.
    for (const p of heads.problems) process.stdout.write(`audit log BROKEN (${p.problem}): ${printable(p.detail)}\n`);
    process.stderr.write(`countersign: audit log broken: ${heads.problems.length} recorded head(s) missing or different; ${headsLine(heads)}\n`);
    return 1;
  }
  if (values.attestations !== undefined) throw new UsageError('--attestations goes with audit verify');
  const written = await inWorkspace(values.workspace, (ws) => exportAuditLog(ws, values.output === undefined ? { stream: process.stdout } : { file: values.output }), { readonly: true });
  if (values.output !== undefined) process.stderr.write(`countersign: wrote ${written} audit entries to ${printable(values.output)}\n`);
  return 0;
}

function headsLine(h: AuditHeadsResult): string {
  return `${h.matched} recorded head(s) found in the chain, ${h.foreign.length} from other workspaces, ${h.withoutHead} attestation(s) without a head, ${h.unverified} not verified (skipped)`;
}
