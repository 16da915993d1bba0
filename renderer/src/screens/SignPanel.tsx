/**
 * The Sign panel of the Review screen: quorum progress, approve/reject, exceptions for the
 * selected finding and the signatures they have, and where the signed files went.
 */
import { useState } from 'react';
import { useKeyList, usableKeys } from '../keys/key-queries';
import { ErrorBox } from '../components/ErrorBox';
import { DecisionForm } from '../sign/DecisionForm';
import { ExceptionList } from '../sign/ExceptionList';
import { BatchExceptions } from '../sign/BatchExceptions';
import { blockingFindings } from '../sign/FindingPicker';
import { CoSignRequest } from '../sign/CoSignRequest';
import { OutboxNote } from '../sign/OutboxNote';
import { QuorumProgress } from '../sign/QuorumProgress';
import { VendorHandoff } from '../sign/VendorHandoff';
import { useExceptions, useFindings, useQuorum } from '../sign/sign-queries';
import '../sign/review-forms.css';

export function SignPanel(props: { readonly digest: string; readonly selectedFindingId?: number }) {
  const { digest, selectedFindingId } = props;
  const quorum = useQuorum(digest);
  const findings = useFindings(digest);
  const exceptions = useExceptions(digest);
  const keys = useKeyList();
  const [lastFile, setLastFile] = useState<string | null>(null);

  const loadError = quorum.error ?? findings.error ?? exceptions.error ?? keys.error;
  const signing = usableKeys(keys.data?.reviewerKeys);
  const all = findings.data ?? [];
  const blocking = blockingFindings(all);

  return (
    <aside aria-label="Sign" className="sign-panel">
      <h2>Sign</h2>
      {loadError && <ErrorBox title="Cannot load the signing state" error={loadError} />}
      {quorum.data && <QuorumProgress quorum={quorum.data} />}
      <CoSignRequest digest={digest} final={quorum.data?.final ?? false} />
      <DecisionForm digest={digest} keys={signing} blockingCount={blocking.length} {...(quorum.data ? { quorum: quorum.data } : {})}
        onSigned={(r) => setLastFile(r.file)} />

      <section aria-label="Exceptions" className="exceptions">
        <h3>Exceptions</h3>
        {findings.isSuccess && all.length === 0 && <p className="hint">No findings: nothing to waive.</p>}
        {all.length > 0 && quorum.data && (
          <BatchExceptions digest={digest} findings={all} {...(selectedFindingId !== undefined ? { selectedFindingId } : {})}
            maxExceptionDays={quorum.data.maxExceptionDays} keys={signing} onRequested={(e) => setLastFile(e.file)} />
        )}
        <h4>Exceptions that apply to this change set</h4>
        {exceptions.data && <ExceptionList digest={props.digest} exceptions={exceptions.data} keys={signing} onSigned={(e) => setLastFile(e.file)} />}
      </section>
      <VendorHandoff digest={digest} />
      <OutboxNote lastFile={lastFile} />
    </aside>
  );
}
