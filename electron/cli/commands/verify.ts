import { loadContractFile } from '../../core/engine';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import { UsageError } from '../../core/model/errors';
import { readAttestations } from '../../core/signing';
import { assertRosterKeys, verifyRelease } from '../../core/verify';
import type { ReleaseVerification, TrustedKeyInput } from '../../core/verify';
import { findingJson } from '../../core/reports/json-report';
import { parseCommandArgs } from '../parse-args';
import { formatOf, need, needPositionals, printJson, readTextFile } from './workspace-option';
import { verifyTextReport } from './verify-text';
import { VERIFY_HELP } from './workspace-help';

const OPTIONS = {
  changeset: { type: 'string' }, contract: { type: 'string', short: 'c' }, attestations: { type: 'string', short: 'a' },
  trust: { type: 'string', multiple: true }, publication: { type: 'string', multiple: true }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' },
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
  // A roster key that is not its fingerprint's key: bad input, naming the entry and its line.
  if (contract.roster?.length) assertRosterKeys(contract.roster, contractPath, readTextFile(contractPath));
  const changeSet = await loadChangeSet([changeSetPath]);
  // The contract's publication may come apart from the approvals (the customer hands it over with the contract).
  const attestations = [...readAttestations(attestationsPath), ...(values.publication ?? []).flatMap((file) => readAttestations(file))];
  const result = verifyRelease({ changeSet, contract, attestations, trustedKeys, now: new Date() });
  if (format === 'json') printJson(jsonOf(result, changeSet.digest, contract.digest));
  else process.stdout.write(verifyTextReport(result, changeSet.digest, contract.name, contract.digest));
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
