import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';

/**
 * The standard-version option of a pack (countersign.dev/v5 `extends: [{pack, version,
 * standard: v1.30}]`). A pack has the option when some of its policies declare the parameter
 * STANDARD_PARAM: the Kubernetes minor version of the Pod Security Standards they follow, an
 * integer with `min` (oldest version the pack follows) and `max` = `default` (what `latest`
 * means for this pack version). The range lives in the policies, so a frozen pack version keeps
 * the range it was released with.
 *
 * One option per pack, never per policy: the contract loader sets the parameter on every
 * policy of the pack that declares it and refuses it in `spec.parameters`.
 */
export const STANDARD_PARAM = 'standardMinor';

export interface StandardOption {
  readonly oldest: number;
  readonly latest: number;
}

/** The pack's option, or undefined. Policies of one pack that disagree on the range are a broken pack. */
export function standardOptionOf(pack: string, policies: readonly Policy[]): StandardOption | undefined {
  let option: StandardOption | undefined;
  for (const p of policies) {
    const decl = p.parameters[STANDARD_PARAM];
    if (!decl) continue;
    const own = { oldest: decl.min, latest: decl.max };
    if (decl.type !== 'integer' || own.oldest === undefined || own.latest === undefined || decl.default !== own.latest) {
      throw new InputError(p.definedAt.file, `policy "${p.id}" of pack "${pack}": parameter ${STANDARD_PARAM} must be an integer with min, max and default = max`, p.definedAt.line);
    }
    if (option && (option.oldest !== own.oldest || option.latest !== own.latest)) {
      throw new InputError(p.definedAt.file, `policy "${p.id}" of pack "${pack}": its ${STANDARD_PARAM} range differs from the pack's other policies`, p.definedAt.line);
    }
    option = own as StandardOption;
  }
  return option;
}

/** How a resolved version is written (pins, messages). */
export function standardName(minor: number): string {
  return `v1.${minor}`;
}

/**
 * `latest` or `v1.N` (N without leading zeros, within the pack's range) → N; anything else
 * (another case, a patch number, a number instead of a string) → a reason. Fail closed: a
 * version the pack does not know is never read as the nearest one.
 */
export function parseStandardVersion(value: unknown, option: StandardOption, packLabel: string): number | { readonly reason: string } {
  if (typeof value !== 'string') return { reason: `standard must be a string (latest or v1.N), got ${JSON.stringify(value)}` };
  const range = `latest or ${standardName(option.oldest)} … ${standardName(option.latest)}`;
  if (value === 'latest') return option.latest;
  const m = /^v1\.(0|[1-9]\d{0,3})$/.exec(value);
  const minor = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(minor) || minor < option.oldest || minor > option.latest) {
    return { reason: `standard ${JSON.stringify(value)} is not a Pod Security Standards version ${packLabel} follows: write ${range}${minor > option.latest ? ' (a newer version needs a newer version of the pack)' : ''}` };
  }
  return minor;
}
