/**
 * "Add as test" on the review screen: offers the finding's (or resource's) stored resource to
 * the contract editor, which opens on the contract that judged the change set and captures it
 * into an own policy's tests there.
 */
import { useChangeSet } from '../review/review-queries';
import { captureTarget, contractHash, expectationOf, offerCapture } from './pending-capture';

export function AddAsTestButton(props: {
  readonly digest: string;
  readonly resourceIndex: number | null;
  readonly address: string;
  /** The finding's policy; null for a resource (the open own policy takes it). */
  readonly policy: string | null;
  readonly status: string | null;
}) {
  const { resourceIndex } = props;
  const changeSet = useChangeSet(props.digest);
  if (resourceIndex === null) return null;
  const contract = changeSet.data?.contractName ?? null;
  return (
    <button type="button" className="add-as-test" title="Capture this resource (masked) as a test fixture in the contract editor"
      disabled={!changeSet.data}
      onClick={() => {
        offerCapture({ digest: props.digest, resourceIndex, address: props.address, policy: props.policy, expect: props.status === null ? null : expectationOf(props.status) });
        window.location.hash = contractHash(contract, contract ? captureTarget(contract, props.policy) : null);
      }}>
      Add as test
    </button>
  );
}
