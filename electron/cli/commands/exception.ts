import { requestException, signException, writeAttestationFile } from '../../core/app';
import type { ExceptionResult } from '../../core/app';
import { UsageError } from '../../core/model/errors';
import { TYPED_INSTANT, parseIsoTime } from '../../core/model/iso-time';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { readPassphrase } from './passphrase';
import { HELP_OPTION, inWorkspace, need, needPositionals, readTextFile, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { EXCEPTION_HELP } from './workspace-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  policy: { type: 'string' }, resource: { type: 'string' }, justification: { type: 'string' }, expires: { type: 'string' },
  'contract-wide': { type: 'boolean' },
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
  const keyId = need(values.key, '--key KEYID', `exception ${sub}`);
  const out = need(values.out, '--out DIR', `exception ${sub}`);
  let r: ExceptionResult;
  if (sub === 'request') {
    const [digest] = needPositionals(positionals, 1, 'a change-set DIGEST', 'exception request');
    const policy = need(values.policy, '--policy ID', 'exception request');
    const resource = need(values.resource, '--resource PATTERN', 'exception request');
    const justification = need(values.justification, '--justification TEXT', 'exception request');
    const expires = parseExpiry(need(values.expires, '--expires ISO-TIME', 'exception request'));
    r = await inWorkspace(values.workspace, async (ws) => {
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      return requestException(ws, { digest: digest!, policy, resource, justification, expires, keyId, passphrase, scope: values['contract-wide'] ? 'contract' : 'changeset' });
    });
  } else {
    const [file] = needPositionals(positionals, 1, 'an exception FILE', 'exception sign');
    const envelopeText = readTextFile(file!);
    r = await inWorkspace(values.workspace, async (ws) => {
      const passphrase = await readPassphrase(`Passphrase for key ${keyId}: `);
      return signException(ws, { envelopeText, source: file!, keyId, passphrase });
    });
  }
  process.stdout.write(`${writeAttestationFile(out, r.file)}\n`);
  process.stderr.write(`countersign: exception ${r.digest} (${printable(r.policy)} on ${printable(r.resource)}, until ${printable(r.expires)}): ${r.signers.length} of ${r.quorum} signature(s)\n`);
  return 0;
}

/** A time with a zone: a zone-less expiry would silently mean the machine's zone, and a bare date would hide the hour. */
export function parseExpiry(text: string): Date {
  const r = parseIsoTime(text, TYPED_INSTANT);
  if (!r.ok) throw new UsageError(`--expires '${printable(text)}' ${r.reason} (e.g. 2026-12-01T00:00:00Z)`);
  return r.date;
}
