import { loadContractFile } from '../../core/engine';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import { UsageError } from '../../core/model/errors';
import { terminalSafe } from '../../core/reports/terminal-text';
import { describeWaiver, readAttestations } from '../../core/signing';
import { verifyRelease } from '../../core/verify';
import type { ReleaseVerification, TrustedKeyInput } from '../../core/verify';
import { parseCommandArgs } from '../parse-args';
import { formatOf, need, needPositionals, printJson, readTextFile } from './workspace-option';
import { VERIFY_HELP } from './workspace-help';

const OPTIONS = {
  changeset: { type: 'string' }, contract: { type: 'string', short: 'c' }, attestations: { type: 'string', short: 'a' },
  trust: { type: 'string', multiple: true }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' },
} as const;

/** `countersign verify`: 0 verified, 1 not (with reasons), 2 bad input. Needs no workspace. */
export async function verifyCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'verify');
  if (values.help) {
    process.stdout.write(VERIFY_HELP);
    return 0;
  }
  needPositionals(positionals, 0, '', 'verify');
  const format = formatOf(values.format);
  const changeSetPath = need(values.changeset, '--changeset BUNDLE', 'verify');
  const contractPath = need(values.contract, '--contract CONTRACT', 'verify');
  const attestationsPath = need(values.attestations, '--attestations PATH', 'verify');
  const trustFiles = values.trust ?? [];
  if (trustFiles.length === 0) throw new UsageError("verify needs at least one --trust FILE.pem (the reviewers' public keys)");

  const trustedKeys: TrustedKeyInput[] = trustFiles.map((file) => ({ pem: readTextFile(file), source: file }));
  const contract = loadContractFile(contractPath);
  const changeSet = await loadChangeSet([changeSetPath]);
  const attestations = readAttestations(attestationsPath);
  const result = verifyRelease({ changeSet, contract, attestations, trustedKeys, now: new Date() });
  if (format === 'json') printJson(jsonOf(result, changeSet.digest, contract.digest));
  else process.stdout.write(textOf(result, changeSet.digest, contract.name, contract.digest));
  return result.ok ? 0 : 1;
}

function jsonOf(r: ReleaseVerification, changeSetDigest: string, contractDigest: string): unknown {
  return {
    ok: r.ok,
    changeSet: changeSetDigest,
    contract: contractDigest,
    verdict: r.evaluation.verdict,
    evaluation: r.evaluationDigest,
    at: r.evaluation.at,
    quorum: r.quorum,
    exceptionQuorum: r.exceptionQuorum,
    approvals: r.approvals,
    rejections: r.rejections,
    exceptionsApplied: r.exceptionsApplied,
    reasons: r.reasons,
    notes: r.notes,
  };
}

/**
 * The text report. Every input-derived value (names, addresses, comments, justifications,
 * reasons, file names) goes through terminalSafe: a hostile change set or attestation cannot
 * send escape sequences to the terminal, and each line stays one line.
 */
function textOf(r: ReleaseVerification, changeSetDigest: string, contractName: string, contractDigest: string): string {
  const t = terminalSafe;
  const lines = [
    `Countersign verify: ${r.ok ? 'VERIFIED' : 'NOT VERIFIED'}`,
    `  change set  ${changeSetDigest}`,
    `  contract    ${t(contractName)}  ${contractDigest}`,
    `  evaluation  ${r.evaluation.verdict} at ${r.evaluation.at} (${r.evaluation.findings.length} finding(s))`,
    `  approvals   ${r.approvals.length} of ${r.quorum}${r.approvals.length ? `: ${r.approvals.map((a) => t(a.reviewer || a.keyId)).join(', ')}` : ''}`,
    `  exceptions  ${r.exceptionsApplied.length} applied${r.exceptionsApplied.length ? ':' : ''}`,
  ];
  // Each exception with what it says it waives and EACH finding it actually waived.
  for (const e of r.exceptionsApplied) {
    lines.push(`    ${e.digest.slice(0, 19)} (exception/v${e.version}, ${e.signers.length} signer(s), until ${t(e.expires)}): ${e.waives.map((w) => t(describeWaiver(w))).join('; ')}`);
    for (const w of e.waived) lines.push(`      waived ${t(w.policy)} on ${t(w.address)}`);
  }
  if (!r.ok) {
    lines.push('', 'Reasons:');
    for (const reason of r.reasons) lines.push(`  ${reason.code}: ${t(reason.message)}`);
  } else if (r.notes.length > 0) {
    lines.push('', 'Notes (attestations that did not count):');
    for (const note of r.notes) lines.push(`  ${note.code}: ${t(note.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
