/** The Review screen's keyboard shortcuts, shown where they are used (once the findings they step through are loaded). */
export function KeyHint(props: { readonly findingCount: number | null }) {
  const { findingCount } = props;
  return (
    <p className="key-hint" aria-label="Keyboard shortcuts">
      {findingCount === null ? 'Loading findings… ' : findingCount === 0 ? 'No findings. ' : `${findingCount} ${findingCount === 1 ? 'finding' : 'findings'} · `}
      Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding · <kbd>k</kbd>/<kbd>p</kbd> previous finding · <kbd>↑</kbd>/<kbd>↓</kbd> move in the resource list (when it has focus)
    </p>
  );
}
