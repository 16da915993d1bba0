import { exportAuditLog, verifyAudit } from '../../core/app';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { HELP_OPTION, inWorkspace, needPositionals, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { AUDIT_HELP } from './workspace-help';

const OPTIONS = { ...WORKSPACE_OPTION, ...HELP_OPTION, output: { type: 'string', short: 'o' } } as const;

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
    const r = await inWorkspace(values.workspace, (ws) => verifyAudit(ws), { readonly: true });
    if (r.ok) {
      process.stdout.write(`audit log ok: ${r.entries} entries, hash chain intact\n`);
      return 0;
    }
    const b = r.firstBroken;
    process.stdout.write(`audit log BROKEN at entry ${b.seq} (${b.reason}): ${printable(b.detail)}\n`);
    process.stderr.write(`countersign: audit log broken at entry ${b.seq} (${b.reason}); ${r.entries} entries verified before it\n`);
    return 1;
  }
  const written = await inWorkspace(values.workspace, (ws) => exportAuditLog(ws, values.output === undefined ? { stream: process.stdout } : { file: values.output }), { readonly: true });
  if (values.output !== undefined) process.stderr.write(`countersign: wrote ${written} audit entries to ${printable(values.output)}\n`);
  return 0;
}
