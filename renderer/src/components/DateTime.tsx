/**
 * Every date the app shows (issue 11): locale-aware (date-format.ts), the full ISO instant in the
 * hover title and the `dateTime` attribute. `flagPast`: a time that should lie ahead (a planned
 * apply time) is marked when it has already gone by.
 */
import { formatDateTime, fullIso, isPast } from './date-format';
import './components.css';

export function DateTime(props: { readonly iso: string; readonly flagPast?: string; readonly className?: string }) {
  const { iso } = props;
  const past = props.flagPast !== undefined && isPast(iso);
  const title = past ? `${fullIso(iso)}: ${props.flagPast}` : fullIso(iso);
  const className = ['date-time', props.className, past ? 'date-past' : ''].filter(Boolean).join(' ');
  return (
    <time dateTime={iso} title={title} className={className}>
      {formatDateTime(iso)}
      {past && <span className="date-past-flag"> ({props.flagPast})</span>}
    </time>
  );
}
