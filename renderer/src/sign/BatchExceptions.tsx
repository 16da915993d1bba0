/**
 * The Sign panel's exception request: pick findings (FindingPicker), see exactly what one
 * exception will waive, sign it once. The finding selected in the Review screen is picked when
 * nothing else is (and it can be waived).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ExceptionDto, FindingDto, ReviewerKeyDto } from '../../../electron/shared/api-types';
import { ExceptionRequestForm } from './ExceptionRequestForm';
import { FindingPicker, notWaivable, pickKey } from './FindingPicker';
import type { Pick } from './FindingPicker';

export function BatchExceptions(props: {
  readonly digest: string;
  readonly findings: readonly FindingDto[];
  readonly selectedFindingId?: number;
  readonly maxExceptionDays: number;
  readonly keys: readonly ReviewerKeyDto[];
  readonly onRequested: (e: ExceptionDto) => void;
}) {
  const { findings, selectedFindingId } = props;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const f = findings.find((x) => x.id === selectedFindingId);
    if (f && notWaivable(f) === null) setSelected((s) => (s.size === 0 ? new Set([pickKey(f)]) : s));
  }, [findings, selectedFindingId]);
  // Only picks that are still findings of this change set (a refresh may have waived some).
  const picks = useMemo<readonly Pick[]>(() => {
    const byKey = new Map(findings.filter((f) => notWaivable(f) === null).map((f) => [pickKey(f), { policy: f.policy, address: f.address }]));
    return [...selected].flatMap((k) => byKey.get(k) ?? []);
  }, [findings, selected]);
  return (
    <>
      <FindingPicker digest={props.digest} findings={findings} selected={selected} onChange={setSelected} />
      <ExceptionRequestForm digest={props.digest} picks={picks} maxExceptionDays={props.maxExceptionDays} keys={props.keys}
        onRequested={(e) => { setSelected(new Set()); props.onRequested(e); }} />
    </>
  );
}
