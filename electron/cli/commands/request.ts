import { writeFileSync } from 'node:fs';
import { buildSigningRequest, importAttestations, receiveSigningRequest, writeSigningRequest } from '../../core/app';
import { MAX_ATTESTATION_FILE_CHARS } from '../../core/app/import-attestations';
import { maxRequestChars } from '../../core/app/signing-request/format';
import { formatBytes } from '../../core/io/decode-text';
import { InputError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { PRIVATE_FILE_MODE, tighten } from '../../core/store/private-files';
import { statOrThrow } from '../../core/loaders/bundle/read-bare';
import { parseCommandArgs } from '../parse-args';
import { formatOf, HELP_OPTION, inWorkspace, needPositionals, printJson, readTextFile, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { ATTESTATIONS_HELP, REQUEST_HELP } from './request-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  output: { type: 'string', short: 'o' }, note: { type: 'string' }, key: { type: 'string', short: 'k' }, format: { type: 'string', short: 'f' },
} as const;

/** `countersign request export|import` */
export async function requestCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('request', args, ['export', 'import']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'request');
  if (sub === 'help' || values.help) {
    process.stdout.write(REQUEST_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  if (sub === 'export') {
    const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', 'request export');
    const built = await inWorkspace(values.workspace, (ws) => buildSigningRequest(ws, { digest: digest!, ...(values.note !== undefined ? { note: values.note } : {}), ...(values.key !== undefined ? { keyId: values.key } : {}) }));
    const path = values.output !== undefined ? writePrivate(values.output, built.text) : writeSigningRequest('.', built);
    if (format === 'json') {
      printJson({ file: path, ...built.contents, requestedBy: built.request.requestedBy });
      return 0;
    }
    const c = built.contents;
    process.stdout.write(`${printable(path)}\n`);
    process.stderr.write([
      `countersign: signing request for change set ${c.changeSetDigest} (${c.files} file(s), ${formatBytes(c.bytes)})`,
      `  contract ${printable(c.contract.name)} revision ${c.contract.revision} (${c.contract.digest}), with its publication`,
      ...c.exceptions.map((e) => `  exception ${e.digest}: ${e.signatures} signature(s)`),
      ...c.decisions.map((d) => `  ${d.kind === 'approve' ? 'approval' : 'rejection'} by ${d.keyId}`),
    ].join('\n') + '\n');
    return 0;
  }
  const [file] = needPositionals(positionals, 1, 'a signing request FILE', 'request import');
  await capped(file!, maxRequestChars());
  const text = readTextFile(file!);
  const r = await inWorkspace(values.workspace, (ws) => receiveSigningRequest(ws, { text, source: file! }));
  if (format === 'json') {
    printJson({ changeSet: r.changeSet.digest, created: r.changeSet.created, verdict: r.changeSet.evaluation.verdict, contract: r.contract, requestedBy: r.requestedBy, pending: r.pending, note: r.note });
    return 0;
  }
  process.stdout.write(`${r.changeSet.digest}\n`);
  process.stderr.write([
    `countersign: signing request from ${printable(r.requestedBy.name)} (${r.requestedBy.keyId})${r.note ? `: ${printable(r.note)}` : ''}`,
    `  change set ${r.changeSet.digest} ${r.changeSet.created ? 'imported' : 'already held'} (${r.changeSet.evaluation.verdict})`,
    `  contract ${printable(r.contract.name)} revision ${r.contract.revision} here (published revision ${r.contract.publishedRevision})${r.contract.saved ? ', saved' : ''}`,
    ...r.pending.map((p) => `  ${p.kind} ${p.digest}: ${p.signers.length} signature(s)${p.added === 0 ? ', already held' : ''}`),
  ].join('\n') + '\n');
  return 0;
}

/** `countersign attestations import FILE…` */
export async function attestationsCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('attestations', args, ['import']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'attestations');
  if (sub === 'help' || values.help) {
    process.stdout.write(ATTESTATIONS_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const files = positionals.length > 0 ? positionals : needPositionals(positionals, 1, 'one or more attestation FILEs', 'attestations import');
  for (const f of files) await capped(f, MAX_ATTESTATION_FILE_CHARS);
  const received = files.map((f) => ({ name: f, text: readTextFile(f) }));
  const r = await inWorkspace(values.workspace, (ws) => importAttestations(ws, received));
  if (format === 'json') {
    printJson(r);
    return 0;
  }
  for (const s of r.statements) process.stdout.write(`${printable(s.file)}: ${printable(s.summary)}\n`);
  return 0;
}

/** Refuses a file over `max` bytes before reading it. */
async function capped(file: string, max: number): Promise<void> {
  const info = await statOrThrow(file);
  if (info.size > max) throw new InputError(file, `is ${formatBytes(info.size)}, over the ${formatBytes(max)} limit`);
}

function writePrivate(path: string, text: string): string {
  try {
    writeFileSync(path, text, { mode: PRIVATE_FILE_MODE });
    tighten(path, PRIVATE_FILE_MODE);
  } catch (err) {
    throw new InputError(path, `cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return path;
}
