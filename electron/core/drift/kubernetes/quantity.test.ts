import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyRuns } from '../../testing/property-runs';
import { quantityMillis, sameQuantity } from './quantity';

describe('Kubernetes quantities compare by value', () => {
  it('equal quantities written differently are equal (issue examples and more)', () => {
    const pairs: readonly [unknown, unknown][] = [
      [0.5, '500m'], ['0.5', '500m'], ['1Gi', '1073741824'], ['1Gi', 1073741824], ['1e3', '1k'], ['1E3', '1k'],
      ['1.5Gi', '1536Mi'], ['1Ki', '1024'], ['2', 2], ['.5', '500m'], ['5.', '5'], ['+1', '1'], ['1000m', '1'],
      ['1M', '1000k'], ['1e-3', '1m'], ['1000000u', '1'], ['1000000000n', '1'], ['129e6', '129M'],
      ['0.1m', '1m'], // the server rounds up to whole milli-units ("0.1m will be rounded up to 1m")
      [0.30000000000000004, '301m'],
    ];
    for (const [a, b] of pairs) assert.ok(sameQuantity(a, b), `${String(a)} = ${String(b)}`);
  });

  it('different quantities, and suffixes of another base, are different', () => {
    const pairs: readonly [unknown, unknown][] = [
      ['1Gi', '1G'], ['1k', '1Ki'], ['1m', '1M'], ['500m', '501m'], ['1', '-1'], ['1Ei', '1E'], ['100Mi', '100M'],
    ];
    for (const [a, b] of pairs) assert.ok(!sameQuantity(a, b), `${String(a)} != ${String(b)}`);
  });

  it('anything that is not a quantity is unreadable, so it is compared as written (fail closed)', () => {
    for (const v of ['', '.', 'Gi', '1 Gi', '1gi', '1e', '1e3.5', '1KiB', '0x10', '1_000', ' 1', '1\n', 'Infinity', 'NaN', '1e99999', '9'.repeat(50), true, null, {}, [], Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(quantityMillis(v), undefined, JSON.stringify(v));
    }
    assert.ok(!sameQuantity('1 Gi', '1 Gi'), 'two unreadable values are not equal as quantities');
    assert.equal(quantityMillis('8Ei'), undefined, 'beyond 2^63-1 the server caps the value: not compared as a quantity');
    assert.equal(quantityMillis('7Ei'), 7n * (1n << 60n) * 1000n);
  });

  // A value in milli-units, written in every form the grammar allows for it.
  const millis = fc.bigInt({ min: 0n, max: 10n ** 18n });
  function writings(m: bigint): string[] {
    const whole = m / 1000n;
    const frac = m % 1000n;
    const forms = [`${m}m`, `${m * 1000000n}n`, `${m * 1000n}u`, `${m}e-3`, `${m}E-3`];
    forms.push(frac === 0n ? `${whole}` : `${whole}.${String(frac).padStart(3, '0')}`);
    if (frac === 0n && whole % 1000n === 0n) forms.push(`${whole / 1000n}k`, `${whole / 1000n}e3`);
    if (frac === 0n && whole % 1024n === 0n) forms.push(`${whole / 1024n}Ki`);
    if (frac === 0n && whole % (1024n * 1024n) === 0n) forms.push(`${whole / (1024n * 1024n)}Mi`);
    if (frac === 0n) forms.push(`${whole}.0`, `+${whole}`, `0${whole}`);
    return forms;
  }

  it('property: every writing of one value compares equal to every other', () => {
    fc.assert(fc.property(millis, fc.nat(), fc.nat(), (m, i, j) => {
      const forms = writings(m);
      const a = forms[i % forms.length]!;
      const b = forms[j % forms.length]!;
      return quantityMillis(a) === m && sameQuantity(a, b);
    }), { numRuns: propertyRuns(500) });
  });

  it('property: binary sizes (Ki…Ei) equal their byte counts, and never the decimal suffix', () => {
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 4096n }), fc.integer({ min: 0, max: 5 }), (n, s) => {
      const bytes = n * (1n << BigInt(10 * (s + 1)));
      fc.pre(bytes < 1n << 63n); // a Quantity holds at most 2^63-1
      const decimal = `${n}${suffixes[s]!.slice(0, 1).replace('K', 'k')}`;
      return sameQuantity(`${n}${suffixes[s]}`, `${bytes}`) && !sameQuantity(`${n}${suffixes[s]}`, decimal);
    }), { numRuns: propertyRuns(300) });
  });

  it('property: different values never compare equal, however they are written', () => {
    fc.assert(fc.property(millis, millis, fc.nat(), fc.nat(), (m, n, i, j) => {
      fc.pre(m !== n);
      const a = writings(m);
      const b = writings(n);
      return !sameQuantity(a[i % a.length], b[j % b.length]);
    }), { numRuns: propertyRuns(500) });
  });

  it('property: a JSON number (YAML `cpu: 0.5`) is the quantity of its text', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (m) => {
      const n = m / 1000;
      return quantityMillis(n) === BigInt(m) && sameQuantity(n, `${m}m`);
    }), { numRuns: propertyRuns(300) });
  });
});
