/**
 * The change set's resources as a virtualized listbox: only the visible rows are in the DOM,
 * so 15k resources scroll as smoothly as 50. ArrowUp/ArrowDown/Home/End move the selection
 * while the list has focus (aria-activedescendant keeps screen readers in step).
 *
 * Scrolling keeps each frame short (issue 11: no frame over 50 ms at 15k rows): the row
 * elements are reused, keyed by their slot in the rendered window (index modulo the most rows
 * the viewport can show), so a scroll changes the text of existing rows instead of removing
 * and creating elements (and their React fibers, styles and layout objects); and a small
 * overscan keeps the window to the visible rows plus four on each side.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { ResourceRow } from '../../../electron/shared/api-types';
import { MiddleEllipsis } from '../components/MiddleEllipsis';
import { visibleName } from '../sign/format';
import { shownAddress } from './shown-address';

const ROW_HEIGHT = 30;
/** Rows kept beyond each edge of the viewport. */
const OVERSCAN = 4;

const rowId = (index: number) => `resource-row-${index}`;

export { shownAddress };

export function ResourceList(props: {
  readonly rows: readonly ResourceRow[];
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
  readonly viewed: ReadonlySet<number>;
  readonly onToggleViewed: (index: number) => void;
}) {
  const { rows, selected, onSelect, viewed, onToggleViewed } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const position = selected === null ? -1 : rows.findIndex((r) => r.index === selected);

  // Keep the selected row visible when it changes from elsewhere (finding keys, the URL).
  useEffect(() => {
    if (position >= 0) virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: rows.length - 1,
      PageDown: position + page, PageUp: position - page,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const clamped = Math.min(rows.length - 1, Math.max(0, position < 0 && e.key === 'ArrowUp' ? 0 : target));
    onSelect(rows[clamped]!.index);
  };

  const focusList = () => scrollRef.current?.focus({ preventScroll: true });
  const items = virtualizer.getVirtualItems();
  // Rows in view are contiguous, so index % slots is unique among them and stays with a row
  // while it is in view; a row that scrolls in takes the element of the one that scrolled out.
  // The modulus is the most rows the viewport can show (not how many it shows now, which moves
  // by one with the scroll's phase: every key would then change owner).
  const slots = Math.max(items.length, Math.ceil((virtualizer.scrollRect?.height ?? 0) / ROW_HEIGHT) + 2 * OVERSCAN + 2);
  return (
    <div
      ref={scrollRef}
      className="resource-list"
      role="listbox"
      aria-label="Resources"
      tabIndex={0}
      aria-activedescendant={position >= 0 ? rowId(rows[position]!.index) : undefined}
      onKeyDown={onKeyDown}
      data-testid="resource-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const r = rows[item.index]!;
          return (
            <div
              key={item.index % slots}
              id={rowId(r.index)}
              role="option"
              aria-selected={r.index === selected}
              className="resource-row"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(r.index)}
              title={`${shownAddress(r)} (${r.type}, ${r.source}; ${r.file}:${r.line})`}
              data-viewed={viewed.has(r.index) ? 'true' : 'false'}
            >
              <input
                type="checkbox"
                className="viewed-box"
                checked={viewed.has(r.index)}
                aria-label={`Viewed ${shownAddress(r)}`}
                tabIndex={-1}
                // Focus stays on the list (its arrow keys and shortcuts), never on a box a scroll
                // gives to another resource: a click does not take it, and a screen reader's
                // activation (no mousedown) hands it back.
                onMouseDown={(e) => { e.preventDefault(); focusList(); }}
                onFocus={focusList}
                onClick={(e) => e.stopPropagation()}
                onChange={() => onToggleViewed(r.index)}
              />
              <span className={`action-chip action-${r.category}`}>{r.category}</span>
              <span className="address" title={visibleName(r.address)}><MiddleEllipsis text={visibleName(r.address)} /></span>
              {r.disambiguator !== '' && <span className="disambiguator" title="The same address appears more than once: this tells them apart">{r.disambiguator}</span>}
              {r.findingCount > 0 && (
                <span className={`finding-count worst-${r.worst ?? 'advisory'}`} aria-label={`${r.findingCount} findings, worst: ${r.worst}${r.waivedCount > 0 ? `, ${r.waivedCount} waived` : ''}`}>
                  {r.findingCount}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
