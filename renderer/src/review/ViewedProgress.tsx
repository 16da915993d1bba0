/** "12 of 3,000 viewed" with a progress bar, and the button that "u" presses: next unviewed. */
export function ViewedProgress(props: { readonly viewed: number; readonly total: number; readonly onNext: () => void; readonly allViewed: boolean }) {
  const { viewed, total } = props;
  const percent = total === 0 ? 100 : Math.round((viewed / total) * 100);
  return (
    <div className="viewed-progress">
      <progress max={Math.max(1, total)} value={total === 0 ? 1 : viewed} aria-label="Resources viewed" />
      <span className="viewed-text" data-testid="viewed-text">{`${viewed.toLocaleString()} of ${total.toLocaleString()} viewed (${percent}%)`}</span>
      <button type="button" onClick={props.onNext} disabled={props.allViewed} title="Next resource not yet viewed (u)">
        Next unviewed <kbd>u</kbd>
      </button>
    </div>
  );
}
