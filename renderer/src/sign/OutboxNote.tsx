/** Where signed attestation files land, and the last one written: the files the vendor needs. */
import { useAppInfo } from './sign-queries';

export function OutboxNote(props: { readonly lastFile: string | null }) {
  const info = useAppInfo();
  return (
    <section aria-label="Outbox" className="outbox">
      <p className="hint">
        Signed attestation files are written to the outbox folder{' '}
        <code data-testid="outbox-path">{info.data?.outboxDir ?? '…'}</code>, one folder per change set (vendor, install, release,
        digest). "Export for vendor" gathers exactly what the vendor needs; their pipeline runs <code>countersign verify</code> on
        it before applying.
      </p>
      {props.lastFile && (
        <p role="status">Wrote <code>{props.lastFile}</code></p>
      )}
    </section>
  );
}
