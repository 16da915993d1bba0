import type { Path } from './edit-document';

/** Where a new key goes: before the first existing key this order puts after it (else at the end). */
const ROOT = ['apiVersion', 'kind', 'metadata', 'roster', 'spec'];
const METADATA = ['name', 'vendor', 'install'];
const SPEC = ['extends', 'parameters', 'overrides', 'approvals', 'vendorSignature', 'policies'];
const APPROVALS = ['quorum', 'exceptionQuorum', 'maxExceptionDays', 'separationOfDuties'];
const SEPARATION_OF_DUTIES = ['requesterMayWaiveAlone', 'approverMaySignReliedExceptions'];
const OVERRIDE = ['enforcement', 'enabled', 'shadow'];
export const POLICY_KEY_ORDER = ['id', 'title', 'description', 'severity', 'enforcement', 'enabled', 'match', 'parameters', 'condition', 'message', 'path', 'remediation', 'tags', 'tests'];
const TEST = ['name', 'resource', 'input', 'parameters', 'at', 'expect'];
const ROSTER = ['name', 'email', 'fingerprint', 'publicKey', 'roles', 'revoked'];

export function keyOrderOf(path: Path): readonly string[] | undefined {
  const [a, b, , d] = path;
  if (path.length === 0) return ROOT;
  if (path.length === 1) return a === 'metadata' ? METADATA : a === 'spec' ? SPEC : undefined;
  if (path.length === 2 && a === 'roster') return ROSTER;
  if (a !== 'spec') return undefined;
  if (path.length === 2 && b === 'approvals') return APPROVALS;
  if (path.length === 3 && b === 'approvals' && path[2] === 'separationOfDuties') return SEPARATION_OF_DUTIES;
  if (path.length === 3 && b === 'overrides') return OVERRIDE;
  if (path.length === 3 && b === 'policies') return POLICY_KEY_ORDER;
  if (path.length === 5 && b === 'policies' && d === 'tests') return TEST;
  return undefined;
}
