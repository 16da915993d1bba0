import type { ResourceRow } from '../../../electron/shared/api-types';
import { visibleName } from '../sign/format';

/** The address as the list, the detail header and finding cards show it: with what tells it apart when it repeats. */
export function shownAddress(r: Pick<ResourceRow, 'address' | 'disambiguator'>): string {
  // Vendor-written: hidden characters escaped (a bidi override could make it read as another address).
  return visibleName(r.disambiguator === '' ? r.address : `${r.address} (${r.disambiguator})`);
}
