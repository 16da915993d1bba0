/**
 * Two revisions side by side: what the structured diff says changed (policies, parameters,
 * enforcement, approvals, roster), then the two texts in Monaco's diff editor.
 */
import type { FieldChangeDto, RevisionDiffDto, RosterEntryDto } from '../../../electron/shared/contract-editor-types';
import { ResourceDiff } from '../monaco/lazy-editors';

export function RevisionDiffView(props: { readonly diff: RevisionDiffDto }) {
  const d = props.diff;
  const nothing = !d.policiesAdded.length && !d.policiesRemoved.length && !d.policiesChanged.length && !d.parameters.length
    && !d.approvals.length && !d.roster.added.length && !d.roster.removed.length && !d.roster.changed.length;
  return (
    <section className="revision-diff" aria-label={`Changes from revision ${d.from.revision} to ${d.to.revision}`}>
      <h3>Revision {d.from.revision} → {d.to.revision}</h3>
      {nothing && <p className="hint">No change to policies, parameters, approvals or the roster{d.textBefore === d.textAfter ? '' : ' (only the text differs: comments or layout)'}.</p>}
      <div className="diff-facts">
        {d.policiesAdded.length > 0 && <DiffList title="Policies added" items={d.policiesAdded} cls="added" />}
        {d.policiesRemoved.length > 0 && <DiffList title="Policies removed" items={d.policiesRemoved} cls="removed" />}
        {d.policiesChanged.map((p) => <Changes key={p.id} title={<>Policy <code>{p.id}</code> changed</>} changes={p.changes} />)}
        {d.parameters.length > 0 && (
          <Changes title="Parameters" changes={d.parameters.map((p) => ({ field: `${p.policy}.${p.name}`, before: p.before, after: p.after }))} />
        )}
        {d.approvals.length > 0 && <Changes title="Approvals" changes={d.approvals} />}
        {d.roster.added.length > 0 && <DiffList title="Reviewers added" items={d.roster.added.map(who)} cls="added" />}
        {d.roster.removed.length > 0 && <DiffList title="Reviewers removed" items={d.roster.removed.map(who)} cls="removed" />}
        {d.roster.changed.map((r) => <Changes key={r.fingerprint} title={<>Reviewer {r.name} changed</>} changes={r.changes} />)}
      </div>
      <h4>Text</h4>
      <ResourceDiff address={`contract revision ${d.from.revision} → ${d.to.revision}`} before={d.textBefore} after={d.textAfter} language="yaml" height={420} />
    </section>
  );
}

const who = (r: RosterEntryDto): string => `${r.name}${r.email ? ` <${r.email}>` : ''} (${r.roles.join(', ')}) ${r.fingerprint.slice(0, 19)}…`;

function DiffList(props: { readonly title: string; readonly items: readonly string[]; readonly cls: 'added' | 'removed' }) {
  return (
    <div className={`diff-block ${props.cls}`} role="group" aria-label={props.title}>
      <h4>{props.title}</h4>
      <ul>{props.items.map((i) => <li key={i}><code>{i}</code></li>)}</ul>
    </div>
  );
}

function Changes(props: { readonly title: React.ReactNode; readonly changes: readonly FieldChangeDto[] }) {
  return (
    <div className="diff-block changed">
      <h4>{props.title}</h4>
      <table className="field-changes">
        <thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
        <tbody>
          {props.changes.map((c) => (
            <tr key={c.field}><td><code>{c.field}</code></td><td><pre>{c.before}</pre></td><td><pre>{c.after}</pre></td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
