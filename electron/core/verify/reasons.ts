/**
 * Stable reason codes of `verify` (documented in docs/attestations.md). Scripts match on the
 * code; the message is for people and may change.
 */
export type ReasonCode =
  // About one attestation (why it does not count):
  | 'malformed-envelope'      // not JSON, missing fields, bad base64, no signatures
  | 'wrong-payload-type'      // payloadType is not application/vnd.in-toto+json
  | 'bad-signature'           // a signature by a trusted key does not verify (payload or type altered)
  | 'untrusted-key'           // signed only by keys not given with --trust
  | 'not-in-roster'           // signed only by keys the contract's roster does not list
  | 'role-missing'            // signed by a roster key without the role (approver / exception-signer)
  | 'revoked-key'             // signed at or after the signer's key was revoked (roster: revoked at all)
  | 'future-dated'            // its time is later than now (beyond clock skew)
  | 'malformed-statement'     // verified, but not an in-toto Statement v1 / a valid predicate
  | 'unknown-predicate'       // verified, but a predicate type Countersign does not use (ignored)
  | 'signer-mismatch'         // the reviewer named in an approval did not sign it
  | 'digest-mismatch'         // for another change set (changed artifacts, or replayed)
  | 'contract-mismatch'       // made under another contract revision
  | 'exception-expired'       // exception past its expiry at `now`
  | 'exception-too-long'      // exception lasts longer than the contract's maxExceptionDays
  | 'exception-quorum-not-met' // exception has fewer distinct valid signers than exceptionQuorum
  | 'publication-not-owner'   // a publication not signed by a trusted key its roster lists as unrevoked contract-owner
  | 'publication-expired'     // a publication past its notAfter
  | 'publication-invalid'     // a publication whose roster holds a bad key, or whose digest fields disagree
  | 'same-person'             // a second key of one person: that person counts once (decisions and exception signatures)
  | 'withdrawal-not-own'      // a withdrawal of a decision another person made (does not count)
  | 'withdrawal-unknown'      // a withdrawal naming no decision held for this change set, or misstating what it withdraws
  | 'separation-of-duties'    // a signature that does not count under the contract's separationOfDuties (the rule is named)
  | 'evidence-misfiled'       // an evidence bundle's drift/ holds a file that is not a drift acknowledgement, or one filed under another install
  // About the contract (why verify fails for a v3 contract with a roster):
  | 'no-valid-publication'    // no valid publication of this contract by a trusted contract-owner
  | 'publication-mismatch'    // the newest valid publication is of another contract digest
  | 'roster-mismatch'         // the newest valid publication's roster differs from the contract file's
  | 'publication-conflict'    // two different valid publications claim the same newest revision
  // About the release (why verify fails):
  | 'quorum-not-met'          // fewer distinct trusted approvers than the contract's quorum
  | 'rejected'                // a trusted reviewer rejected this change set (a standing rejection)
  | 'conflicting-decisions'   // one person has an approval and a rejection standing: withdraw one
  | 'vendor-signature-missing' // the contract requires a vendor signature; the change set is unsigned
  | 'vendor-signature-invalid' // a vendor release signature that does not hold; under a contract requiring one, invalid or untrusted blocks
  | 'mandatory-not-waivable'  // an exception tried to waive a `mandatory` finding
  | 'unwaived-finding';       // a blocking finding with no valid exception

export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
  /** The attestation file (and line) it is about, when it is about one. */
  readonly source?: string;
}
