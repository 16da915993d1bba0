import { loadContractFile } from '../../core/engine';
import { loadChangeSetWithSignatures } from '../../core/loaders/load-change-set';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, UsageError } from '../../core/model/errors';
import { readAttestations } from '../../core/signing';
import { assertRosterKeys, checkEvidenceSums, checkVendorSignatures, verifyRelease } from '../../core/verify';
import type { ReleaseVerification, TrustedKeyInput, VendorSignatureStatus } from '../../core/verify';
import { printable } from '../../core/model/printable-text';
import { findingJson } from '../../core/reports/json-report';
import { parseCommandArgs } from '../parse-args';
import { formatOf, need, needPositionals, printJson, readTextFile } from './workspace-option';
import { verifyTextReport } from './verify-text';
import { VERIFY_HELP } from './workspace-help';
import { verifyDriftCommand } from './verify-drift';
import { outboxSegment } from '../../core/app/outbox-layout';
import { checkEvidenceDrift } from '../../core/verify/evidence-drift';
import type { EvidenceDriftCheck } from '../../core/verify/evidence-drift';

const OPTIONS = {
  changeset: { type: 'string' }, contract: { type: 'string', short: 'c' }, attestations: { type: 'string', short: 'a' },
  trust: { type: 'string', multiple: true }, 'vendor-key': { type: 'string', multiple: true }, publication: { type: 'string', multiple: true }, drift: { type: 'string' }, evidence: { type: 'string' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' },
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
  // Issue 12: the customer's drift acknowledgements, checked on their own (verify-drift.ts).
  if (values.drift !== undefined) {
    const others = (['changeset', 'contract', 'attestations', 'publication', 'vendor-key', 'evidence'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`);
    return verifyDriftCommand(values.drift, values.trust ?? [], format, others);
  }
  const changeSetPath = need(values.changeset, '--changeset BUNDLE', 'verify');
  if (values.evidence !== undefined && (values.contract !== undefined || values.attestations !== undefined)) {
    throw new UsageError('verify --evidence DIR takes the contract and the attestations from the bundle: give no --contract or --attestations');
  }
  // An audit evidence bundle (countersign report --evidence): its checksums first, then its folder for this change set.
  const evidence = values.evidence !== undefined ? await evidenceInputs(values.evidence, changeSetPath) : null;
  if (evidence !== null && !evidence.ok) {
    if (format === 'json') printJson({ ok: false, evidence: { ok: false, problems: evidence.problems } });
    else process.stdout.write(`NOT VERIFIED: the evidence bundle is not as it was written\n${evidence.problems.map((p) => `  ${printable(p)}`).join('\n')}\n`);
    return 1;
  }
  const contractPath = evidence?.contract ?? need(values.contract, '--contract CONTRACT', 'verify');
  const attestationsPath = evidence?.attestations ?? need(values.attestations, '--attestations PATH', 'verify');
  const trustFiles = values.trust ?? [];
  if (trustFiles.length === 0) throw new UsageError("verify needs at least one --trust FILE.pem (the reviewers' public keys)");

  const trustedKeys: TrustedKeyInput[] = trustFiles.map((file) => ({ pem: readTextFile(file), source: file }));
  const contract = loadContractFile(contractPath);
  // A roster key that is not its fingerprint's key: bad input, naming the entry and its line.
  if (contract.roster?.length) assertRosterKeys(contract.roster, contractPath, readTextFile(contractPath));
  const { changeSet, signatures } = await loadChangeSetWithSignatures([changeSetPath]);
  // The contract's publication may come apart from the approvals (the customer hands it over with the contract).
  const attestations = [...readAttestations(attestationsPath), ...(values.publication ?? []).flatMap((file) => readAttestations(file))];
  const now = new Date();
  // Under a roster the vendor keys are its vendor-release entries; --vendor-key is for contracts without one.
  const roster = contract.roster !== undefined && contract.roster.length > 0 ? contract.roster : null;
  const vendorKeys: TrustedKeyInput[] = (values['vendor-key'] ?? []).map((file) => ({ pem: readTextFile(file), source: file }));
  const vendorSignature = checkVendorSignatures({ changeSetDigest: changeSet.digest, manifest: changeSet.metadata, signatures, roster, vendorKeys, now });
  const release = verifyRelease({ changeSet, contract, attestations, trustedKeys, now, vendorSignature });
  // The bundle's drift acknowledgements, signature by signature (verify --drift's checks, with the roster's approvers when a publication vouched for it).
  const drift = evidence === null ? undefined : checkEvidenceDrift({
    dir: evidence.dir, trustedKeys, now, folderOf: outboxSegment,
    roster: roster === null ? null : { entries: roster, rule: release.roster, source: contractPath },
  });
  const result = drift === undefined || drift.ok ? release : { ...release, ok: false, reasons: [...release.reasons, ...drift.problems] };
  if (format === 'json') printJson({ ...(jsonOf(result, changeSet.digest, contract.digest) as object), vendorSignature, ...(drift !== undefined ? { driftAcknowledgements: driftJson(drift) } : {}) });
  else process.stdout.write(verifyTextReport(result, changeSet.digest, contract.name, contract.digest, drift) + vendorSignatureText(vendorSignature, roster !== null && vendorKeys.length > 0));
  return result.ok ? 0 : 1;
}

/** The bundle's checksums, and the contract and attestations of this change set's folder in it. */
async function evidenceInputs(dir: string, changeSetPath: string): Promise<{ ok: true; dir: string; contract: string; attestations: string } | { ok: false; problems: readonly string[] }> {
  if (!existsSync(dir)) throw new InputError(dir, 'no such evidence bundle folder');
  const sums = checkEvidenceSums(dir);
  if (!sums.ok) return { ok: false, problems: sums.problems };
  const { changeSet } = await loadChangeSetWithSignatures([changeSetPath]);
  const folder = join(dir, 'changesets', changeSet.digest.replace(/^sha256:/, '').slice(0, 12));
  if (!existsSync(join(folder, 'contract.yaml'))) return { ok: false, problems: [`the bundle holds no evidence for change set ${changeSet.digest} (no changesets/${basename(folder)}/contract.yaml)`] };
  return { ok: true, dir, contract: join(folder, 'contract.yaml'), attestations: folder };
}

function driftJson(d: EvidenceDriftCheck): unknown {
  return {
    ok: d.ok,
    files: d.files,
    verified: d.acknowledgements.map((a) => ({
      source: a.source, install: a.predicate.install, item: a.predicate.item, mode: a.predicate.mode, note: a.predicate.note,
      reviewer: a.predicate.reviewer, time: a.predicate.time, contractDigest: a.predicate.contractDigest, signers: a.signers,
    })),
    reasons: d.problems,
  };
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
    conflicts: r.conflicts,
    separationOfDuties: r.separationOfDuties,
    vendorSignatureRule: r.vendorSignatureRule,
    vendorSignature: r.vendorSignature,
    exceptionsApplied: r.exceptionsApplied,
    roster: r.roster,
    reasons: r.reasons,
    notes: r.notes,
    // Findings of policies in shadow mode: reported, they weigh nothing (countersign.dev/v3).
    shadowFindings: r.evaluation.findings.filter((f) => f.shadow === true).map(findingJson),
  };
}

/** The vendor signature lines of the text report; every name and reason escaped. */
function vendorSignatureText(s: VendorSignatureStatus, vendorKeysIgnored: boolean): string {
  const state = s.state === 'verified' ? `verified, signed by ${s.signers.map((x) => `${x.name || '(unnamed)'} (${x.keyId})`).join(', ')}` : s.state;
  const lines = [`Vendor signature: ${state}`];
  if (vendorKeysIgnored) lines.push("  note: --vendor-key is not used: the contract's roster names the vendor-release keys");
  for (const r of s.reasons) lines.push(`  ${r.code}: ${r.message}`);
  return `${lines.map(printable).join('\n')}\n`;
}
