/** The Review screen's main keys, shown where they are used; "?" lists all of them (ShortcutsOverlay). */
export function KeyHint(props: { readonly findingCount: number | null; readonly onShowAll: () => void }) {
  const { findingCount } = props;
  return (
    <p className="key-hint" aria-label="Keyboard shortcuts">
      {findingCount === null ? 'Loading findings… ' : findingCount === 0 ? 'No findings. ' : `${findingCount} ${findingCount === 1 ? 'finding' : 'findings'} · `}
      Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous finding · <kbd>u</kbd> next unviewed · <kbd>v</kbd> viewed · <kbd>/</kbd> search ·{' '}
      <button type="button" className="link-button" onClick={props.onShowAll} aria-haspopup="dialog"><kbd>?</kbd> all shortcuts</button>
    </p>
  );
}
