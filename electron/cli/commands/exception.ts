import { reconcileAttestationOutbox, requestException, signException } from '../../core/app';
import { ReviewSession } from '../../core/app/review';
import { previewWaivers } from '../../core/app/waiver-preview';
import type { WaiverSelection, WaiverSelector } from '../../core/app/waiver-selection';
import { SEVERITIES } from '../../core/model/policy';
import type { Severity } from '../../core/model/policy';
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
  policy: { type: 'string', multiple: true }, resource: { type: 'string', multiple: true }, pattern: { type: 'string', multiple: true },
  'all-deny': { type: 'boolean' }, severity: { type: 'string', multiple: true }, match: { type: 'string', multiple: true },
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
    const selector = batchSelector(values);
    const explicit = selector === null ? waiversOf(values.policy ?? [], values.resource ?? [], values.pattern ?? []) : null;
    const justification = need(values.justification, '--justification TEXT', 'exception request');
    const expires = parseExpiry(need(values.expires, '--expires ISO-TIME', 'exception request'));
    r = await inWorkspace(values.workspace, async (ws) => {
      reconcileAttestationOutbox(ws, out, { rewriteMissing: false, layout: 'flat' });
      // A batch is resolved to exact addresses before the passphrase is asked: a bad selection costs nothing.
      const waives = explicit ?? selected(previewWaivers(new ReviewSession(ws), digest!, selector!));
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

/** `--resource` is an exact address (matches only itself); `--pattern` an explicit glob. At least one, any mix, for one --policy. */
function waiversOf(policies: readonly string[], resources: readonly string[], patterns: readonly string[]): Waiver[] {
  if (resources.length + patterns.length === 0) {
    throw new UsageError('exception request needs --resource ADDRESS (exact) or --pattern GLOB, or a batch selection (--all-deny, --severity, --match, --policy alone) (see countersign exception --help)');
  }
  if (policies.length !== 1) throw new UsageError('exception request with --resource or --pattern needs exactly one --policy ID');
  const policy = policies[0]!;
  return [...resources.map((address) => ({ policy, address })), ...patterns.map((pattern) => ({ policy, pattern }))];
}

/** The exact list of a batch, printed (escaped) before the passphrase is asked: what is signed is what was shown. */
function selected(selection: WaiverSelection): WaiverSelection['waives'] {
  const lines = [`countersign: the exception will waive ${selection.total} finding(s):`, ...selection.groups.flatMap((g) => [`  ${printable(g.policy)} (${g.addresses.length}):`, ...g.addresses.map((a) => `    ${printable(a)}`)])];
  process.stderr.write(`${lines.join('\n')}\n`);
  return selection.waives;
}

/**
 * The batch options, or null when the waivers are given explicitly (--resource/--pattern). A
 * batch lists exact addresses of waivable deny findings (the app's picker selects the same).
 */
function batchSelector(values: { readonly policy?: string[] | undefined; readonly resource?: string[] | undefined; readonly pattern?: string[] | undefined; readonly 'all-deny'?: boolean | undefined; readonly severity?: string[] | undefined; readonly match?: string[] | undefined }): WaiverSelector | null {
  const explicit = (values.resource?.length ?? 0) + (values.pattern?.length ?? 0) > 0;
  const batch = values['all-deny'] === true || (values.severity?.length ?? 0) > 0 || (values.match?.length ?? 0) > 0;
  if (explicit && batch) throw new UsageError('exception request takes either --resource/--pattern or the batch options (--all-deny, --severity, --match), not both');
  if (explicit || (!batch && (values.policy?.length ?? 0) === 0)) return null;
  if ((values.match?.length ?? 0) > 1) throw new UsageError('exception request takes one --match GLOB');
  if (values['all-deny'] === true) {
    if ((values.policy?.length ?? 0) + (values.severity?.length ?? 0) + (values.match?.length ?? 0) > 0) {
      throw new UsageError('--all-deny takes every waivable deny finding: give it alone, or filter with --policy, --severity and --match instead');
    }
    return { allDeny: true };
  }
  const severities = (values.severity ?? []).map((s) => {
    if (!(SEVERITIES as readonly string[]).includes(s)) throw new UsageError(`--severity '${printable(s)}' is not one of ${SEVERITIES.join(', ')}`);
    return s as Severity;
  });
  return {
    ...(values.policy?.length ? { policies: values.policy } : {}),
    ...(severities.length ? { severities } : {}),
    ...(values.match?.length ? { resourcePattern: values.match[0]! } : {}),
  };
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
