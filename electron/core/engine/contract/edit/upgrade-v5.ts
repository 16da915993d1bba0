import { dataOf, write } from './contract-model';
import { upgradeToV4 } from './upgrade-v4';
import { setIn } from './write';

export const CONTRACT_V5 = 'countersign.dev/v5';

/**
 * Rewrites a v1–v4 contract as v5 in place, for an edit that writes a v5 field (a pack's
 * `standard` on its extends entry): first as v4 (upgradeToV4), then the apiVersion value. A v5
 * contract is returned as it is. The digest changes (a v5 pin names its standard version).
 */
export function upgradeToV5(text: string): string {
  if (dataOf(text).apiVersion === CONTRACT_V5) return text;
  return setIn(upgradeToV4(text), ['apiVersion'], CONTRACT_V5, write('apiVersion'));
}
