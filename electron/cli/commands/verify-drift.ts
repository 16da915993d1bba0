// `countersign verify --drift PATH --trust KEY.pem`: the vendor's check of the customer's drift
// acknowledgements (drift-acknowledgement/v1, issue 12), offline, without a workspace.
import { UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { readAttestations } from '../../core/signing';
import { verifyDriftAcknowledgements } from '../../core/verify/verify-drift-acknowledgements';
import type { DriftAcknowledgementVerification } from '../../core/verify/verify-drift-acknowledgements';
import type { TrustedKeyInput } from '../../core/verify';
import { printJson, readTextFile } from './workspace-option';

/** 0: every file is a drift acknowledgement signed by a trusted key; 1: not (reasons listed); 2: bad input. */
export function verifyDriftCommand(path: string, trustFiles: readonly string[], format: 'text' | 'json', ignored: readonly string[]): number {
  if (trustFiles.length === 0) throw new UsageError("verify --drift needs at least one --trust FILE.pem (the customer's reviewers' public keys)");
  if (ignored.length > 0) throw new UsageError(`verify --drift checks drift acknowledgements only: drop ${ignored.join(', ')}`);
  const trustedKeys: TrustedKeyInput[] = trustFiles.map((file) => ({ pem: readTextFile(file), source: file }));
  const result = verifyDriftAcknowledgements(readAttestations(path), trustedKeys, new Date());
  if (format === 'json') printJson(jsonOf(result));
  else process.stdout.write(textOf(result));
  return result.ok && result.acknowledgements.length > 0 ? 0 : 1;
}

function jsonOf(r: DriftAcknowledgementVerification): unknown {
  return {
    ok: r.ok && r.acknowledgements.length > 0,
    acknowledgements: r.acknowledgements.map((a) => ({
      source: a.source, digest: a.digest, install: a.predicate.install, item: a.predicate.item, mode: a.predicate.mode, note: a.predicate.note,
      reviewer: a.predicate.reviewer, time: a.predicate.time, snapshot: a.predicate.snapshot, approvedChangeSet: a.predicate.approvedChangeSet,
      contractDigest: a.predicate.contractDigest, signers: a.signers,
    })),
    reasons: r.problems,
  };
}

function textOf(r: DriftAcknowledgementVerification): string {
  const ok = r.ok && r.acknowledgements.length > 0;
  const lines = [ok ? `VERIFIED: ${r.acknowledgements.length} drift acknowledgement(s)` : 'NOT VERIFIED'];
  for (const a of r.acknowledgements) {
    const p = a.predicate;
    const what = p.mode === 'acknowledged' ? 'acknowledged' : 'to be reverted by the vendor';
    lines.push(`  ${what}: ${p.item.kind} ${p.item.address} (install ${p.install}, item ${p.item.key.slice(0, 19)}…)`);
    lines.push(`    by ${p.reviewer.name || '(unnamed)'} (${p.reviewer.keyId}) at ${p.time}: ${p.note}`);
  }
  if (!ok && r.acknowledgements.length === 0 && r.problems.length === 0) lines.push('  no drift acknowledgement found');
  for (const p of r.problems) lines.push(`  ${p.code}: ${p.message}`);
  return `${lines.map(printable).join('\n')}\n`;
}
