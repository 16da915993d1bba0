// Placeholder: being built (issue 4).
export function InboxScreen() {
  return <h1>Inbox</h1>;
}
