/**
 * Every policy of the contract (packs and own), virtualized so a contract with hundreds of
 * policies scrolls smoothly. Each row says what the policy does now: enforcement, severity,
 * enabled/shadow, parameters at a glance, how many stored change sets it flags, and whether
 * it is configured at all.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ContractPolicyDto } from '../../../electron/shared/api-types';
import { EmptyState } from '../components/EmptyState';
import { PolicyFilters } from './PolicyFilters';
import { NO_POLICY_FILTER, filterPolicies, isUnconfigured, sortPolicies } from './policy-filter';
import type { PolicyFilter } from './policy-filter';

const ROW_HEIGHT = 64;

function PolicyRow(props: { readonly p: ContractPolicyDto; readonly selected: boolean; readonly onSelect: (id: string) => void }) {
  const { p } = props;
  const pending = p.flaggedPending ?? p.affectedPending;
  const state = !p.enabled ? 'disabled' : p.shadow ? 'shadow' : 'enabled';
  return (
    <button
      type="button"
      className={`policy-row state-${state}${props.selected ? ' selected' : ''}`}
      aria-current={props.selected ? 'true' : undefined}
      data-testid={`policy-row-${p.id}`}
      onClick={() => props.onSelect(p.id)}
    >
      <span className="policy-row-main">
        <span className="policy-row-title" title={p.title}>{p.title}</span>
        <code className="policy-row-id">{p.id}</code>
        <span className="policy-row-origin">{p.pack ? `pack ${p.pack}` : 'own'}</span>
      </span>
      <span className="policy-row-facts">
        <span className={`badge ${p.enforcement}`}>{p.enforcement}</span>
        <span className="policy-row-severity">{p.severity}</span>
        <span className={`policy-state ${state}`}>{state}</span>
        {isUnconfigured(p) && <span className="badge unconfigured" data-testid={`unconfigured-${p.id}`}>not configured: allows everything</span>}
        <span className="policy-row-params" title={p.paramsSummary}>{p.paramsSummary ?? (p.params?.length ? `${p.params.length} parameters` : '')}</span>
        <span className="policy-row-flagged" data-testid={`flagged-${p.id}`}>
          flags {pending} pending{p.flaggedPast !== undefined ? ` · ${p.flaggedPast} past` : ''}
        </span>
      </span>
    </button>
  );
}

export function PolicyList(props: { readonly policies: readonly ContractPolicyDto[]; readonly selected?: string; readonly onSelect: (id: string) => void }) {
  const [filter, setFilter] = useState<PolicyFilter>(NO_POLICY_FILTER);
  const shown = useMemo(() => sortPolicies(filterPolicies(props.policies, filter)), [props.policies, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const position = props.selected === undefined ? -1 : shown.findIndex((p) => p.id === props.selected);
  // A deep link (or a click elsewhere) to a policy brings its row into view.
  useEffect(() => {
    if (position >= 0) virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, virtualizer]);
  // ArrowUp/ArrowDown/Home/End move the focus between rows (Enter opens one): the rows are
  // virtualized, so the target row is scrolled into the DOM before it takes the focus.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-testid^="policy-row-"]');
    if (!current || shown.length === 0) return;
    const at = shown.findIndex((p) => `policy-row-${p.id}` === current.dataset.testid);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: shown.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const index = Math.min(shown.length - 1, Math.max(0, target));
    const id = shown[index]!.id;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-testid="policy-row-${CSS.escape(id)}"]`)?.focus());
  };
  if (props.policies.length === 0) {
    return <EmptyState title="This contract has no policies">Every change set passes. Add an own policy or extend a pack.</EmptyState>;
  }
  return (
    <>
      <PolicyFilters filter={filter} onChange={setFilter} shown={shown.length} total={props.policies.length} />
      <div ref={scrollRef} className="policy-list" role="list" aria-label="Policies" data-testid="policy-list" onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const p = shown[item.index]!;
            return (
              <div key={p.id} role="listitem" className="policy-list-item" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                <PolicyRow p={p} selected={p.id === props.selected} onSelect={props.onSelect} />
              </div>
            );
          })}
        </div>
      </div>
      {shown.length === 0 && <p className="hint" role="status">No policy matches these filters.</p>}
    </>
  );
}
