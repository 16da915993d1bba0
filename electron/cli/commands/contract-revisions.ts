import { listContracts } from '../../core/app/contract-editor/contract-list';
import { diffRevisions } from '../../core/app/contract-editor/diff-revisions';
import { revertContract } from '../../core/app/contract-editor/revisions';
import { saveContractDraft } from '../../core/app/contract-editor/save-draft';
import { exportVapFromDraft, importVapIntoDraft } from '../../core/app/contract-editor/vap-draft';
import { InputError, UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import type { Workspace } from '../../core/store';
import { writeOutput } from '../output';
import { parseCommandArgs } from '../parse-args';
import { formatOf, HELP_OPTION, inWorkspace, need, needPositionals, printJson, readTextFile, WORKSPACE_OPTION } from './workspace-option';

/** The subcommands of issue 9 (per-vendor contracts, revisions, VAP). */
export const CONTRACT_REVISION_SUBCOMMANDS = ['list', 'diff', 'revert', 'import-vap', 'export-vap'] as const;

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  contract: { type: 'string', short: 'c' }, key: { type: 'string' }, comment: { type: 'string', short: 'm' },
  output: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' },
} as const;

/** `countersign contract list | diff A B | revert N | import-vap FILE | export-vap POLICY` */
export async function contractRevisionCommand(sub: string, args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'contract');
  const format = formatOf(values.format);
  if (sub === 'list') {
    needPositionals(positionals, 0, '', 'contract list');
    const list = await inWorkspace(values.workspace, (ws) => listContracts(ws), { readonly: true });
    if (format === 'json') printJson(list);
    else process.stdout.write(list.length === 0 ? 'no contracts (the baseline default judges every change set)\n' : list.map((c) => `${printable(
      `${c.name}  vendor ${c.vendor === '' ? '(default: every vendor without its own)' : c.vendor}${c.install ? ` install ${c.install}` : ''}  revision ${c.revision}  ${c.digest}  ` +
      `${c.changeSets} change set(s)${c.warnings ? `  ${c.warnings} not configured` : ''}${c.published ? '  published' : ''}`)}\n`).join(''));
    return 0;
  }
  if (sub === 'diff') {
    const [from, to] = needPositionals(positionals, 2, 'two revision numbers A B', 'contract diff');
    const diff = await inWorkspace(values.workspace, (ws) => diffRevisions(ws, contractName(ws, values.contract), revisionNumber(from!), revisionNumber(to!)), { readonly: true });
    if (format === 'json') printJson(diff);
    else process.stdout.write(diffText(diff));
    return 0;
  }
  if (sub === 'revert') {
    const [n] = needPositionals(positionals, 1, 'a revision number N', 'contract revert');
    const key = need(values.key, '--key KEYID (the reviewer recorded as author)', 'contract revert');
    const r = await inWorkspace(values.workspace, (ws) => revertContract(ws, { contract: contractName(ws, values.contract), revision: revisionNumber(n!), comment: values.comment ?? '', keyId: key }));
    process.stdout.write(printable(r.unchanged ?? `saved contract ${r.revision.contract} revision ${r.revision.revision} ${r.revision.digest} (${r.revision.comment})`) + '\n');
    return 0;
  }
  if (sub === 'import-vap') {
    const [file] = needPositionals(positionals, 1, 'a ValidatingAdmissionPolicy FILE', 'contract import-vap');
    const yaml = readTextFile(file!);
    return inWorkspace(values.workspace, (ws) => {
      const name = contractName(ws, values.contract);
      const latest = ws.contracts.latestRevision(name)!;
      const { draft, notes } = importVapIntoDraft({ contract: name, text: latest.content, yaml });
      for (const note of notes) process.stderr.write(`note: ${printable(note)}\n`);
      const problem = draft.problems[0];
      if (problem) throw new InputError(`contract ${printable(name)} with the policies added`, problem.message, problem.line, problem.column);
      if (values.key === undefined) {
        // No author: the contract with the policies added, for the user to review and import.
        writeOutput(draft.text, values.output);
        return 0;
      }
      const saved = saveContractDraft(ws, { contract: name, text: draft.text, comment: values.comment ?? `import ValidatingAdmissionPolicy ${file}`, keyId: values.key });
      process.stdout.write(`${printable(`saved contract ${saved.revision.contract} revision ${saved.revision.revision} ${saved.revision.digest}`)}\n`);
      return 0;
    });
  }
  const [policy] = needPositionals(positionals, 1, 'a POLICY id', 'contract export-vap');
  const r = await inWorkspace(values.workspace, (ws) => {
    const name = contractName(ws, values.contract);
    return exportVapFromDraft({ contract: name, text: ws.contracts.latestRevision(name)!.content, policy: policy! });
  }, { readonly: true });
  writeOutput(r.yaml, values.output);
  return 0;
}

/** --contract NAME, else the workspace's only contract; with several, the user must say which. */
function contractName(ws: Workspace, given: string | undefined): string {
  const names = ws.contracts.listContracts().map((c) => c.contract);
  if (given !== undefined) {
    if (!names.includes(given)) throw new InputError(`contract ${printable(given)}`, `no contract with this name in the workspace${names.length ? ` (it has: ${names.map(printable).join(', ')})` : ''}`);
    return given;
  }
  if (names.length === 1) return names[0]!;
  if (names.length === 0) throw new InputError(ws.path, "the workspace holds no contract yet ('countersign contract import FILE')");
  throw new UsageError(`the workspace holds ${names.length} contracts (${names.map(printable).join(', ')}): name one with --contract NAME`);
}

function revisionNumber(text: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`'${printable(text)}' is not a revision number (1, 2, 3…)`);
  return Number(text);
}

function diffText(d: ReturnType<typeof diffRevisions>): string {
  const lines = [`contract ${d.to.contract}: revision ${d.from.revision} (${d.from.digest}) → ${d.to.revision} (${d.to.digest})`];
  const changes = (title: string, list: readonly { field: string; before: string; after: string }[]) => {
    for (const c of list) lines.push(`  ${title}${c.field}: ${c.before} → ${c.after}`);
  };
  changes('', d.contract);
  for (const id of d.policiesAdded) lines.push(`+ policy ${id}`);
  for (const id of d.policiesRemoved) lines.push(`- policy ${id}`);
  for (const p of d.policiesChanged) {
    lines.push(`~ policy ${p.id}`);
    changes('  ', p.changes);
  }
  for (const p of d.parameters) lines.push(`~ parameter ${p.policy}.${p.name}: ${p.before} → ${p.after}`);
  changes('approvals.', d.approvals);
  for (const r of d.roster.added) lines.push(`+ reviewer ${r.name} ${r.fingerprint} [${r.roles.join(', ')}]`);
  for (const r of d.roster.removed) lines.push(`- reviewer ${r.name} ${r.fingerprint}`);
  for (const r of d.roster.changed) {
    lines.push(`~ reviewer ${r.name} ${r.fingerprint}`);
    changes('  ', r.changes);
  }
  if (lines.length === 1) lines.push('  no change in what the contract decides');
  // Contract texts are the customer's, but names and values may come from a pasted VAP: escape each line.
  return `${lines.map(printable).join('\n')}\n`;
}
