import { printable } from '../../core/model/printable-text';
import { describeWaiver } from '../../core/signing';
import type { ReasonCode, ReleaseVerification } from '../../core/verify';
import type { EvidenceDriftCheck } from '../../core/verify/evidence-drift';

/**
 * The text report. Every input-derived value (names, addresses, comments, justifications,
 * reasons, file names) goes through printable(): a hostile change set or attestation cannot
 * send escape sequences to the terminal, and each line stays one line.
 */
export function verifyTextReport(r: ReleaseVerification, changeSetDigest: string, contractName: string, contractDigest: string, evidenceDrift?: EvidenceDriftCheck): string {
  const t = printable;
  const lines = [
    `Countersign verify: ${r.ok ? 'VERIFIED' : 'NOT VERIFIED'}`,
    `  change set  ${changeSetDigest}`,
    `  contract    ${t(contractName)}  ${contractDigest}`,
    `  evaluation  ${r.evaluation.verdict} at ${r.evaluation.at} (${r.evaluation.findings.length} finding(s))`,
    ...publicationLine(r),
    `  approvals   ${r.approvals.length} of ${r.quorum}${r.approvals.length ? `: ${r.approvals.map((a) => t(a.reviewer || a.keyId)).join(', ')}` : ''}${r.roster !== null ? ' (counted per person)' : ''}`,
    ...(r.rejections.length ? [`  rejections  ${r.rejections.map((a) => t(a.reviewer || a.keyId)).join(', ')}`] : []),
    ...(r.conflicts.length ? [`  conflicts   ${[...new Set(r.conflicts.map((a) => t(a.reviewer || a.keyId)))].join(', ')} (approved and rejected; neither withdrawn)`] : []),
    ...dutiesLine(r),
    ...vendorLine(r),
    `  exceptions  ${r.exceptionsApplied.length} applied${r.exceptionsApplied.length ? ':' : ''}`,
  ];
  if (evidenceDrift !== undefined) lines.splice(lines.length - 1, 0, ...driftLines(evidenceDrift));
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
    // Each rule broken, once, in words: a reader (or a script) sees which rules failed before the details.
    lines.push('', 'Rules broken:');
    for (const code of [...new Set(r.reasons.map((x) => x.code))]) lines.push(`  ${code}: ${ruleOf(code)}`);
    lines.push('', 'Reasons:');
    for (const reason of r.reasons) lines.push(`  ${reason.code}: ${t(reason.message)}`);
  } else if (r.notes.length > 0) {
    lines.push('', 'Notes (attestations that did not count):');
    for (const note of r.notes) lines.push(`  ${note.code}: ${t(note.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `verify --evidence`: the bundle's drift acknowledgements, each with what it says (its problems are among the reasons). */
function driftLines(d: EvidenceDriftCheck): string[] {
  const t = printable;
  const lines = [`  drift acks  ${d.acknowledgements.length} of ${d.files} file(s) under drift/ verified${d.ok ? '' : ' (the others are among the reasons)'}`];
  for (const a of d.acknowledgements) {
    const p = a.predicate;
    lines.push(`    ${p.mode === 'acknowledged' ? 'acknowledged' : 'to be reverted by the vendor'}: ${t(p.item.kind)} ${t(p.item.address)} (install ${t(p.install)}) by ${t(p.reviewer.name || p.reviewer.keyId)} at ${t(p.time)}`);
  }
  return lines;
}

/** Under a roster: which publication vouched for it (or that none did). */
function publicationLine(r: ReleaseVerification): string[] {
  if (r.roster === null || r.roster.authority !== 'publication') return [];
  const p = r.roster.publication;
  return [p
    ? `  published   revision ${p.revision} at ${p.time}, valid until ${p.notAfter}, by ${p.signers.join(', ')}`
    : '  published   NO VALID PUBLICATION (the roster names nobody)'];
}

/** v4 separation of duties, when the contract sets a rule (v1–v3 mean none). */
function dutiesLine(r: ReleaseVerification): string[] {
  const s = r.separationOfDuties;
  if (s.requesterMayWaiveAlone && s.approverMaySignReliedExceptions) return [];
  const rules = [
    ...(s.requesterMayWaiveAlone ? [] : ['a requester never waives alone']),
    ...(s.approverMaySignReliedExceptions ? [] : ['an approval counts only if its exceptions reach exceptionQuorum without the approver']),
  ];
  return [`  duties      ${rules.join('; ')}`];
}

/** The vendor release signature, when the contract requires one or a status was checked. */
function vendorLine(r: ReleaseVerification): string[] {
  const v = r.vendorSignature;
  if (r.vendorSignatureRule !== 'required' && v === null) return [];
  const signers = v?.signers.length ? ` by ${v.signers.map((s) => `${printable(s.name) || '(unnamed)'} ${s.keyId.slice(0, 19)}`).join(', ')}` : '';
  return [`  vendor sig  ${v?.state ?? 'not checked'}${signers} (${r.vendorSignatureRule})`];
}

/** One line per reason code: the rule it stands for. */
function ruleOf(code: ReasonCode): string {
  return RULES[code];
}

const RULES: Readonly<Record<ReasonCode, string>> = {
  'malformed-envelope': 'every attestation file is a well-formed DSSE envelope',
  'wrong-payload-type': 'attestations carry in-toto statements',
  'bad-signature': 'signatures verify over the exact payload',
  'untrusted-key': 'only trusted keys sign',
  'not-in-roster': "only keys on the contract's roster sign",
  'role-missing': 'a roster key signs only in the roles it holds',
  'revoked-key': "a revoked key's signatures never count",
  'future-dated': 'no attestation is dated in the future',
  'malformed-statement': 'statements and predicates are well-formed',
  'unknown-predicate': 'only Countersign predicates count',
  'signer-mismatch': 'a decision is signed by the reviewer it names',
  'digest-mismatch': 'attestations are for this exact change set',
  'contract-mismatch': 'approvals and exceptions are for this contract revision',
  'exception-expired': 'exceptions are in force (not expired)',
  'exception-too-long': "exceptions last at most the contract's maxExceptionDays",
  'exception-quorum-not-met': 'an exception needs exceptionQuorum distinct people',
  'publication-not-owner': 'a publication is signed by a trusted contract-owner',
  'publication-expired': 'a publication is used only until its notAfter',
  'publication-invalid': "a publication's roster and digests are valid",
  'same-person': 'one person counts once, whatever number of keys they sign with',
  'withdrawal-not-own': 'only its reviewer can withdraw a decision',
  'withdrawal-unknown': 'a withdrawal names a decision held for this change set, as it is',
  'separation-of-duties': "the contract's separation of duties (named in the reason)",
  'evidence-misfiled': "an evidence bundle's drift/ holds only drift acknowledgements, each in its install's folder",
  'no-valid-publication': 'a rostered contract needs a valid publication by a trusted owner',
  'publication-mismatch': 'the newest publication is of this contract',
  'roster-mismatch': "the contract's roster is the published one",
  'publication-conflict': 'one newest publication per revision',
  'quorum-not-met': 'quorum: enough distinct people approve',
  'rejected': 'no standing rejection',
  'conflicting-decisions': 'decisions are final: one person never both approves and rejects (withdraw one)',
  'vendor-signature-missing': 'the contract requires a vendor release signature',
  'vendor-signature-invalid': 'the vendor release signature verifies, by a vendor key that counts',
  'mandatory-not-waivable': 'mandatory policies are never waived',
  'unwaived-finding': 'every blocking finding is waived by a valid exception',
};
