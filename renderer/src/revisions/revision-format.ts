/** How revisions are listed and named (pure, unit-tested). */
export function newestFirst<R extends { readonly revision: number }>(revisions: readonly R[]): readonly R[] {
  return [...revisions].sort((a, b) => b.revision - a.revision);
}

/** The author's name without the key id the table shows separately (`Alice <sha256:…>` → `Alice`). */
export function authorName(author: string, keyId: string | null): string {
  const suffix = keyId ? ` <${keyId}>` : null;
  return suffix && author.endsWith(suffix) ? author.slice(0, -suffix.length) : author;
}

export const shortDigest = (d: string): string => (d.startsWith('sha256:') ? `${d.slice(7, 19)}…` : d);
