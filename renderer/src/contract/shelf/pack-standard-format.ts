/** The shelf's standard-version selector: when picking a version changes the contract's format. */

/**
 * Whether the saved revision is already countersign.dev/v5 (read from its apiVersion line; a
 * file that does not say it plainly counts as not v5, so the shelf's "writes countersign.dev/v5" note errs on the side of showing).
 */
export function savedIsV5(savedText: string): boolean {
  return /^apiVersion:[ \t]*(['"]?)countersign\.dev\/v5\1[ \t]*(#.*)?$/m.test(savedText);
}
