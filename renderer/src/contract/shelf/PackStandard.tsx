/**
 * The standard version a pack follows (countersign.dev/v5 `standard` on its extends entry), for
 * packs whose policies declare versions (the Pod Security Standards packs). Before the pack is
 * added it is the version "Add to draft" writes; once extended, a change is one setPackStandard
 * edit, and the impact panel replays the draft under it. `latest` writes nothing.
 */
import type { PackCardDto, PackStandardDto } from '../../../../electron/shared/api-types';

/** What the draft's entry follows: its `standard` as written, else latest. */
export function draftStandard(p: PackCardDto): string {
  return p.standardInDraft ?? 'latest';
}

function savedDiffers(p: PackCardDto): boolean {
  return p.inSaved !== null && p.inDraft !== null && (p.standardInSaved ?? 'latest') !== draftStandard(p);
}

export function PackStandard(props: {
  readonly pack: PackCardDto;
  readonly standard: PackStandardDto;
  /** The version shown: the draft's when extended, else the one "Add to draft" will write. */
  readonly value: string;
  readonly disabled: boolean;
  /** The saved revision is countersign.dev/v5 already: a version other than latest changes no format. */
  readonly savedV5: boolean;
  readonly onChange: (standard: string) => void;
}) {
  const { pack: p, standard, value } = props;
  // A hand-written value the pack does not declare is shown as it is, never as the nearest version.
  const unknown = value !== 'latest' && !standard.versions.includes(value);
  const id = `pack-standard-${p.name}`;
  return (
    <div className="pack-standard" data-testid={id}>
      <label htmlFor={`${id}-select`}>Standard version</label>
      <select id={`${id}-select`} value={value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}
        title="The version of the standard this pack's controls follow; controls that changed between versions (sysctls, host probes, SELinux types…) judge by it">
        <option value="latest">latest ({standard.latest})</option>
        {standard.versions.map((v) => <option key={v} value={v}>{v}</option>)}
        {unknown && <option value={value} disabled>{value} (not a version this pack follows)</option>}
      </select>
      {unknown && <span className="pack-standard-note deny-text" role="alert">The draft names {value}: pick a version this pack follows.</span>}
      {!unknown && savedDiffers(p) && <span className="pack-standard-note">saved: {p.standardInSaved ?? 'latest'}</span>}
      {/* Writing `standard` makes the contract v5, which a vendor's pipeline on an older CLI refuses: say so before it is saved. */}
      {!unknown && value !== 'latest' && !props.savedV5 && (
        <span className="pack-standard-note" data-testid={`${id}-format`}>writes countersign.dev/v5: vendors verify it with Countersign 0.6.0 or later</span>
      )}
    </div>
  );
}
