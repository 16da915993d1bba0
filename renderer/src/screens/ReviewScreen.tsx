// Placeholder: being built (issue 4).
export function ReviewScreen(props: { readonly digest: string; readonly finding?: number }) {
  return <h1>Review {props.digest}</h1>;
}
