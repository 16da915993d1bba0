import { printable } from '../../core/model/printable-text';
import { describeWaiver } from '../../core/signing';
import type { ReleaseVerification } from '../../core/verify';

/**
 * The text report. Every input-derived value (names, addresses, comments, justifications,
 * reasons, file names) goes through printable(): a hostile change set or attestation cannot
 * send escape sequences to the terminal, and each line stays one line.
 */
export function verifyTextReport(r: ReleaseVerification, changeSetDigest: string, contractName: string, contractDigest: string): string {
  const t = printable;
  const lines = [
    `Countersign verify: ${r.ok ? 'VERIFIED' : 'NOT VERIFIED'}`,
    `  change set  ${changeSetDigest}`,
    `  contract    ${t(contractName)}  ${contractDigest}`,
    `  evaluation  ${r.evaluation.verdict} at ${r.evaluation.at} (${r.evaluation.findings.length} finding(s))`,
    ...publicationLine(r),
    `  approvals   ${r.approvals.length} of ${r.quorum}${r.approvals.length ? `: ${r.approvals.map((a) => t(a.reviewer || a.keyId)).join(', ')}` : ''}`,
    `  exceptions  ${r.exceptionsApplied.length} applied${r.exceptionsApplied.length ? ':' : ''}`,
  ];
  // Shadow findings (policies on trial) never block; listed so the vendor sees what they would do.
  const shadow = r.evaluation.findings.filter((f) => f.shadow === true);
  if (shadow.length > 0) {
    lines.push(`  shadow      ${shadow.length} finding(s) of policies on trial (never block, never need approval):`);
    for (const f of shadow) lines.push(`    [shadow, ${f.enforcement}] ${t(f.policy)} on ${t(f.resource.address)}: ${t(f.message)}`);
  }
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

/** Under a roster: which publication vouched for it (or that none did). */
function publicationLine(r: ReleaseVerification): string[] {
  if (r.roster === null || r.roster.authority !== 'publication') return [];
  const p = r.roster.publication;
  return [p
    ? `  published   revision ${p.revision} at ${p.time}, valid until ${p.notAfter}, by ${p.signers.join(', ')}`
    : '  published   NO VALID PUBLICATION (the roster names nobody)'];
}
