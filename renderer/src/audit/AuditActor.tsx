/**
 * The audit actor, readable: a reviewer (`reviewer:<name> <fingerprint>`) shows as the name and
 * a short fingerprint (the whole actor on hover and to screen readers), the OS user as
 * "<user> (OS user)". Long names wrap instead of widening the table.
 */
const REVIEWER = /^reviewer:(.*) (sha256:[0-9a-f]{64})$/su;

export function AuditActor(props: { readonly actor: string }) {
  const a = props.actor;
  const reviewer = REVIEWER.exec(a);
  if (reviewer) {
    const [, name, fingerprint] = reviewer;
    return (
      <span className="audit-actor reviewer" title={a}>
        <span className="actor-name">{name}</span>{' '}
        <code className="actor-key" aria-label={`key ${fingerprint}`}>{fingerprint!.slice(7, 19)}…</code>
      </span>
    );
  }
  if (a.startsWith('os:')) {
    return <span className="audit-actor os" title={a}><span className="actor-name">{a.slice(3)}</span> <span className="actor-kind">(OS user)</span></span>;
  }
  return <span className="audit-actor" title={a}><span className="actor-name">{a}</span></span>;
}
