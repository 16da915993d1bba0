import { z } from 'zod';

/** How much scrypt a reader lets a file ask for before the file is authenticated. */
export interface ScryptLimits {
  /** Bound on N·r: memory is 128·N·r bytes. */
  readonly maxNR: number;
  /** Bound on N·r·p: the work. */
  readonly maxNRP: number;
}

/**
 * The scrypt parameters a passphrase-encrypted file states (a private key file, a workspace
 * backup), as its reader accepts them: N a power of two in [2^15, 2^20], r in [8, 16], p in
 * [1, 4], and memory and work bounded together. Each bound alone still allows N = 2^20 with
 * r = 16 and p = 4 (2 GiB and about a minute of CPU) before the file's check value can tell a
 * forged header, so the limits are set by each reader at about twice what it writes.
 */
export function scryptCostSchema(salt: z.ZodType<string>, limits: ScryptLimits, options: { readonly strict: boolean }) {
  const fields = z.object({
    name: z.literal('scrypt'),
    N: z.number().int().refine((n) => n >= 2 ** 15 && n <= 2 ** 20 && (n & (n - 1)) === 0, 'N must be a power of two in [2^15, 2^20]'),
    r: z.number().int().min(8).max(16),
    p: z.number().int().min(1).max(4),
    salt,
  });
  return (options.strict ? fields.strict() : fields)
    .refine((k) => k.N * k.r <= limits.maxNR, `scrypt memory 128·N·r must be at most ${(128 * limits.maxNR) / 2 ** 20} MiB`)
    .refine((k) => k.N * k.r * k.p <= limits.maxNRP, `scrypt work N·r·p must be at most 2^${Math.log2(limits.maxNRP)}`);
}
