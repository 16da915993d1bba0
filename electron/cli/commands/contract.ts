import { exportContract, importContract, listContractRevisions } from '../../core/app';
import { UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { writeOutput } from '../output';
import { parseCommandArgs } from '../parse-args';
import { cliAuthor, formatOf, HELP_OPTION, inWorkspace, needPositionals, printJson, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { CONTRACT_REVISION_SUBCOMMANDS, contractRevisionCommand } from './contract-revisions';
import { CONTRACT_HELP } from './workspace-help';
import { contractPublish } from './contract-publish';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  revision: { type: 'string' }, output: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' }, contract: { type: 'string', short: 'c' },
  key: { type: 'string', short: 'k', multiple: true }, 'not-after': { type: 'string' }, out: { type: 'string' },
} as const;

/** `countersign contract import|export|revisions|publish|list|diff|revert|import-vap|export-vap` */
export async function contractCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('contract', args, ['import', 'export', 'revisions', 'publish', ...CONTRACT_REVISION_SUBCOMMANDS]);
  if ((CONTRACT_REVISION_SUBCOMMANDS as readonly string[]).includes(sub) && !rest.includes('--help') && !rest.includes('-h')) return contractRevisionCommand(sub, rest);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'contract');
  if (sub === 'help' || values.help) {
    process.stdout.write(CONTRACT_HELP);
    return 0;
  }
  if (sub === 'import') {
    const [file] = needPositionals(positionals, 1, 'a contract FILE', 'contract import');
    const r = await inWorkspace(values.workspace, (ws) => importContract(ws, file!, cliAuthor()));
    const rev = r.revision;
    process.stdout.write(`${r.created ? 'saved' : 'unchanged:'} contract ${printable(rev.contract)} revision ${rev.revision} ${rev.digest}\n`);
    return 0;
  }
  if (sub === 'publish') {
    needPositionals(positionals, 0, '', 'contract publish');
    const revision = values.revision === undefined ? undefined : revisionNumber(values.revision);
    return contractPublish({ ...values, revision, format: formatOf(values.format) });
  }
  if (sub === 'export') {
    needPositionals(positionals, 0, '', 'contract export');
    const revision = values.revision === undefined ? undefined : revisionNumber(values.revision);
    const r = await inWorkspace(values.workspace, (ws) => exportContract(ws, revision, values.contract), { readonly: true });
    writeOutput(r.content, values.output);
    return 0;
  }
  needPositionals(positionals, 0, '', 'contract revisions');
  const list = await inWorkspace(values.workspace, (ws) => listContractRevisions(ws), { readonly: true });
  if (formatOf(values.format) === 'json') printJson(list);
  else {
    process.stdout.write(list.length === 0 ? 'no contract revisions (the baseline default is used)\n' : list.map((r) =>
      `${printable(`${r.current ? '*' : ' '} ${r.contract} revision ${r.revision}  ${r.digest}  ${r.createdAt} by ${r.author}${r.published ? ' (published)' : ''}`)}\n`).join(''));
  }
  return 0;
}

function revisionNumber(text: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`--revision '${text}' is not a revision number (1, 2, 3…)`);
  return Number(text);
}
