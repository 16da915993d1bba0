/**
 * Review one change set: header and summary, the filterable resource list, the selected
 * resource's diff and findings, and the Sign panel. The selected finding lives in the URL
 * (#/review/<digest>/<findingId>) so a reload or a shared link opens on the same finding.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FindingDto } from '../../../electron/shared/api-types';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { ApiError } from '../api/client';
import { hrefOf } from '../router';
import { KeyHint } from '../review/KeyHint';
import { ResourceDetailPanel } from '../review/ResourceDetailPanel';
import { ResourceFilters } from '../review/ResourceFilters';
import { ResourceList } from '../review/ResourceList';
import { ReviewHeader } from '../review/ReviewHeader';
import { ReviewSummary } from '../review/ReviewSummary';
import { filterOptions, filterRows, NO_FILTER } from '../review/resource-filter';
import type { ResourceFilter } from '../review/resource-filter';
import { useChangeSet, useResourceRows, useReviewFindings } from '../review/review-queries';
import { useFindingKeys } from '../review/use-finding-keys';
import { SignPanel } from './SignPanel';
import '../review/review.css';

const NO_FINDINGS: readonly FindingDto[] = [];

export function ReviewScreen(props: { readonly digest: string; readonly finding?: number; readonly resource?: number }) {
  const { digest, finding, resource } = props;
  const cs = useChangeSet(digest);
  const rows = useResourceRows(digest);
  const findingsQuery = useReviewFindings(digest);
  const findings = findingsQuery.data ?? NO_FINDINGS;
  const [filter, setFilter] = useState<ResourceFilter>(NO_FILTER);
  const [selected, setSelected] = useState<number | null>(null);

  const current = finding === undefined ? undefined : findings.find((f) => f.id === finding);
  // Replace, not push: stepping through 40 findings should not take 40 Back presses to leave.
  const openFinding = useCallback((f: FindingDto) => {
    window.location.replace(hrefOf({ screen: 'review', digest, finding: f.id }));
  }, [digest]);
  useFindingKeys(findings, finding, openFinding);

  // The URL's finding decides the selected resource; otherwise start on the first resource with findings.
  useEffect(() => {
    if (current) setSelected(current.resourceIndex);
  }, [current]);
  // A link to one resource (e.g. from the contract editor's impact table) opens on it.
  useEffect(() => {
    if (resource !== undefined && finding === undefined && rows.data?.some((r) => r.index === resource)) setSelected(resource);
  }, [resource, finding, rows.data]);
  useEffect(() => {
    if (selected !== null || finding !== undefined || !rows.data || rows.data.length === 0) return;
    if (resource !== undefined && rows.data.some((r) => r.index === resource)) return;
    setSelected(rows.data.find((r) => r.findingCount > 0)?.index ?? rows.data[0]!.index);
  }, [rows.data, selected, finding, resource]);

  const options = useMemo(() => filterOptions(rows.data ?? [], findings), [rows.data, findings]);
  const shown = useMemo(() => filterRows(rows.data ?? [], findings, filter), [rows.data, findings, filter]);

  const selectResource = (index: number) => {
    setSelected(index);
    if (current && current.resourceIndex !== index) window.location.replace(hrefOf({ screen: 'review', digest }));
  };

  if (cs.isPending) return <p role="status" className="hint">Loading change set…</p>;
  if (cs.isError) {
    const missing = cs.error instanceof ApiError && cs.error.code === 'not-found';
    return (
      <ErrorBox title={missing ? 'This change set is not in the workspace' : 'Cannot open this change set'} error={cs.error} onRetry={missing ? undefined : () => void cs.refetch()}>
        <p><a href={hrefOf({ screen: 'inbox' })}>Back to the inbox</a> to pick a change set or import it again.</p>
      </ErrorBox>
    );
  }

  return (
    <div className="review-screen">
      <p className="breadcrumb"><a href={hrefOf({ screen: 'inbox' })}>← Inbox</a></p>
      <ReviewHeader cs={cs.data} />
      <ReviewSummary cs={cs.data} />
      {finding !== undefined && findingsQuery.isSuccess && !current && (
        <ErrorBox title={`Finding ${finding} is not part of this change set's current evaluation`} error="It may have been re-evaluated under a newer contract. Pick a finding from the list.">
          <p><a href={hrefOf({ screen: 'review', digest })}>Show the change set without it</a></p>
        </ErrorBox>
      )}
      {findingsQuery.isError && <ErrorBox title="Cannot load the findings" error={findingsQuery.error} onRetry={() => void findingsQuery.refetch()} />}
      <KeyHint findingCount={findingsQuery.data ? findingsQuery.data.length : null} />
      <div className="review-body">
        <section className="review-resources" aria-label="Resource list">
          {rows.isPending && <p role="status" className="hint">Loading resources…</p>}
          {rows.isError && <ErrorBox title="Cannot load the resources" error={rows.error} onRetry={() => void rows.refetch()} />}
          {rows.data && (
            <>
              <ResourceFilters filter={filter} options={options} onChange={setFilter} shown={shown.length} total={rows.data.length} />
              {rows.data.length === 0 ? (
                <EmptyState title="This change set changes no resources">Nothing to review: approve it from the Sign panel, or reject it if resources were expected.</EmptyState>
              ) : shown.length === 0 ? (
                <EmptyState title="No resource matches these filters"><button type="button" onClick={() => setFilter(NO_FILTER)}>Clear filters</button></EmptyState>
              ) : (
                <ResourceList rows={shown} selected={selected} onSelect={selectResource} />
              )}
            </>
          )}
        </section>
        <div className="review-detail">
          {selected === null ? (
            <EmptyState title="No resource selected">Pick a resource in the list, or press j to jump to the first finding.</EmptyState>
          ) : (
            <ResourceDetailPanel digest={digest} index={selected} selectedFindingId={finding} onSelectFinding={(id) => {
              const f = findings.find((x) => x.id === id);
              if (f) openFinding(f);
            }} />
          )}
        </div>
        <div className="review-sign">
          <SignPanel digest={digest} selectedFindingId={finding} />
        </div>
      </div>
    </div>
  );
}
