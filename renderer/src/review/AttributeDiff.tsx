/**
 * The attribute-level diff (HCP Terraform's run page style): changed attributes only, each
 * before → after, nested maps and lists as indented levels, "N unchanged attributes" folded
 * per level, masked and unknown values labelled. The row of the selected finding's field is
 * marked (class diff-blamed); the folded level holding it opens by itself.
 */
import { useEffect, useState } from 'react';
import type { AttributeDiffNodeDto, DiffValueDto, FieldPathDto } from '../../../electron/shared/api-types';
import { CHANGE_SIGN, expandable, foldNullAdds, holdsRow, keyLabel, opensByItself, preview, rowCount, samePath } from './attribute-diff-view';

/** Above this many characters (both sides), before and after go on two lines. */
const LONG_PAIR = 80;

function Value(props: { readonly value: DiffValueDto | undefined }) {
  const [all, setAll] = useState(false);
  const v = props.value;
  if (!v) return null;
  if (v.mark) return <span className={`diff-value diff-${v.mark}`}>{v.text}</span>;
  const p = preview(v.text);
  return (
    <span className="diff-value">
      <code>{all ? v.text : p.text}</code>
      {p.cut && <button type="button" className="link-button" onClick={() => setAll(!all)}>{all ? 'show less' : `show all ${v.text.length} characters`}</button>}
    </span>
  );
}

/** What changed on a leaf row, in one box that takes the rest of the row and wraps inside it. */
function Change(props: { readonly node: AttributeDiffNodeDto }) {
  const { node } = props;
  switch (node.change) {
    case 'added': return <span className="diff-inline"><Value value={node.after} /></span>;
    case 'removed': return <span className="diff-inline"><Value value={node.before} /></span>;
    case 'unchanged': return <span className="diff-inline"><Value value={node.after} /></span>;
    case 'moved':
      return <span className="diff-inline"><span className="diff-note">moved from [{node.beforeIndex}] to [{node.afterIndex}], otherwise equal:</span> <Value value={node.after} /></span>;
    case 'masked':
      return <span className="diff-inline"><Value value={node.after} /> <span className="hint">masked on both sides: whether it changed cannot be shown</span></span>;
    case 'changed':
      // Long values read better one above the other, as a unified diff shows them.
      if ((node.before?.text.length ?? 0) + (node.after?.text.length ?? 0) > LONG_PAIR) {
        return (
          <span className="diff-pair">
            <span className="diff-old"><span aria-hidden="true">− </span><Value value={node.before} /></span>
            <span className="diff-new"><span aria-hidden="true">+ </span><Value value={node.after} /></span>
          </span>
        );
      }
      return <span className="diff-inline"><Value value={node.before} /> <span className="diff-arrow" aria-label="becomes">→</span> <Value value={node.after} /></span>;
  }
}

/** A folded group of rows ("N unchanged attributes"), opened on click or when it holds the highlighted row. */
function Folded(props: { readonly nodes: readonly AttributeDiffNodeDto[]; readonly label: string; readonly open: boolean; readonly row: FieldPathDto | null }) {
  const [open, setOpen] = useState(props.open);
  useEffect(() => { if (props.open) setOpen(true); }, [props.open]);
  if (props.nodes.length === 0) return null;
  return (
    <li className="diff-folded">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'} {props.nodes.length} {props.label}
      </button>
      {open && <ul className="diff-level">{props.nodes.map((n) => <Row key={String(n.key)} node={n} row={props.row} />)}</ul>}
    </li>
  );
}

function Row(props: { readonly node: AttributeDiffNodeDto; readonly row: FieldPathDto | null }) {
  const { node, row } = props;
  // Not scrolled into view by itself: selecting a finding must not pull the card away from the
  // reader. The card's "Show in the diff" button scrolls here.
  const highlighted = row !== null && samePath(node.path, row);
  const [open, setOpen] = useState(() => opensByItself(node, row));
  useEffect(() => { if (opensByItself(node, row)) setOpen(true); }, [node, row]);
  const { shown, nulls } = node.change === 'added' ? foldNullAdds(node.children ?? []) : { shown: [...(node.children ?? [])], nulls: [] };
  return (
    <li className={`diff-row diff-${node.change}${highlighted ? ' diff-blamed' : ''}`} data-path={JSON.stringify(node.path)} aria-current={highlighted ? 'true' : undefined} tabIndex={highlighted ? -1 : undefined}>
      <div className="diff-line">
        <span className="diff-sign" aria-hidden="true">{CHANGE_SIGN[node.change]}</span>
        <span className="diff-key">{keyLabel(node)}</span>
        {highlighted && <span className="diff-blame-label">finding&apos;s field</span>}
        {!node.container && <span className="diff-eq">=</span>}
        {node.matchedBy === 'name' && <span className="diff-note">matched by name</span>}
        {node.container && node.beforeIndex !== undefined && node.afterIndex !== undefined && node.beforeIndex !== node.afterIndex && (
          <span className="diff-note">was at [{node.beforeIndex}]</span>
        )}
        {node.container && node.before && <span className="diff-inline"><span className="diff-note">was</span> <Value value={node.before} /></span>}
        {!node.container && <Change node={node} />}
        {expandable(node) && !open && (
          <button type="button" className="link-button" aria-expanded={false} onClick={() => setOpen(true)}>Show its {rowCount(node)} attributes</button>
        )}
      </div>
      {expandable(node) && open && (
        <ul className="diff-level">
          {shown.map((c) => <Row key={String(c.key)} node={c} row={row} />)}
          <Folded nodes={nulls} label={nulls.length === 1 ? 'null attribute' : 'null attributes'} open={holdsRow(nulls, row)} row={row} />
          <Folded nodes={node.unchanged ?? []} label={(node.unchanged?.length ?? 0) === 1 ? 'unchanged attribute' : 'unchanged attributes'} open={holdsRow(node.unchanged ?? [], row)} row={row} />
        </ul>
      )}
    </li>
  );
}

export function AttributeDiff(props: { readonly root: AttributeDiffNodeDto; readonly row: FieldPathDto | null; readonly address: string }) {
  const { root, row } = props;
  if (!root.container) {
    // One side is not a map (an output, a scalar resource): one row for the whole value.
    return <ul className="attribute-diff" aria-label={`Changed attributes of ${props.address}`}><Row node={root} row={row} /></ul>;
  }
  const { shown, nulls } = root.change === 'added' ? foldNullAdds(root.children ?? []) : { shown: [...(root.children ?? [])], nulls: [] };
  const unchanged = root.unchanged ?? [];
  return (
    <ul className="attribute-diff" aria-label={`Changed attributes of ${props.address}`}>
      {shown.length === 0 && nulls.length === 0 && <li className="hint">No attribute changes.</li>}
      {shown.map((c) => <Row key={String(c.key)} node={c} row={row} />)}
      <Folded nodes={nulls} label={nulls.length === 1 ? 'null attribute' : 'null attributes'} open={holdsRow(nulls, row)} row={row} />
      <Folded nodes={unchanged} label={unchanged.length === 1 ? 'unchanged attribute' : 'unchanged attributes'} open={holdsRow(unchanged, row)} row={row} />
    </ul>
  );
}
