// Placeholder: being built (issue 4). Rendered by the Review screen for one change set.
export function SignPanel(_props: { readonly digest: string; readonly selectedFindingId?: number }) {
  return null;
}
