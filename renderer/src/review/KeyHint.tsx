/** The Review screen's keyboard shortcuts, shown where they are used. */
export function KeyHint() {
  return (
    <p className="key-hint" aria-label="Keyboard shortcuts">
      Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding · <kbd>k</kbd>/<kbd>p</kbd> previous finding · <kbd>↑</kbd>/<kbd>↓</kbd> move in the resource list (when it has focus)
    </p>
  );
}
