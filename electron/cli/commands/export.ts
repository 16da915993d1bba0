import { exportForVendor, verifyAsVendor } from '../../core/app/vendor-export';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { formatOf, HELP_OPTION, inWorkspace, need, needPositionals, printJson, WORKSPACE_OPTION } from './workspace-option';
import { EXPORT_HELP } from './workspace-help';

const OPTIONS = { ...WORKSPACE_OPTION, ...HELP_OPTION, dir: { type: 'string' }, format: { type: 'string', short: 'f' } } as const;

/**
 * `countersign export DIGEST --dir D`: what the vendor's verify needs for this change set (the
 * decisions that stand, the exceptions in force, the contract and its publication) into D, then
 * that verify run as the vendor will. Exit 0 when it passes, 1 when the vendor's verify would
 * refuse it (the files are written either way, the reasons printed).
 */
export async function exportCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'export');
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', 'export');
  const dir = need(values.dir, '--dir DIR', 'export');
  const { written, verified } = await inWorkspace(values.workspace, (ws) => {
    const written = exportForVendor(ws, { digest: digest!, dir });
    return { written, verified: verifyAsVendor(ws, { digest: written.export.changeSetDigest }) };
  });
  if (format === 'json') {
    printJson({ dir: written.dir, files: written.paths, contract: written.export.contract, verify: { ok: verified.ok, trust: verified.trust, trustedKeys: verified.trustedKeys, reasons: verified.reasons, approvals: verified.approvals, quorum: verified.quorum } });
  } else {
    for (const p of written.paths) process.stdout.write(`${printable(p)}\n`);
    const lines = [
      `countersign: exported ${written.paths.length} file(s) for ${written.export.changeSetDigest} under ${printable(written.export.contract.name)} revision ${written.export.contract.revision}`,
      `  verify as the vendor (${verified.trust === 'contract-owners' ? 'trusting the contract owners' : 'trusting the reviewer keys'}: ${printable(verified.trustedKeys.join(', '))}): ${verified.ok ? 'passes' : 'BLOCKED'}`,
      ...verified.reasons.map((r) => `    ${r.code}: ${printable(r.message)}`),
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return verified.ok ? 0 : 1;
}
