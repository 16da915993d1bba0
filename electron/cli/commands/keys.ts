import { dirname, join } from 'node:path';
import { assertNoPersonalKey, createKey, exportKey, listKeys, resolveKeyId, revokeKey, rotateKey, trustKey } from '../../core/app';
import { printable } from '../../core/model/printable-text';
import type { TrustedKeyRole } from '../../core/store';
import { parseCommandArgs } from '../parse-args';
import { NEW_PASSPHRASE_ENV, readPassphrase } from './passphrase';
import { formatOf, HELP_OPTION, inWorkspace, need, needPositionals, printJson, readTextFile, subcommand, WORKSPACE_OPTION } from './workspace-option';
import { KEYS_HELP } from './workspace-help';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  name: { type: 'string' }, role: { type: 'string' }, format: { type: 'string', short: 'f' },
  'not-after': { type: 'string' }, out: { type: 'string' }, 'retire-others': { type: 'boolean' },
} as const;

/** `countersign keys create|list|export|trust|revoke|rotate` */
export async function keysCommand(args: readonly string[]): Promise<number> {
  const { sub, rest } = subcommand('keys', args, ['create', 'list', 'export', 'trust', 'revoke', 'rotate']);
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, 'keys');
  if (sub === 'help' || values.help) {
    process.stdout.write(KEYS_HELP);
    return 0;
  }
  switch (sub) {
    case 'create': {
      needPositionals(positionals, 0, '', 'keys create');
      const name = need(values.name, '--name NAME', 'keys create');
      const key = await inWorkspace(values.workspace, async (ws) => {
        // Refused before the passphrase is asked for: one personal key per workspace.
        assertNoPersonalKey(ws);
        const passphrase = await readPassphrase(`Passphrase for the new key "${printable(name)}": `, { confirm: true });
        return createKey(ws, { name, passphrase });
      });
      process.stdout.write(`${key.id}\n`);
      return 0;
    }
    case 'list': {
      needPositionals(positionals, 0, '', 'keys list');
      const keys = await inWorkspace(values.workspace, (ws) => listKeys(ws), { readonly: true });
      if (formatOf(values.format) === 'json') printJson(keys);
      else {
        const revoked = (at: string | null): string => (at ? `  REVOKED ${at}` : '');
        const lines = [
          ...keys.reviewer.map((k) => `own       ${k.id}  ${k.name}${revoked(k.revokedAt)}`),
          ...keys.trusted.map((k) => `${`trusted ${k.role === 'vendor' ? 'V' : k.role === 'contract-owner' ? 'O' : 'R'}`.padEnd(9)} ${k.fingerprint}  ${k.name}${revoked(k.revokedAt)}`),
        ];
        // Key names come from co-reviewers' files: escaped.
        process.stdout.write(lines.length === 0 ? "no keys (create one with 'countersign keys create --name NAME')\n" : `${lines.map(printable).join('\n')}\n`);
      }
      return 0;
    }
    case 'export': {
      const [id] = needPositionals(positionals, 1, 'a KEYID', 'keys export');
      const key = await inWorkspace(values.workspace, (ws) => exportKey(ws, id!), { readonly: true });
      process.stdout.write(key.pem.endsWith('\n') ? key.pem : `${key.pem}\n`);
      return 0;
    }
    case 'trust': {
      const [file] = needPositionals(positionals, 1, 'a public key FILE.pem', 'keys trust');
      const role = (values.role ?? 'reviewer') as TrustedKeyRole;
      const pem = readTextFile(file!);
      const r = await inWorkspace(values.workspace, (ws) => trustKey(ws, { pem, source: file!, ...(values.name ? { name: values.name } : {}), role }));
      process.stdout.write(`${r.key.fingerprint}\n`);
      process.stderr.write(`countersign: ${r.created ? 'trusted' : 'already trusted:'} ${r.key.role} key "${printable(r.key.name)}"\n`);
      return 0;
    }
    case 'rotate': {
      const [id] = needPositionals(positionals, 1, 'a KEYID', 'keys rotate');
      const format = formatOf(values.format);
      const r = await inWorkspace(values.workspace, async (ws) => {
        const keyId = resolveKeyId(ws, id!, 'own');
        const passphrase = await readPassphrase(`Passphrase of the key being replaced, ${keyId}: `);
        const newPassphrase = await readPassphrase('Passphrase for the new key: ', { confirm: true, env: NEW_PASSPHRASE_ENV });
        return rotateKey(ws, {
          keyId, passphrase, newPassphrase,
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values['not-after'] !== undefined ? { notAfter: values['not-after'] } : {}),
          ...(values['retire-others'] ? { retireOthers: true } : {}),
          // Publications go where the app writes them: the workspace's outbox, unless --out says otherwise.
          outboxDir: values.out ?? join(dirname(ws.path), 'outbox'),
        });
      });
      if (format === 'json') {
        printJson({ newKey: r.newKey.id, name: r.newKey.name, revoked: r.revoked, contracts: r.contracts });
        return 0;
      }
      process.stdout.write(`${r.newKey.id}\n`);
      const lines = [
        `revoked ${r.revoked.join(', ')}; new key "${r.newKey.name}" ${r.newKey.id}`,
        ...(r.contracts.length === 0 ? ['no contract roster lists the old key'] : r.contracts.map((c) => `contract ${c.contract}: ${c.message}`)),
      ];
      // Contract and key names come from files: escaped.
      process.stderr.write(lines.map((l) => `countersign: ${printable(l)}\n`).join(''));
      return 0;
    }
    default: {
      const [id] = needPositionals(positionals, 1, 'a KEYID', 'keys revoke');
      const r = await inWorkspace(values.workspace, (ws) => revokeKey(ws, id!));
      process.stdout.write(`revoked ${r.keyId} at ${r.revokedAt}\n`);
      return 0;
    }
  }
}

