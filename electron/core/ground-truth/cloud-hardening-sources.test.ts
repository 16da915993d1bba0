// The class of "from the internet" inputs a vendor could write to open SSH/RDP while slipping
// past a literal 0.0.0.0/0 check, through each cloud's rule shape: every spelling the cloud
// accepts as (nearly) the whole internet fails, narrow and private ranges pass, and a value
// the cloud would not parse is an error, never a pass.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPack } from '../engine';
import { packsRoot } from '../io/packs-root';
import type { InlineTestCase, Policy, ResourceFixture, TestOutcome } from '../model/policy';
import { runPolicyTests } from '../policy-tests/run-policy-tests';

const pack = loadPack('cloud-hardening', packsRoot());
const policy = (id: string): Policy => pack.find((p) => p.id === id) as Policy;

/** Source ranges and what they must come to, for every cloud. */
const CIDRS: readonly (readonly [string, TestOutcome])[] = [
  ['0.0.0.0/0', 'fail'],
  [' 0.0.0.0/0', 'fail'],
  ['1.2.3.4/0', 'fail'], // host bits are ignored: still every address
  ['::/0', 'fail'],
  ['::0/0', 'fail'],
  ['0:0:0:0:0:0:0:0/0', 'fail'],
  ['0.0.0.0/1', 'fail'], // half the internet
  ['128.0.0.0/1', 'fail'],
  ['8.0.0.0/8', 'fail'], // a public /8
  ['2000::/3', 'fail'], // all global unicast IPv6
  ['203.0.113.0/24', 'pass'],
  ['198.51.100.7/32', 'pass'],
  ['10.0.0.0/8', 'pass'],
  ['192.168.0.0/16', 'pass'],
  ['000.0.0.0/0', 'error'], // leading zeros: octal to some tools
  ['0.0.0.0/33', 'error'],
  ['0.0.0.0/1 ', 'error'],
];

async function outcomes(p: Policy, cases: readonly { readonly name: string; readonly resource: ResourceFixture; readonly expect: TestOutcome }[]): Promise<string[]> {
  const tests: InlineTestCase[] = cases.map((c) => ({ name: c.name, resource: c.resource, expect: c.expect }));
  const report = await runPolicyTests([{ ...p, tests }], { now: new Date('2026-01-05T03:00:00Z') });
  return report.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${JSON.stringify(r.mismatches)} ${r.error ?? ''}`);
}

describe('SSH/RDP from the internet, every spelling of "the internet"', () => {
  test('AWS security group rules (IPv4 and IPv6 fields)', async () => {
    const cases = CIDRS.map(([cidr, expect]) => ({
      name: `cidr ${JSON.stringify(cidr)}`,
      expect,
      resource: {
        source: 'terraform', type: 'aws_security_group_rule', address: 'aws_security_group_rule.r', action: 'create',
        after: { type: 'ingress', protocol: 'tcp', from_port: 22, to_port: 22, [cidr.includes(':') ? 'ipv6_cidr_blocks' : 'cidr_blocks']: [cidr] },
      } as ResourceFixture,
    }));
    assert.deepEqual(await outcomes(policy('aws-sg-no-admin-ports-from-internet'), cases), []);
  });

  test('Google Cloud firewall rules', async () => {
    const cases = CIDRS.map(([cidr, expect]) => ({
      name: `source ${JSON.stringify(cidr)}`,
      expect,
      resource: {
        source: 'terraform', type: 'google_compute_firewall', address: 'google_compute_firewall.r', action: 'create',
        after: { direction: 'INGRESS', disabled: false, allow: [{ protocol: 'tcp', ports: ['3389'] }], source_ranges: [cidr] },
      } as ResourceFixture,
    }));
    assert.deepEqual(await outcomes(policy('gcp-firewall-no-admin-ports-from-internet'), cases), []);
  });

  test('Azure security rules, with the service tags and wildcards Azure takes for the internet', async () => {
    const tags: readonly (readonly [string, TestOutcome])[] = [
      ['*', 'fail'], ['Internet', 'fail'], ['internet', 'fail'], [' Internet ', 'fail'], ['Any', 'fail'], ['0.0.0.0', 'fail'],
      ['VirtualNetwork', 'pass'], ['AzureLoadBalancer', 'pass'],
    ];
    const cases = [...CIDRS, ...tags].map(([prefix, expect]) => ({
      name: `prefix ${JSON.stringify(prefix)}`,
      expect,
      resource: {
        source: 'terraform', type: 'azurerm_network_security_rule', address: 'azurerm_network_security_rule.r', action: 'create',
        after: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '22', source_address_prefix: prefix },
      } as ResourceFixture,
    }));
    assert.deepEqual(await outcomes(policy('azure-nsg-no-admin-ports-from-internet'), cases), []);
  });

  test('port ranges: written forwards, backwards, as "*", as a list, or not covering the port', async () => {
    const aws = (from: number, to: number, protocol: string, expect: TestOutcome) => ({
      name: `aws ${protocol} ${from}-${to}`,
      expect,
      resource: { source: 'terraform', type: 'aws_security_group_rule', address: 'aws_security_group_rule.r', action: 'create', after: { type: 'ingress', protocol, from_port: from, to_port: to, cidr_blocks: ['0.0.0.0/0'] } } as ResourceFixture,
    });
    assert.deepEqual(await outcomes(policy('aws-sg-no-admin-ports-from-internet'), [
      aws(22, 22, 'tcp', 'fail'), aws(0, 65535, '6', 'fail'), aws(3390, 3380, 'udp', 'fail'), aws(0, 0, '-1', 'fail'), aws(0, 0, 'ALL', 'fail'),
      aws(23, 3388, 'tcp', 'pass'), aws(443, 443, 'tcp', 'pass'), aws(-1, -1, 'icmp', 'pass'), aws(-1, -1, '58', 'pass'),
    ]), []);
    const azure = (ranges: Record<string, unknown>, expect: TestOutcome) => ({
      name: `azure ${JSON.stringify(ranges)}`,
      expect,
      resource: { source: 'terraform', type: 'azurerm_network_security_rule', address: 'azurerm_network_security_rule.r', action: 'create', after: { direction: 'Inbound', access: 'Allow', protocol: '*', source_address_prefix: '*', ...ranges } } as ResourceFixture,
    });
    assert.deepEqual(await outcomes(policy('azure-nsg-no-admin-ports-from-internet'), [
      azure({ destination_port_range: '*' }, 'fail'), azure({ destination_port_range: '20-25' }, 'fail'), azure({ destination_port_ranges: ['80', '3389'] }, 'fail'),
      azure({ destination_port_range: '23-3388' }, 'pass'), azure({ destination_port_range: 'ssh' }, 'error'),
    ]), []);
  });
});
