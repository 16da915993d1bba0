import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { CelFunctionError, quote } from '../function-error';

/** An address range as inclusive integer bounds, so containment and overlap are comparisons. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly prefix: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    // No leading zeros: some tools read them as octal, so their meaning is ambiguous.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseHexGroups(s: string): bigint[] | undefined {
  if (s === '') return [];
  const out: bigint[] = [];
  const parts = s.split(':');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIPv4(p);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
      out.push(BigInt(parseInt(p, 16)));
    } else {
      return undefined;
    }
  }
  return out;
}

function parseIPv6(s: string): bigint | undefined {
  const zone = s.indexOf('%');
  const addr = zone >= 0 ? s.slice(0, zone) : s;
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHexGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return groups.reduce((n, g) => (n << 16n) | g, 0n);
}

/** Parses `a.b.c.d/n`, `x::y/n`, or a bare address (a single-address range). Invalid → error. */
export function parseRange(text: string): AddressRange {
  if (typeof text !== 'string' || text.length > 100) throw new CelFunctionError(`invalid CIDR ${quote(text)}`);
  const s = text.trim();
  const slash = s.indexOf('/');
  const addrText = slash >= 0 ? s.slice(0, slash) : s;
  const family: 4 | 6 = addrText.includes(':') ? 6 : 4;
  const addr = family === 4 ? parseIPv4(addrText) : parseIPv6(addrText);
  const bits = family === 4 ? 32 : 128;
  const prefixText = slash >= 0 ? s.slice(slash + 1) : String(bits);
  if (addr === undefined || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new CelFunctionError(`invalid CIDR ${quote(text)}`);
  }
  const prefix = Number(prefixText);
  const hostBits = BigInt(bits - prefix);
  const lo = (addr >> hostBits) << hostBits; // host bits written in the CIDR are ignored, like the cloud APIs do
  return { family, lo, hi: lo + (1n << hostBits) - 1n, prefix };
}

type Interval = readonly [bigint, bigint];

function cidrInterval(cidr: string): Interval {
  const r = parseRange(cidr);
  return [r.lo, r.hi];
}

/** `within` minus `holes`, as sorted disjoint intervals. */
function subtract(within: Interval, holes: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let start = within[0];
  for (const [lo, hi] of [...holes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (hi < start || lo > within[1]) continue;
    if (lo > start) out.push([start, lo - 1n]);
    if (hi + 1n > start) start = hi + 1n;
  }
  if (start <= within[1]) out.push([start, within[1]]);
  return out;
}

// Special-purpose IPv4 blocks (RFC 6890 and successors) that are not publicly routable.
const PUBLIC_V4 = subtract(cidrInterval('0.0.0.0/0'), [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
  '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
].map(cidrInterval));

// IPv6: only global unicast (2000::/3) is routed publicly, minus documentation/benchmarking blocks.
const PUBLIC_V6 = subtract(cidrInterval('2000::/3'), ['2001:db8::/32', '2001:2::/48', '3fff::/20'].map(cidrInterval));
const V4_MAPPED = cidrInterval('::ffff:0:0/96');

function overlapsAny(lo: bigint, hi: bigint, intervals: readonly Interval[]): boolean {
  return intervals.some(([a, b]) => lo <= b && a <= hi);
}

/** True if the range includes any publicly routable address. */
export function isPublicCIDR(cidr: string): boolean {
  const r = parseRange(cidr);
  if (r.family === 4) return overlapsAny(r.lo, r.hi, PUBLIC_V4);
  if (overlapsAny(r.lo, r.hi, PUBLIC_V6)) return true;
  // ::ffff:a.b.c.d addresses are IPv4 addresses in IPv6 form.
  const lo = r.lo > V4_MAPPED[0] ? r.lo : V4_MAPPED[0];
  const hi = r.hi < V4_MAPPED[1] ? r.hi : V4_MAPPED[1];
  return lo <= hi && overlapsAny(lo - V4_MAPPED[0], hi - V4_MAPPED[0], PUBLIC_V4);
}

/** True for the whole address space (0.0.0.0/0, ::/0): open to the world. */
export function isAnyCIDR(cidr: string): boolean {
  return parseRange(cidr).prefix === 0;
}

/** True if `inner` (address or CIDR) lies entirely inside `outer`; different families → false. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseRange(outer);
  const b = parseRange(inner);
  return a.family === b.family && a.lo <= b.lo && b.hi <= a.hi;
}

export function registerCidrFunctions(env: Environment): void {
  env.registerFunction('isPublicCIDR(string): bool', isPublicCIDR, SYNC);
  env.registerFunction('isAnyCIDR(string): bool', isAnyCIDR, SYNC);
  env.registerFunction('cidrContains(string, string): bool', cidrContains, SYNC);
}
