import { dataOf, write } from './contract-model';
import { upgradeToV3 } from './upgrade-v3';
import { setIn } from './write';

export const CONTRACT_V4 = 'countersign.dev/v4';

/**
 * Rewrites a v1–v3 contract as v4 in place, for an edit that writes a v4 field
 * (separationOfDuties, vendorSignature): first as v3 (upgradeToV3: v1's bare `extends` names
 * pinned), then the apiVersion value. Nothing else moves, so every other field means what it
 * meant; the digest changes (a v4 digest covers the new fields). A v4 contract, or a v5 one (v5
 * reads every v4 field), is returned as it is.
 */
export function upgradeToV4(text: string): string {
  const version = dataOf(text).apiVersion;
  if (version === CONTRACT_V4 || version === 'countersign.dev/v5') return text;
  return setIn(upgradeToV3(text), ['apiVersion'], CONTRACT_V4, write('apiVersion'));
}
