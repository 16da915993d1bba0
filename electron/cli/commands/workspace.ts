import { backupWorkspace, checkRestoreTarget, initWorkspaceAt, restoreWorkspace, RestoredAuditError, workspacePathFrom } from '../../core/app';
import { UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { BACKUP_PASSPHRASE_ENV, readPassphrase } from './passphrase';
import { HELP_OPTION, inWorkspace, need, needPositionals, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { WORKSPACE_HELP } from './workspace-help';

const OPTIONS = { ...WORKSPACE_OPTION, ...HELP_OPTION, out: { type: 'string', short: 'o' }, force: { type: 'boolean' } } as const;

/** `countersign workspace init|backup|restore` */
export async function workspaceCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('workspace', args, ['init', 'backup', 'restore']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'workspace');
  if (sub === 'help' || values.help) return help();
  if (sub === 'backup') {
    needPositionals(positionals, 0, '', 'workspace backup');
    const out = need(values.out, '--out FILE', 'workspace backup');
    // Read-write open: the online backup copies the live file (WAL included) consistently.
    const r = await inWorkspace(values.workspace, async (ws) => {
      const passphrase = await readPassphrase('Passphrase for the backup: ', { confirm: true, env: BACKUP_PASSPHRASE_ENV });
      return backupWorkspace(ws, { out, passphrase, overwrite: values.force === true });
    });
    process.stdout.write(`backed up to ${printable(r.file)}: schema ${r.schemaVersion}, ${r.auditHead.seq} audit entries, head ${r.auditHead.hash.slice(0, 16)}…\n`);
    return 0;
  }
  if (sub === 'restore') {
    const [file] = needPositionals(positionals, 1, 'a backup FILE', 'workspace restore');
    const target = workspacePathFrom(values.workspace);
    const force = values.force === true;
    // Refused before the passphrase is asked for.
    checkRestoreTarget(target, force);
    const passphrase = await readPassphrase(`Passphrase of the backup ${printable(file!)}: `, { env: BACKUP_PASSPHRASE_ENV });
    try {
      const r = await restoreWorkspace({ file: file!, target, passphrase, force });
      process.stdout.write(`restored ${printable(r.workspace)} from the backup of ${r.backupCreatedAt}: audit log ok (${r.auditEntries} entries, ${r.headsMatched} recorded head(s) found)\n`);
      if (r.previous) process.stderr.write(`countersign: the workspace that was there is kept at ${printable(r.previous)}\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof RestoredAuditError)) throw e;
      // Authentic backup, broken audit trail: the audit outcome (1), like `audit verify`.
      process.stderr.write(`countersign: ${printable(e.message)}\n`);
      return 1;
    }
  }
  needPositionals(positionals, 0, '', 'workspace init');
  if (values.out !== undefined || values.force) throw new UsageError('--out and --force go with workspace backup and restore');
  const info = initWorkspaceAt(workspacePathFrom(values.workspace));
  process.stdout.write(`${info.created ? 'created' : 'already exists:'} workspace ${printable(info.path)} (schema ${info.schemaVersion})\n`);
  return 0;
}

function help(): number {
  process.stdout.write(WORKSPACE_HELP);
  return 0;
}
