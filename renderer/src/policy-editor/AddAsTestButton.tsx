/**
 * "Add as test" on the review screen: offers the finding's (or resource's) stored resource to
 * the contract editor, which opens on the contract and captures it into the policy's tests.
 */
import { navigate } from '../router';
import { expectationOf, offerCapture } from './pending-capture';

export function AddAsTestButton(props: {
  readonly digest: string;
  readonly resourceIndex: number | null;
  readonly address: string;
  /** The finding's policy; null for a resource (the open own policy takes it). */
  readonly policy: string | null;
  readonly status: string | null;
}) {
  const { resourceIndex } = props;
  if (resourceIndex === null) return null;
  return (
    <button type="button" className="add-as-test" title="Capture this resource (masked) as a test fixture in the contract editor"
      onClick={() => {
        offerCapture({ digest: props.digest, resourceIndex, address: props.address, policy: props.policy, expect: props.status === null ? null : expectationOf(props.status) });
        navigate({ screen: 'contract' });
      }}>
      Add as test
    </button>
  );
}
