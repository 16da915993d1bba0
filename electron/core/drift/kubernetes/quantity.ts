/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource.Quantity), compared the
 * way the API server stores them. Grammar (Kubernetes API reference, "Quantity"):
 *   <quantity> ::= <signedNumber><suffix>; <number> ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>   ::= Ki|Mi|Gi|Ti|Pi|Ei | n|u|m|""|k|M|G|T|P|E | e<signedNumber> | E<signedNumber>
 * The server keeps at most three decimal places and rounds a more precise value up (away from
 * zero: "0.1m will be rounded up to 1m"; 0.30000000000000004 is stored as 301m), so two values
 * are equal when they are equal in whole milli-units after that rounding. A JSON number (YAML
 * `cpu: 0.5`) is a quantity too: kubectl sends it as the number's text.
 */

/** A quantity as an exact count of milli-units (after the server's rounding). */
export type MilliUnits = bigint;

const BINARY: Readonly<Record<string, bigint>> = {
  Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n,
};
/** Decimal suffixes as powers of ten. */
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Past these the value is not a quantity the server keeps (it caps at 2^63-1): compared as written. */
const MAX_DIGITS = 40;
const MAX_EXPONENT = 40;
/** 2^63-1: the largest magnitude a Quantity holds (in its own units; beyond it the server caps). */
const MAX_UNITS = (1n << 63n) - 1n;

/**
 * The value in milli-units, or undefined when `value` is not a quantity we can read exactly
 * (then the caller compares the values as written: fail closed).
 */
export function quantityMillis(value: unknown): MilliUnits | undefined {
  const text = typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m;
  if (whole === '' && fraction === '') return undefined;
  if (whole.length + fraction.length > MAX_DIGITS) return undefined;
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let tens = -fraction.length + 3; // in milli-units
  let denominator = 1n;
  if (Object.hasOwn(BINARY, suffix)) numerator *= BINARY[suffix]!;
  else if (Object.hasOwn(DECIMAL, suffix)) tens += DECIMAL[suffix]!;
  else {
    const exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return undefined;
    tens += exponent;
  }
  if (tens >= 0) numerator *= 10n ** BigInt(tens);
  else denominator = 10n ** BigInt(-tens);
  // Rounded up (away from zero) to a whole milli-unit, as the server stores it.
  let millis = numerator / denominator + (numerator % denominator === 0n ? 0n : 1n);
  if (millis > MAX_UNITS * 1000n) return undefined;
  if (sign === '-') millis = -millis;
  return millis;
}

/** Whether two written quantities are the same quantity to the API server (false when either is unreadable). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = quantityMillis(a);
  const y = quantityMillis(b);
  return x !== undefined && y !== undefined && x === y;
}

/**
 * A JSON number as text, the way kubectl sends it (Go formats a float64 with the shortest
 * representation, as JavaScript does). Non-finite numbers are not quantities.
 */
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  return String(n).replace('e+', 'e');
}
