import { UsageError } from '../model/errors';
import type { RosterEntry } from '../base/roster';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE, signPayload } from './dsse';
import type { DsseEnvelope } from './dsse';
import { PUBLICATION_FILE_SUFFIX } from './attestation-files';
import { keyIdOf } from './keys';
import { CONTRACT_REVISION_PREDICATE, contractPublicationPredicateSchema, parsePredicate } from './predicates';
import type { ContractPublicationPredicate } from './predicates';
import type { Signer, SignedAttestation } from './sign';
import { CONTRACT_SUBJECT, payloadDigest, STATEMENT_TYPE, statementBytes, subjectFor } from './statement';
import type { Statement } from './statement';

/** What a publication binds: the resolved contract's identity, its pack pins and its roster. */
export interface PublishedContract {
  readonly name: string;
  readonly vendor: string;
  readonly install: string;
  readonly digest: string;
  readonly packs: readonly { readonly pack: string; readonly version: number; readonly digest: string }[];
  readonly roster: readonly RosterEntry[];
}

export interface PublicationRequest {
  readonly contract: PublishedContract;
  readonly revision: number;
  /** Contract-owner keys; each adds its signature to the one envelope. */
  readonly signers: readonly Signer[];
  readonly notAfter: Date;
  readonly time?: Date;
}

/**
 * The publication file of revision N: `<name>-r<N>.publication.json`. The name is the
 * customer's, but it still becomes a path: anything but [A-Za-z0-9._-] becomes `_`, and a
 * leading dot is replaced, so it can neither leave the folder nor hide.
 */
export function publicationFileName(contractName: string, revision: number): string {
  const safe = contractName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_').slice(0, 100) || 'contract';
  return `${safe}-r${revision}${PUBLICATION_FILE_SUFFIX}`;
}

/**
 * Signs contract-revision/v2 over the contract digest, with every signer's key in one DSSE
 * envelope. Whether the signers may publish (contract-owner in this roster) is the caller's
 * check; what is refused here is a publication that could never verify.
 */
export function signContractPublication(req: PublicationRequest): SignedAttestation<ContractPublicationPredicate> {
  const time = req.time ?? new Date();
  if (Number.isNaN(time.getTime()) || Number.isNaN(req.notAfter.getTime())) throw new UsageError('invalid time');
  if (!Number.isSafeInteger(req.revision) || req.revision < 1) throw new UsageError('the revision number must be a positive integer');
  if (req.notAfter.getTime() <= time.getTime()) throw new UsageError('notAfter must be later than the publication time');
  if (req.signers.length === 0) throw new UsageError('a publication needs at least one contract-owner signature');
  const ids = req.signers.map((s) => keyIdOf(s.privateKey));
  if (new Set(ids).size !== ids.length) throw new UsageError('the same key is given twice as a signer');
  const parsed = parsePredicate(contractPublicationPredicateSchema, {
    name: req.contract.name,
    vendor: req.contract.vendor,
    install: req.contract.install,
    revision: req.revision,
    time: time.toISOString(),
    notAfter: req.notAfter.toISOString(),
    contractDigest: req.contract.digest,
    packs: req.contract.packs.map((p) => ({ pack: p.pack, version: p.version, digest: p.digest })),
    roster: req.contract.roster,
  });
  // What verify would refuse as malformed is refused here, in words (e.g. a name over 256 characters).
  if ('problem' in parsed) throw new UsageError(`cannot publish contract ${req.contract.name.slice(0, 100)}: ${parsed.problem}`);
  const { predicate } = parsed;
  const statement: Statement<ContractPublicationPredicate> = {
    _type: STATEMENT_TYPE, subject: [subjectFor(CONTRACT_SUBJECT, req.contract.digest)], predicateType: CONTRACT_REVISION_PREDICATE, predicate,
  };
  const payload = statementBytes(statement);
  const [first, ...rest] = req.signers;
  const envelope: DsseEnvelope = createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, first!.privateKey);
  const signed = { ...envelope, signatures: [...envelope.signatures, ...rest.map((s) => signPayload(IN_TOTO_PAYLOAD_TYPE, payload, s.privateKey))] };
  return { kind: 'contract-revision', envelope: signed, digest: payloadDigest(payload), statement, fileName: publicationFileName(req.contract.name, req.revision) };
}
