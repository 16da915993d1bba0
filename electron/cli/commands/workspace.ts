import { initWorkspaceAt, workspacePathFrom } from '../../core/app';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { HELP_OPTION, needPositionals, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { WORKSPACE_HELP } from './workspace-help';

/** `countersign workspace init` */
export async function workspaceCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('workspace', args, ['init']);
  const { values, positionals } = parseCommandArgs(rest, { ...WORKSPACE_OPTION, ...HELP_OPTION }, 'workspace');
  if (sub === 'help' || values.help) return help();
  needPositionals(positionals, 0, '', 'workspace init');
  const info = initWorkspaceAt(workspacePathFrom(values.workspace));
  process.stdout.write(`${info.created ? 'created' : 'already exists:'} workspace ${printable(info.path)} (schema ${info.schemaVersion})\n`);
  return 0;
}

function help(): number {
  process.stdout.write(WORKSPACE_HELP);
  return 0;
}
