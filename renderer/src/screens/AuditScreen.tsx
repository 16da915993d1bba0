/** Audit: the workspace's append-only, hash-chained log and whether the chain is intact. */
import { AuditTable } from '../audit/AuditTable';
import { AuditVerification } from '../audit/AuditVerification';
import { WorkspaceSettings } from '../settings/WorkspaceSettings';
import { BackupWorkspace } from '../settings/BackupWorkspace';
import '../sign/review-forms.css';

export function AuditScreen() {
  return (
    <div className="audit-screen">
      <h1>Audit log</h1>
      <p className="hint">Every change to this workspace, newest first. Each entry carries the hash of the previous one, so an edited or deleted entry is detected.</p>
      <AuditVerification />
      <WorkspaceSettings />
      <BackupWorkspace />
      <AuditTable />
    </div>
  );
}
