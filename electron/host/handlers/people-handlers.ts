/** Issue 10 (people): one personal key per person, rotate. */
import { rotateKey } from '../../core/app';
import { reviewerKeyDto } from '../../core/app/review';
import type { ApiHandlers } from '../api-handlers';
import type { AppContext } from '../app-context';

export function peopleHandlers(ctx: AppContext): Pick<ApiHandlers, 'rotateKey'> {
  return {
    rotateKey: async ({ keyId, passphrase, newPassphrase, name, notAfter, retireOthers }) => {
      const r = await rotateKey(ctx.ws, {
        keyId, passphrase, newPassphrase, outboxDir: ctx.outboxDir,
        ...(name !== undefined ? { name } : {}), ...(notAfter !== undefined ? { notAfter } : {}), ...(retireOthers ? { retireOthers } : {}),
      });
      return { newKey: reviewerKeyDto(r.newKey), revoked: r.revoked, contracts: r.contracts };
    },
  };
}
