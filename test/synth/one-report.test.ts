import { describe, expect, test } from 'vitest';
import { AppNamespace, Peer, PlatformNamespace, Port, problemsOfValue, assertValid, synthesizeFiles } from '../../src';
import { expectRefused, testCluster } from '../helpers';

describe('one report of every mistake (src/model/problems.ts)', () => {
  test('fails with every problem of the definition at once, each with its construct path', async () => {
    // GIVEN a definition with one mistake of each kind, values built outside any construct
    const { app, cluster } = testCluster();
    const badPort = Port.tcp(0);
    const nas = Peer.cidr('192.168.1.20/32', { reason: '' });
    new AppNamespace(cluster, 'My_Apps', { profile: 'standard' });
    new AppNamespace(cluster, 'kube-system', { profile: 'standard' });
    new AppNamespace(cluster, 'blog', { profile: 'standart' })
      .allowEgress(Peer.world(), [])
      .allowEgress(nas, [Port.HTTPS])
      .allowIngress(Peer.namespace('web'), [badPort]);
    new PlatformNamespace(cluster, 'monitoring').allowEgress(Peer.fqdn('*.github.com'), [Port.HTTPS]);

    // WHEN synthesized THEN one PolicyError lists them all, in construct order
    const report = await expectRefused(app, /Invalid namespace name "My_Apps".*Did you mean "my-apps"\?/);
    const lines = report.split('\n').slice(1);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}\[test\/My_Apps\] Invalid namespace name "My_Apps"/),
      expect.stringMatching(/^ {2}\[test\/kube-system\] kube-system is a platform namespace and cannot have a profile/),
      expect.stringMatching(/^ {2}\[test\/blog\] The egress rule to entity:world has no ports, which would allow any port: list the ports/),
      expect.stringMatching(/^ {2}\[test\/blog\] Hard-coded address "192.168.1.20\/32" without a reason \(the reason given is blank\): use a selector/),
      expect.stringMatching(/^ {2}\[test\/blog\] Invalid port 0 \(tcp\): ports are whole numbers from 1 to 65535\./),
      expect.stringMatching(/^ {2}\[test\/blog\] Unknown profile "standart" .* Did you mean "standard"\?/),
      expect.stringMatching(/^ {2}\[test\/monitoring\] Invalid DNS name "\*\.github\.com".*Peer\.fqdnPattern/),
    ]);
  });

  test('a factory validates at once: the value carries its problems, assertValid throws them', () => {
    expect(problemsOfValue(Port.tcp(70000))).toEqual(['Invalid port 70000 (tcp): ports are whole numbers from 1 to 65535.']);
    expect(problemsOfValue(Port.tcp(443))).toEqual([]);
    expect(() => assertValid([Port.tcp(1)], Peer.namespace('A'))).toThrow(/Invalid namespace name "A"/);
  });

  test('a library bug is not reported as a mistake: it propagates', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard' });
    cluster.node.addValidation({ validate: () => { throw new TypeError('a bug'); } });
    await expect(synthesizeFiles(app)).rejects.toThrow(TypeError);
  });
});

describe('one report, duplicates included', () => {
  test('fails with a duplicate namespace in the same report as the other problems', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'one', { name: 'blog', profile: 'standard' });
    new AppNamespace(cluster, 'two', { name: 'blog', profile: 'standard' });
    new AppNamespace(cluster, 'wiki', { profile: 'standart' });
    const report = await expectRefused(app, /\[test\/wiki\] Unknown profile "standart"/);
    expect(report).toMatch(/\[test\/two\] namespace "blog" is declared twice \(first at test\/one\)/);
  });
});

test('a rule refused at its construct is reported once', async () => {
  const { app, cluster } = testCluster();
  new AppNamespace(cluster, 'blog', { profile: 'standard' }).allowEgress(Peer.world(), []);
  const report = await expectRefused(app, /has no ports/);
  expect(report.match(/has no ports/g)).toHaveLength(1);
});
