/**
 * The verdict of a change set as a badge: color AND words, so it reads without color
 * (colour-blind users, high-contrast themes). A decided change set shows its state instead.
 */
import type { ChangeSetState, Verdict } from '../../../electron/shared/api-types';
import './components.css';

const LABEL: Readonly<Record<Verdict, string>> = {
  blocked: 'Blocked',
  'needs-approval': 'Needs approval',
  pass: 'Pass',
};

export function VerdictBadge(props: { readonly verdict: Verdict | null; readonly state?: ChangeSetState }) {
  const { verdict, state } = props;
  if (state && state !== 'pending') {
    return <span className={`verdict-badge state-${state}`} title={`State: ${state}`}>{state[0]!.toUpperCase() + state.slice(1)}</span>;
  }
  if (verdict === null) return <span className="verdict-badge unevaluated" title="Not evaluated yet">Not evaluated</span>;
  return <span className={`verdict-badge verdict-${verdict}`} title={`Verdict: ${LABEL[verdict]}`}>{LABEL[verdict]}</span>;
}
