// Placeholder: being built (issue 4).
export function ContractScreen() {
  return <h1>Contract</h1>;
}
