/**
 * A long one-line name cut in the middle when its column is too narrow: the start ends in "…",
 * the end stays visible (layout.css: the head shrinks first; the tail, laid out right to left
 * around a left-to-right isolate, loses its START if it must shrink too). The whole text is in
 * the DOM, so search, copy and screen readers get all of it. See middle-ellipsis.ts for when
 * the name is shown whole instead.
 */
import { splitForMiddleEllipsis } from './middle-ellipsis';

export function MiddleEllipsis(props: { readonly text: string; readonly className?: string }) {
  const split = splitForMiddleEllipsis(props.text);
  const className = `middle-ellipsis${props.className ? ` ${props.className}` : ''}`;
  if (!split) return <span className={`${className} whole`}>{props.text}</span>;
  return (
    <span className={className}>
      <span className="middle-ellipsis-head">{split.head}</span>
      <span className="middle-ellipsis-tail"><span dir="ltr">{split.tail}</span></span>
    </span>
  );
}
