import { importChangeSet, listChangeSets, showChangeSet, signBundle, unlockKey } from '../../core/app';
import { changeSetDisplay, LABEL_FIELDS, labelStore, setChangeSetLabels } from '../../core/app/change-set-labels';
import type { ChangeSetLabels, LabelField } from '../../core/app/change-set-labels';
import { importPrivateKeyPem, isEncryptedPrivateKeyPem } from '../../core/signing/private-key-file';
import type { Signer } from '../../core/signing';
import { readPassphrase } from './passphrase';
import type { ChangeSetDetail, ImportChangeSetResult } from '../../core/app';
import type { ChangeSetState, InboxItem, Workspace } from '../../core/store';
import { UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { describeWaiver } from '../../core/signing';
import { parseCommandArgs } from '../parse-args';
import { formatOf, HELP_OPTION, inWorkspace, needPositionals, printJson, readTextFile, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { CHANGESET_HELP } from './workspace-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION, format: { type: 'string', short: 'f' }, state: { type: 'string' },
  key: { type: 'string', short: 'k' }, 'key-file': { type: 'string' }, name: { type: 'string' },
  'label-vendor': { type: 'string' }, 'label-app': { type: 'string' }, 'label-install': { type: 'string' }, 'label-release': { type: 'string' },
} as const;

/** `--label-app X`…: display labels (issue 11), only for what the change set's own metadata leaves empty. */
function labelsOf(values: Partial<Record<`label-${LabelField}`, string>>): Partial<Record<LabelField, string>> {
  const out: Partial<Record<LabelField, string>> = {};
  for (const f of LABEL_FIELDS) if (values[`label-${f}`] !== undefined) out[f] = values[`label-${f}`];
  return out;
}

/** `countersign changeset import|list|show` */
export async function changesetCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('changeset', args, ['import', 'list', 'show', 'sign', 'label']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'changeset');
  if (sub === 'help' || values.help) {
    process.stdout.write(CHANGESET_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  if (sub === 'import') {
    if (positionals.length === 0) throw new UsageError("changeset import needs a BUNDLE (see 'countersign changeset --help')");
    const r = await inWorkspace(values.workspace, (ws) => importChangeSet(ws, positionals, { labels: labelsOf(values) }));
    if (format === 'json') {
      // The built change set is for in-process callers; the CLI reports the import itself.
      const { changeSet: _built, ...summary } = r;
      printJson(summary);
    }
    else {
      process.stdout.write(`${r.digest}\n`);
      process.stderr.write(`countersign: ${r.created ? 'imported' : 'already imported'} ${r.digest} (${r.evaluation.verdict}, ${r.evaluation.findingCount} finding(s), state ${r.state}) under contract ${printable(r.contract.name)} revision ${r.contract.revision}\n`);
      process.stderr.write(`countersign: vendor signature ${vendorSignatureLine(r.vendorSignature)}\n`);
    }
    return 0;
  }
  if (sub === 'label') {
    const [digestArg] = needPositionals(positionals, 1, 'a DIGEST', 'changeset label');
    const labels = labelsOf(values);
    if (Object.keys(labels).length === 0) throw new UsageError('changeset label needs --label-vendor, --label-app, --label-install or --label-release (an empty value clears one)');
    const shown = await inWorkspace(values.workspace, (ws) => setChangeSetLabels(ws, ws.changeSets.resolveDigest(digestArg!), labels));
    if (format === 'json') printJson(shown);
    else process.stdout.write(LABEL_FIELDS.map((f) => `${f}: ${printable(shown[f] || '-')}${shown.labelled.includes(f) ? ' (label)' : ''}\n`).join(''));
    return 0;
  }
  if (sub === 'sign') {
    const [bundle] = needPositionals(positionals, 1, 'a BUNDLE folder', 'changeset sign');
    const signer = await releaseSigner(values);
    const r = await signBundle({ bundle: bundle!, signer });
    if (format === 'json') printJson(r);
    else {
      process.stdout.write(`${printable(r.path)}\n`);
      const m = r.release;
      process.stderr.write(`countersign: signed ${r.changeSetDigest} (${printable([m.vendor, m.app, m.install, m.release].join(' '))}) with ${r.keyId}\n`);
    }
    return 0;
  }
  if (sub === 'list') {
    needPositionals(positionals, 0, '', 'changeset list');
    const { items, names } = await inWorkspace(values.workspace, (ws) => {
      const listed = listChangeSets(ws, values.state as ChangeSetState | undefined);
      return { items: listed, names: new Map(listed.map((i) => [i.digest, shownName(ws, i)])) };
    }, { readonly: true });
    if (format === 'json') printJson(items);
    else process.stdout.write(items.length === 0 ? 'no change sets\n' : items.map((i) => listLine(i, names.get(i.digest)!)).join(''));
    return 0;
  }
  const [digest] = needPositionals(positionals, 1, 'a DIGEST', 'changeset show');
  const { detail, labels } = await inWorkspace(values.workspace, (ws) => {
    const shown = showChangeSet(ws, digest!);
    return { detail: shown, labels: labelStore(ws).get(shown.changeSet.digest) };
  }, { readonly: true });
  if (format === 'json') printJson(detail);
  else process.stdout.write(showText(detail, labels));
  return 0;
}

/** `verified (signed by NAME)`, `unsigned`, or the state with why each file did not count; escaped (vendor data). */
function vendorSignatureLine(s: ImportChangeSetResult['vendorSignature']): string {
  const by = s.signers.length > 0 ? ` (signed by ${s.signers.map((x) => x.name || x.keyId).join(', ')})` : '';
  return printable(`${s.state}${by}${s.reasons.map((r) => `; ${r.message}`).join('')}`);
}

/** Vendor, app (else the files' names), install, release as the app shows them; labels marked (issue 11). */
function shownName(ws: Workspace, i: InboxItem): string {
  const labels = labelStore(ws).get(i.digest);
  const files = i.app === '' && labels.app === '' ? (ws.changeSets.getChangeSet(i.digest)?.artifacts ?? []).map((a) => a.path) : [];
  const d = changeSetDisplay(i, labels, files);
  return `${[d.vendor, d.title, d.install, d.release].filter(Boolean).join(' ')}${d.labelled.length > 0 ? ' (labelled)' : ''}`;
}

function listLine(i: InboxItem, name: string): string {
  const e = i.latestEvaluation;
  const verdict = e ? `${e.verdict} (${e.findingCount})` : 'not evaluated';
  // Vendor metadata and labels: escaped, so a hostile changeset.yaml cannot drive the terminal.
  return `${printable(`${i.digest.slice(0, 19)}  ${i.state.padEnd(10)} ${verdict.padEnd(20)} ${name}  received ${i.receivedAt}`)}\n`;
}

function showText(d: ChangeSetDetail, labels: ChangeSetLabels): string {
  const m = d.changeSet.metadata;
  const labelled = LABEL_FIELDS.filter((f) => labels[f] !== '').map((f) => `${f} ${labels[f]}`);
  const lines = [
    `change set   ${d.changeSet.digest}`,
    `state        ${d.changeSet.state} (since ${d.changeSet.stateChangedAt})`,
    `vendor       ${m.vendor}  app ${m.app}  install ${m.install}`,
    ...(labelled.length > 0 ? [`labels       ${labelled.join('  ')} (display only)`] : []),
    `contract     ${d.contract ? `${d.contract.name} revision ${d.contract.revision} judges it` : 'the default contract judges it (none saved yet)'}`,
    `release      ${m.release}${m.previousRelease ? ` (from ${m.previousRelease})` : ''}`,
    `received     ${d.changeSet.receivedAt} from ${d.changeSet.origin}`,
    `files        ${d.changeSet.files.length} (${d.changeSet.totalBytes} bytes), ${d.changeSet.resourceCount} resources`,
  ];
  if (d.evaluation) {
    const e = d.evaluation;
    lines.push(`verdict      ${e.verdict.toUpperCase()} under contract ${e.contractDigest}${d.evaluationIsCurrent ? '' : ' (not the contract that judges it now)'}`);
    lines.push(`evaluated    at ${e.at} (${e.engineVersion}), evaluation ${e.digest}`);
    lines.push('', `Findings (${e.findingCount}):`);
    for (const f of d.findings) lines.push(`  ${f.enforcement.padEnd(9)} ${f.severity.padEnd(8)} ${f.policy}  ${f.resource.address}  ${f.location.file}:${f.location.line}`);
  } else {
    lines.push('verdict      not evaluated');
  }
  lines.push('', `Decisions (${d.approvals.length}):`);
  for (const a of d.approvals) lines.push(`  ${a.kind.padEnd(7)} by ${a.keyId.slice(0, 19)} at ${a.createdAt} under ${a.contractDigest.slice(0, 19)}`);
  lines.push('', `Exceptions (${d.exceptions.length}):`);
  for (const x of d.exceptions) {
    // What it waives, then each finding of this change set it covers.
    lines.push(`  ${x.statementDigest.slice(0, 19)}  ${x.valid ? 'in force' : 'not in force'}  until ${x.expiresAt ?? '-'}  ${x.signers.length} verified signature(s)`);
    for (const w of x.waives) lines.push(`    waives ${describeWaiver(w)}`);
    for (const c of x.covers) lines.push(`    covers ${c.policy} on ${c.address}`);
  }
  // Every line carries vendor data (metadata, origin, addresses, file names): escape each one.
  return `${lines.map(printable).join('\n')}\n`;
}

/** The vendor's key: a workspace key (--key, passphrase asked) or a PKCS#8 PEM file (--key-file). */
async function releaseSigner(values: { readonly workspace?: string | undefined; readonly key?: string | undefined; readonly 'key-file'?: string | undefined; readonly name?: string | undefined }): Promise<Signer> {
  const keyFile = values['key-file'];
  if ((values.key === undefined) === (keyFile === undefined)) throw new UsageError("changeset sign needs exactly one of --key KEYID (a workspace key) or --key-file FILE.pem (see 'countersign changeset --help')");
  if (keyFile !== undefined) {
    const text = readTextFile(keyFile);
    const passphrase = isEncryptedPrivateKeyPem(text) ? await readPassphrase(`Passphrase for ${keyFile}: `) : undefined;
    return { privateKey: importPrivateKeyPem(text, keyFile, passphrase), name: values.name ?? '' };
  }
  const keyId = values.key!;
  return inWorkspace(values.workspace, async (ws) => {
    const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
    const { key, privateKey } = await unlockKey(ws, keyId, passphrase);
    return { privateKey, name: values.name ?? key.name };
  }, { readonly: true });
}
