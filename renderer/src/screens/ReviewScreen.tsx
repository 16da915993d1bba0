/**
 * Review one change set: header and summary, the searchable, filterable, sortable resource list
 * with "Viewed" marks and progress, the selected resource's diff and findings, and the Sign
 * panel. The selected finding and the list's search, filters and sort live in the URL
 * (#/review/<digest>/<findingId>?q=…&category=…&sort=…) so a reload or a shared link opens on
 * the same view.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FindingDto, ResourceRow } from '../../../electron/shared/api-types';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { ApiError } from '../api/client';
import { hrefOf, useRoute } from '../router';
import { KeyHint } from '../review/KeyHint';
import { ResourceDetailPanel } from '../review/ResourceDetailPanel';
import { ResourceFilters } from '../review/ResourceFilters';
import { ResourceList } from '../review/ResourceList';
import { ReviewHeader } from '../review/ReviewHeader';
import { ReviewSummary } from '../review/ReviewSummary';
import { SelectedResourceBar } from '../review/SelectedResourceBar';
import { ShortcutsOverlay } from '../review/ShortcutsOverlay';
import { ViewedProgress } from '../review/ViewedProgress';
import { applyFilter, filterFromParams, filterToParams, indexRows, nextUnviewed, NO_FILTER, sortRows } from '../review/resource-filter';
import type { ResourceFilter, SortKey } from '../review/resource-filter';
import { useChangeSet, useFirstResourceRows, useResourceRows, useReviewFindings, useSetViewed, useViewed } from '../review/review-queries';
import { useFindingKeys } from '../review/use-finding-keys';
import { useReviewKeys } from '../review/use-review-keys';
import { useQuorum } from '../sign/sign-queries';
import { SignPanel } from './SignPanel';
import '../review/review.css';

const NO_FINDINGS: readonly FindingDto[] = [];
const NO_ROWS: readonly ResourceRow[] = [];
const NOTHING_VIEWED: ReadonlySet<number> = new Set();

const paramsKey = (params: Readonly<Record<string, string>>) => new URLSearchParams(Object.entries(params).sort()).toString();

export function ReviewScreen(props: { readonly digest: string; readonly finding?: number; readonly resource?: number }) {
  const { digest, finding, resource } = props;
  const route = useRoute();
  const urlParams = route.screen === 'review' ? route.params ?? {} : {};
  const client = useQueryClient();
  // Asked first (the host answers in order): a few rows to paint while the whole list loads.
  const firstRows = useFirstResourceRows(digest, client.getQueryData(['listResources', digest]) === undefined);
  const cs = useChangeSet(digest);
  const rows = useResourceRows(digest);
  const findingsQuery = useReviewFindings(digest);
  const quorum = useQuorum(digest);
  const viewedQuery = useViewed(digest);
  const setViewed = useSetViewed(digest);
  const findings = findingsQuery.data ?? NO_FINDINGS;
  const allRows = rows.data ?? NO_ROWS;
  const [selected, setSelected] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<'review' | 'sign' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // The list's view: kept here while typing (the URL is written as it changes), and taken from
  // the URL when that changes on its own (back/forward, a pasted link).
  const [view, setView] = useState(() => filterFromParams(urlParams));
  const urlKey = paramsKey(urlParams);
  useEffect(() => {
    setView((v) => (paramsKey(filterToParams(v.filter, v.sort)) === urlKey ? v : filterFromParams(Object.fromEntries(new URLSearchParams(urlKey)))));
  }, [urlKey]);
  const writeUrl = useCallback((next: { readonly finding?: number; readonly filter: ResourceFilter; readonly sort: SortKey }) => {
    // Replace, not push: typing a search or stepping through 40 findings should not take 40 Back presses to leave.
    window.location.replace(hrefOf({
      screen: 'review', digest, ...(next.finding !== undefined ? { finding: next.finding } : {}), params: filterToParams(next.filter, next.sort),
    }));
  }, [digest]);
  const changeView = (filter: ResourceFilter, sort: SortKey) => {
    setView({ filter, sort });
    writeUrl({ ...(finding !== undefined ? { finding } : {}), filter, sort });
  };

  const current = finding === undefined ? undefined : findings.find((f) => f.id === finding);
  // Stable across filter changes (the view is read when a finding opens), so the detail and
  // Sign panels below are not rendered again for every keystroke in the search.
  const viewRef = useRef(view);
  viewRef.current = view;
  const openFinding = useCallback((f: FindingDto) => {
    writeUrl({ finding: f.id, filter: viewRef.current.filter, sort: viewRef.current.sort });
  }, [writeUrl]);
  const findingsRef = useRef(findings);
  findingsRef.current = findings;
  const onSelectFinding = useCallback((id: number) => {
    const f = findingsRef.current.find((x) => x.id === id);
    if (f) openFinding(f);
  }, [openFinding]);
  const detailPanel = useMemo(() => (selected === null ? null : (
    <ResourceDetailPanel digest={digest} index={selected} selectedFindingId={finding} onSelectFinding={onSelectFinding} />
  )), [digest, selected, finding, onSelectFinding]);
  const signPanel = useMemo(() => <SignPanel digest={digest} selectedFindingId={finding} />, [digest, finding]);
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

  const viewed = useMemo(() => (viewedQuery.data ? new Set(viewedQuery.data.indexes) : NOTHING_VIEWED), [viewedQuery.data]);
  // Typing stays responsive on 15k rows: the list follows the deferred view.
  const deferredView = useDeferredValue(view);
  const index = useMemo(() => indexRows(allRows, findings), [allRows, findings]);
  const filtered = useMemo(() => applyFilter(index, deferredView.filter, viewed), [index, deferredView.filter, viewed]);
  const shown = useMemo(() => sortRows(filtered.shown, deferredView.sort), [filtered.shown, deferredView.sort]);
  const selectedRow = selected === null ? undefined : allRows[selected]?.index === selected ? allRows[selected] : allRows.find((r) => r.index === selected);

  const selectResource = (i: number) => {
    setSelected(i);
    if (current && current.resourceIndex !== i) writeUrl({ filter: view.filter, sort: view.sort });
  };
  const toggleViewed = (i: number) => setViewed.mutate({ indexes: [i], viewed: !viewed.has(i) });
  const goNextUnviewed = () => {
    const next = nextUnviewed(shown, viewed, selected);
    if (next) selectResource(next.index);
  };
  useReviewKeys({
    nextUnviewed: goNextUnviewed,
    toggleViewed: () => { if (selected !== null) toggleViewed(selected); },
    focusSearch: () => searchRef.current?.focus(),
    showShortcuts: () => setOverlay('review'),
  }, overlay === null && cs.isSuccess);

  if (cs.isPending) return <p role="status" className="hint">Loading change set…</p>;
  if (cs.isError) {
    const missing = cs.error instanceof ApiError && cs.error.code === 'not-found';
    return (
      <ErrorBox title={missing ? 'This change set is not in the workspace' : 'Cannot open this change set'} error={cs.error} onRetry={missing ? undefined : () => void cs.refetch()}>
        <p><a href={hrefOf({ screen: 'inbox' })}>Back to the inbox</a> to pick a change set or import it again.</p>
      </ErrorBox>
    );
  }

  const viewedCount = viewedQuery.data?.indexes.length ?? 0;
  return (
    <div className="review-screen">
      <p className="breadcrumb"><a href={hrefOf({ screen: 'inbox' })}>← Inbox</a></p>
      <ReviewHeader cs={cs.data} />
      <ReviewSummary cs={cs.data} {...(rows.data ? { rows: rows.data } : {})} {...(findingsQuery.data ? { findings: findingsQuery.data } : {})}
        approvedByQuorum={quorum.data?.state === 'approved'} />
      {finding !== undefined && findingsQuery.isSuccess && !current && (
        <ErrorBox title={`Finding ${finding} is not part of this change set's current evaluation`} error="It may have been re-evaluated under a newer contract. Pick a finding from the list.">
          <p><a href={hrefOf({ screen: 'review', digest })}>Show the change set without it</a></p>
        </ErrorBox>
      )}
      {findingsQuery.isError && <ErrorBox title="Cannot load the findings" error={findingsQuery.error} onRetry={() => void findingsQuery.refetch()} />}
      {setViewed.isError && <ErrorBox title="Cannot save the Viewed mark" error={setViewed.error} />}
      <KeyHint findingCount={findingsQuery.data ? findingsQuery.data.length : null} onShowAll={() => setOverlay('review')} />
      <div className="review-body">
        <section className="review-resources" aria-label="Resource list">
          {rows.isPending && !firstRows.data && <p role="status" className="hint">Loading resources…</p>}
          {rows.isPending && firstRows.data && firstRows.data.length > 0 && (
            <>
              <p role="status" className="hint">Showing the first {firstRows.data.length} resources; search, filters and the rest are loading…</p>
              <ResourceList rows={firstRows.data} selected={selected} onSelect={selectResource} viewed={viewed} onToggleViewed={toggleViewed} />
            </>
          )}
          {rows.isError && <ErrorBox title="Cannot load the resources" error={rows.error} onRetry={() => void rows.refetch()} />}
          {rows.data && (
            <>
              <ResourceFilters filter={view.filter} counts={filtered.counts} sort={view.sort} onChange={(f) => changeView(f, view.sort)}
                onSort={(s) => changeView(view.filter, s)} shown={shown.length} total={rows.data.length} searchRef={searchRef} />
              <ViewedProgress viewed={viewedCount} total={rows.data.length} onNext={goNextUnviewed} allViewed={viewedCount >= rows.data.length} />
              {rows.data.length === 0 ? (
                <EmptyState title="This change set changes no resources">Nothing to review: approve it from the Sign panel, or reject it if resources were expected.</EmptyState>
              ) : shown.length === 0 ? (
                <EmptyState title="No resource matches these filters"><button type="button" onClick={() => changeView(NO_FILTER, view.sort)}>Clear filters</button></EmptyState>
              ) : (
                <ResourceList rows={shown} selected={selected} onSelect={selectResource} viewed={viewed} onToggleViewed={toggleViewed} />
              )}
            </>
          )}
        </section>
        <div className="review-detail">
          {selected === null ? (
            <EmptyState title="No resource selected">Pick a resource in the list, or press j to jump to the first finding.</EmptyState>
          ) : (
            <>
              {selectedRow && <SelectedResourceBar row={selectedRow} viewed={viewed.has(selectedRow.index)} onToggle={() => toggleViewed(selectedRow.index)} />}
              {detailPanel}
            </>
          )}
        </div>
        <div className="review-sign">
          <p className="sign-shortcuts"><button type="button" className="link-button" onClick={() => setOverlay('sign')} aria-haspopup="dialog"><kbd>?</kbd> Sign panel shortcuts</button></p>
          {signPanel}
        </div>
      </div>
      {overlay !== null && <ShortcutsOverlay focus={overlay} onClose={() => setOverlay(null)} />}
    </div>
  );
}
