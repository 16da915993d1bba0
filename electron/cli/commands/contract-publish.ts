import { publishContract } from '../../core/app';
import { latestRevision } from '../../core/app/current-contract';
import { InputError, UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { readPassphrase } from './passphrase';
import { inWorkspace, need, printJson } from './workspace-option';

export interface PublishOptions {
  readonly workspace?: string | undefined;
  readonly key?: readonly string[] | undefined;
  readonly 'not-after'?: string | undefined;
  readonly revision?: number | undefined;
  readonly out?: string | undefined;
  readonly format: 'text' | 'json';
}

/**
 * `countersign contract publish --key KEYID [--key KEYID…] --not-after TIME [--revision N] --out DIR`:
 * signs revision N (default: the latest) of the current contract as published, with each key
 * (a contract-owner of that revision's roster), and writes the contract YAML and its
 * publication into DIR for the vendor. Passphrases as every signing command reads them.
 */
export async function contractPublish(values: PublishOptions): Promise<number> {
  const keys = values.key ?? [];
  if (keys.length === 0) throw new UsageError("contract publish needs --key KEYID (a contract-owner key of the revision's roster; see 'countersign contract --help')");
  const notAfter = need(values['not-after'], '--not-after ISO-TIME', 'contract publish');
  const out = need(values.out, '--out DIR', 'contract publish');
  const r = await inWorkspace(values.workspace, async (ws) => {
    const latest = latestRevision(ws);
    if (!latest) throw new InputError(ws.path, 'the workspace holds no contract to publish (countersign contract import FILE)');
    const signers: { keyId: string; passphrase: string }[] = [];
    for (const keyId of keys) signers.push({ keyId, passphrase: await readPassphrase(`Passphrase for key ${keyId}: `) });
    return publishContract(ws, { contract: latest.contract, revision: values.revision ?? latest.revision, signers, notAfter, outboxDir: out });
  });
  if (values.format === 'json') {
    printJson({ contract: r.revision.contract, revision: r.revision.revision, digest: r.revision.digest, notAfter: r.notAfter, signers: r.signers, files: r.paths });
    return 0;
  }
  process.stdout.write(r.paths.map((p) => `${printable(p)}\n`).join(''));
  process.stderr.write(`countersign: published ${printable(r.revision.contract)} revision ${r.revision.revision} (${r.revision.digest}), valid until ${r.notAfter}, signed by ${r.signers.join(', ')}\n`);
  return 0;
}
