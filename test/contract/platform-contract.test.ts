import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { homelab } from '../../platform/homelab';
import { InputError } from '../../src/cli/input-error';
import { parsePlatformContract, readPlatformContract } from '../../src/contract/read-contract';
import { loadManifests } from '../../src/manifests/load';
import { MAX_INPUT_BYTES } from '../../src/manifests/read-file';
import { synthesize, synthesizeFiles } from '../../src';

const ROOT = path.join(__dirname, '..', '..');
const HOMELAB_CONTRACT = path.join(ROOT, 'dist', 'homelab', 'platform.json');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'platform-contract.v1.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function homelabFiles(): Promise<Map<string, string>> {
  const app = new App();
  homelab(app);
  return synthesizeFiles(app);
}

function committedContract(): Record<string, any> {
  return JSON.parse(fs.readFileSync(HOMELAB_CONTRACT, 'utf8'));
}

describe('the platform contract synthesis writes', () => {
  test('is written for every cluster, byte-identical across runs, kind/version/cluster first, keys sorted, one trailing newline', async () => {
    const [first, second] = [await homelabFiles(), await homelabFiles()];
    const text = first.get('homelab/platform.json')!;
    expect(second.get('homelab/platform.json')).toBe(text);
    expect(text.endsWith('}\n') && !text.endsWith('\n\n')).toBe(true);
    const keys = Object.keys(JSON.parse(text));
    expect(keys.slice(0, 3)).toEqual(['kind', 'version', 'cluster']);
    expect(keys.slice(3)).toEqual([...keys.slice(3)].sort());
    expect(fs.readFileSync(HOMELAB_CONTRACT, 'utf8')).toBe(text);
  });

  test('examples/app-repo holds the current copy (npm run synth refreshes it)', () => {
    const copy = fs.readFileSync(path.join(ROOT, 'examples', 'app-repo', 'platform.json'), 'utf8');
    expect(copy, 'examples/app-repo/platform.json is stale: run `npm run synth`').toBe(fs.readFileSync(HOMELAB_CONTRACT, 'utf8'));
  });

  test('is never applied: kustomization.yaml lists the manifests only', async () => {
    // Flux's kustomize-controller uses the folder's kustomization.yaml when there is one (and its
    // generator only collects *.yaml/*.yml otherwise: fluxcd/pkg kustomize/kustomize_generator.go);
    // Argo CD picks Kustomize when kustomization.yaml exists (user-guide/tool_detection).
    const files = await homelabFiles();
    const kustomization = parse(files.get('homelab/kustomization.yaml')!) as { resources: string[] };
    expect(kustomization.resources).not.toContain('platform.json');
    expect(kustomization.resources.every((r) => r.endsWith('.yaml'))).toBe(true);
  });

  test('carries the profiles, shared services, gateways, baselines and the objects the platform applies beyond its app namespaces', () => {
    const contract = committedContract();
    expect(contract).toMatchObject({ kind: 'PlatformContract', version: 1, cluster: 'homelab', renderer: 'cilium', labelDomain: 'network-policy.homelab' });
    expect(contract.profiles.map((p: { name: string }) => p.name)).toEqual(['internal', 'internal-egress', 'isolated', 'standard']);
    expect(contract.profiles.find((p: { name: string }) => p.name === 'standard')).toMatchObject({ gateways: ['external', 'internal'], egress: [{ peer: 'entity:world', ports: ['tcp/443'] }] });
    expect(contract.sharedServices.find((s: { name: string }) => s.name === 'postgres')).toMatchObject({
      accessLabel: 'access.network-policy.homelab/postgres', ports: ['tcp/5432'],
      location: { kind: 'endpoints', namespace: 'database', podLabels: { 'app.kubernetes.io/name': 'postgresql' } },
    });
    expect(contract.baselines).toContain('baseline-dns');
    expect(contract.gateways.map((g: { name: string }) => g.name)).toEqual(['external', 'internal']);
    const objects = contract.manifests.map((m: any) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`);
    expect(objects).toContain('CiliumClusterwideNetworkPolicy /baseline-dns');
    expect(objects).toContain('CiliumNetworkPolicy kube-system/platform-kube-dns');
    expect(objects).toContain('Namespace /database');
    // The platform repo's own application namespaces and its alerts are not the app repo's business.
    expect(objects.filter((o: string) => /demo-|PrometheusRule/.test(o))).toEqual([]);
  });

  test.each(['homelab', 'edge'])('dist/%s/platform.json is valid against schema/platform-contract.v1.json and reads back', (cluster) => {
    const file = path.join(ROOT, 'dist', cluster, 'platform.json');
    const value = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    const read = readPlatformContract(file, ROOT);
    expect(read.contract.cluster).toBe(cluster);
    expect(read.manifests.length).toBe(value.manifests.length);
    expect(read.manifests.every((m) => m.source.file === file)).toBe(true);
  });

  test('manifest readers skip it: a cluster folder reads as its manifests alone', () => {
    const manifests = loadManifests([path.join(ROOT, 'dist', 'homelab')], ROOT);
    expect(manifests.some((m) => m.source.file.endsWith('platform.json'))).toBe(false);
    expect(manifests.length).toBeGreaterThan(0);
  });

  test('a removed cluster loses its contract too (stale files are pruned)', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-contract-'));
    try {
      fs.mkdirSync(path.join(outdir, 'gone'));
      fs.writeFileSync(path.join(outdir, 'gone', 'platform.json'), '{}\n');
      fs.writeFileSync(path.join(outdir, 'gone', 'notes.txt'), 'kept\n');
      const app = new App();
      homelab(app);
      const result = await synthesize(app, { outdir, cdk8sOutdir: '' });
      expect(result.changed).toContain('gone/platform.json');
      expect(fs.existsSync(path.join(outdir, 'gone', 'platform.json'))).toBe(false);
      expect(fs.existsSync(path.join(outdir, 'gone', 'notes.txt'))).toBe(true);
      expect(fs.existsSync(path.join(outdir, 'homelab', 'platform.json'))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('reading a contract', () => {
  /** The committed contract with one change. */
  function changed(change: (contract: Record<string, any>) => void): string {
    const contract = committedContract();
    change(contract);
    return JSON.stringify(contract);
  }

  // The last column: whether JSON Schema can say it too (cross-field checks it cannot).
  test.each<[string, (c: Record<string, any>) => void, RegExp, boolean?]>([
    ['a wrong kind', (c) => { c.kind = 'Kustomization'; }, /c\.json: kind: expected "PlatformContract", got "Kustomization"/],
    ['a newer version', (c) => { c.version = 2; }, /version: this cdk8s-netpol reads contract version 1, the file has 2\. Upgrade cdk8s-netpol/],
    ['a missing field', (c) => { delete c.profiles; }, /c\.json: profiles: missing\./],
    ['an unknown field', (c) => { c.profile = []; }, /c\.json: profile: unknown field/],
    ['a profile name that is no DNS label', (c) => { c.profiles[1].name = 'Internal'; }, /profiles\[1\]\.name: "Internal" /],
    ['a profile naming an unknown gateway', (c) => { c.profiles[0].gateways = ['interal']; }, /profiles\[0\]\.gateways\[0\]: expected one of the contract's gateways \(external, internal\), got "interal"/, false],
    ['a bad port', (c) => { c.sharedServices[0].ports = ['tcp/99999']; }, /sharedServices\[0\]\.ports\[0\]: "tcp\/99999": ports are 1-65535/, false],
    ['a port in another notation', (c) => { c.appPorts = [8080]; }, /appPorts\[0\]: expected a port such as "tcp\/5432"/],
    ['a service access label that is not its own', (c) => { c.sharedServices[0].accessLabel = 'access.network-policy.homelab/other'; }, /sharedServices\[0\]\.accessLabel: expected "access\.network-policy\.homelab\/dragonfly"/, false],
    ['a peer of unknown kind', (c) => { c.dnsServer.kind = 'pods'; }, /dnsServer\.kind: expected one of endpoints, entity, fqdn, cidr, got "pods"/],
    ['a bad label value', (c) => { c.platformNamespaces[0].labels.team = 'a b'; }, /platformNamespaces\[0\]\.labels\["team"\]: the value "a b"/],
    ['a service listed twice', (c) => { c.sharedServices.push(c.sharedServices[0]); }, /sharedServices\[4\]\.name: "dragonfly" is listed twice/, false],
    ['a manifest without a name', (c) => { delete c.manifests[0].metadata.name; }, /c\.json: manifests\[0\]: CiliumClusterwideNetworkPolicy has no "metadata\.name"/],
    ['another label domain', (c) => { c.labelDomain = 'netpol.example.com'; }, /labelDomain: the platform's labels live under "netpol\.example\.com"/],
  ])('fails on %s, naming the file and the field', (_, change, message, schemaSaysIt = true) => {
    const text = changed(change);
    expect(() => parsePlatformContract(text, 'c.json')).toThrow(InputError);
    expect(() => parsePlatformContract(text, 'c.json')).toThrow(message);
    expect(validate(JSON.parse(text))).toBe(!schemaSaysIt);
  });

  test('fails on a key written twice and on nesting too deep, as manifest readers do', () => {
    const text = fs.readFileSync(HOMELAB_CONTRACT, 'utf8');
    expect(() => parsePlatformContract(text.replace('"version": 1,', '"version": 1,\n  "version": 1,'), 'c.json')).toThrow(/c\.json: line 4, column 3: duplicate key "version"/);
    const deep = text.replace('"manifests": [', `"manifests": [{"apiVersion": "cilium.io/v2", "kind": "CiliumClusterwideNetworkPolicy", "metadata": {"name": "x"}, "spec": {"ingress": ${'['.repeat(100_000)}${']'.repeat(100_000)}}},`);
    expect(() => parsePlatformContract(deep, 'c.json')).toThrow(InputError);
  });

  test('fails on text that is not JSON, or JSON that is not an object', () => {
    expect(() => parsePlatformContract('kind: PlatformContract', 'c.json')).toThrow(/c\.json: not valid JSON/);
    expect(() => parsePlatformContract('[]', 'c.json')).toThrow(/c\.json: expected a platform contract \(a JSON object with "kind": "PlatformContract"\), got a list/);
  });

  test('fails on hostile files as every reader does: a directory, a FIFO, too large, not UTF-8', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-contract-'));
    try {
      expect(() => readPlatformContract(dir, '/', '--platform-contract x')).toThrow(/--platform-contract x: is a directory, not a regular file/);
      fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20));
      expect(() => readPlatformContract('big.json', dir)).toThrow(/big\.json: .* is over the input limit/);
      fs.writeFileSync(path.join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
      expect(() => readPlatformContract('latin1.json', dir)).toThrow(/latin1\.json:1: not valid UTF-8/);
      expect(() => readPlatformContract('missing.json', dir)).toThrow(/missing\.json: cannot read: no such file or directory/);
      if (process.platform !== 'win32') {
        require('node:child_process').execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
        expect(() => readPlatformContract('fifo.json', dir)).toThrow(/fifo\.json: is a FIFO \(named pipe\), not a regular file/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
