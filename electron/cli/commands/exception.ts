import { reconcileAttestationOutbox, requestException, signException } from '../../core/app';
import type { ExceptionResult } from '../../core/app';
import { UsageError } from '../../core/model/errors';
import { TYPED_INSTANT, parseIsoTime } from '../../core/model/iso-time';
import { printable } from '../../core/model/printable-text';
import { describeWaiver } from '../../core/signing';
import type { Waiver } from '../../core/signing';
import { parseCommandArgs } from '../parse-args';
import { readPassphrase } from './passphrase';
import { formatOf, HELP_OPTION, inWorkspace, need, needPositionals, printJson, readTextFile, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { EXCEPTION_HELP } from './workspace-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  policy: { type: 'string' }, resource: { type: 'string', multiple: true }, pattern: { type: 'string', multiple: true },
  justification: { type: 'string' }, expires: { type: 'string' },
  'contract-wide': { type: 'boolean' }, format: { type: 'string', short: 'f' },
  key: { type: 'string', short: 'k' }, out: { type: 'string' },
} as const;

/** `countersign exception request|sign` */
export async function exceptionCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('exception', args, ['request', 'sign']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'exception');
  if (sub === 'help' || values.help) {
    process.stdout.write(EXCEPTION_HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const keyId = need(values.key, '--key KEYID', `exception ${sub}`);
  const out = need(values.out, '--out DIR', `exception ${sub}`);
  let r: ExceptionResult;
  if (sub === 'request') {
    const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', 'exception request');
    const policy = need(values.policy, '--policy ID', 'exception request');
    const waives = waiversOf(policy, values.resource ?? [], values.pattern ?? []);
    const justification = need(values.justification, '--justification TEXT', 'exception request');
    const expires = parseExpiry(need(values.expires, '--expires ISO-TIME', 'exception request'));
    r = await inWorkspace(values.workspace, async (ws) => {
      reconcileAttestationOutbox(ws, out, { rewriteMissing: false, layout: 'flat' });
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      return requestException(ws, { digest: digest!, waives, justification, expires, keyId, passphrase, scope: values['contract-wide'] ? 'contract' : 'changeset', outboxDir: out, layout: 'flat' });
    });
  } else {
    const [file] = needPositionals(positionals, 1, 'an exception FILE', 'exception sign');
    const envelopeText = readTextFile(file!);
    r = await inWorkspace(values.workspace, async (ws) => {
      reconcileAttestationOutbox(ws, out, { rewriteMissing: false, layout: 'flat' });
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      return signException(ws, { envelopeText, source: file!, keyId, passphrase, outboxDir: out, layout: 'flat' });
    });
  }
  const path = r.path;
  if (format === 'json') {
    printJson({ file: path, digest: r.digest, waives: r.waives, covers: r.covers, changeSet: r.changeSetDigest, expires: r.expires, signers: r.signers, quorum: r.quorum });
    return 0;
  }
  process.stdout.write(`${path}\n`);
  process.stderr.write(summary(r));
  return 0;
}

/** `--resource` is an exact address (matches only itself); `--pattern` an explicit glob. At least one, any mix. */
function waiversOf(policy: string, resources: readonly string[], patterns: readonly string[]): Waiver[] {
  if (resources.length + patterns.length === 0) {
    throw new UsageError('exception request needs --resource ADDRESS (exact) or --pattern GLOB (see countersign exception --help)');
  }
  return [...resources.map((address) => ({ policy, address })), ...patterns.map((pattern) => ({ policy, pattern }))];
}

/** What was signed and each resource it covers in the change set, escaped for the terminal. */
function summary(r: ExceptionResult): string {
  const lines = [
    `countersign: exception ${r.digest} until ${r.expires}: ${r.signers.length} of ${r.quorum} verified signature(s)`,
    ...r.waives.map((w) => `  waives ${printable(describeWaiver(w))}`),
    r.changeSetDigest === null && r.covers.length === 0 ? '  covers (contract-wide) the matching findings of every change set under this contract' : `  covers ${r.covers.length} finding(s) in this change set${r.covers.length ? ':' : ''}`,
    ...r.covers.map((c) => `    ${printable(c.policy)} on ${printable(c.address)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A time with a zone: a zone-less expiry would silently mean the machine's zone, and a bare date would hide the hour. */
export function parseExpiry(text: string): Date {
  const r = parseIsoTime(text, TYPED_INSTANT);
  if (!r.ok) throw new UsageError(`--expires '${printable(text)}' ${r.reason} (e.g. 2026-12-01T00:00:00Z)`);
  return r.date;
}
