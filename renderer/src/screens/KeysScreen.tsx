// Placeholder: being built (issue 4).
export function KeysScreen() {
  return <h1>Keys</h1>;
}
