import type { ChangeSet } from '../../model/changeset';
import type { TestOutcome } from '../../model/policy';
import { parseContract } from '../../engine';
import { NotFoundError } from '../../model/errors';
import type { Workspace } from '../../store';
import { captureTestFixture } from '../../policy-tests/capture-test';
import type { CaptureResult } from '../../policy-tests/capture-test';
import { runContractPolicyTests } from '../../policy-tests/contract-tests';
import type { ContractTestResult } from '../../policy-tests/contract-tests';

/** Where a draft's errors point: the contract by name (the draft has no file). */
const draftSource = (contract: string): string => `contract ${contract} (draft)`;

/**
 * The tests of a draft's own policy (or of all its own policies without `policy`). A draft
 * that does not load is an InputError with its line, like any contract.
 */
export function runDraftPolicyTests(contract: string, text: string, policy?: string): readonly ContractTestResult[] {
  return runContractPolicyTests(parseContract(draftSource(contract), text), policy);
}

export interface CaptureStoredRequest {
  readonly contract: string;
  readonly text: string;
  readonly digest: string;
  readonly resourceIndex: number;
  readonly policy: string;
  readonly expect?: TestOutcome;
}

/**
 * "Add as test" from a stored change set: the resource at `resourceIndex` of the change set as
 * the loaders rebuild it (the masked model; `load` is the review session's cached loader),
 * pinned at the time of its current stored evaluation (else now). The result is the test
 * mapping for the edit op `addTest` (contract-edits.ts), or why it cannot be captured.
 */
export function captureStoredTest(ws: Workspace, load: (digest: string) => ChangeSet, req: CaptureStoredRequest, now: () => Date = () => new Date()): CaptureResult {
  if (!ws.changeSets.getChangeSet(req.digest)) throw new NotFoundError(req.digest, 'no change set with this digest in the workspace');
  const at = ws.evaluations.latestEvaluation(req.digest)?.at || now().toISOString();
  return captureTestFixture({
    contract: parseContract(draftSource(req.contract), req.text),
    changeSet: load(req.digest),
    resourceIndex: req.resourceIndex,
    policy: req.policy,
    at,
    ...(req.expect !== undefined ? { expect: req.expect } : {}),
  });
}
