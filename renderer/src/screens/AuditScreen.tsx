// Placeholder: being built (issue 4).
export function AuditScreen() {
  return <h1>Audit</h1>;
}
