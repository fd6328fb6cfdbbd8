import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '../..');
const temporaries: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-'));
  temporaries.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temporaries.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const code = await main(['import', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

function files(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

const CNP = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`;

describe('netpol import', () => {
  test('writes a ready project for dist/homelab and proves zero flow change (exit 0)', async () => {
    // GIVEN an empty folder outside any project
    const out = path.join(tempDir(), 'netpol');
    // WHEN dist/homelab is imported into it
    const { code, out: text } = await run(['dist/homelab', '--out', out]);
    // THEN the project and the generated code are written, and the proof holds
    expect(code).toBe(0);
    expect(text).toContain('Proof: 0 flows opened, 0 closed');
    expect(text).toContain('cluster homelab, renderer cilium');
    expect(files(out)).toEqual(expect.arrayContaining([
      '.gitignore', 'README.md', 'cdk8s.yaml', 'import-report.md', 'package.json', 'src/cluster.ts', 'src/main.ts',
      'src/namespaces/demo-standard.ts', 'src/namespaces/kube-system.ts', 'tsconfig.json',
    ]));
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8')).dependencies['cdk8s-netpol']).toMatch(/^\^\d/);
    expect(fs.readFileSync(path.join(out, 'import-report.md'), 'utf8')).toContain('**0 flows opened, 0 closed**');
    // AND the README's next steps say how to install the library before it is on the registry
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/`npm install \/path\/to\/cdk8s-netpol-<version>\.tgz` \(made by `npm pack`/);
    expect(readme).toContain('`npm install git+https://<host>/<owner>/cdk8s-netpol.git#<tag>`');
    // AND importing again gives the same bytes
    const before = new Map(files(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
    expect((await run(['dist/homelab', '--out', out])).code).toBe(0);
    expect(new Map(files(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]))).toEqual(before);
  });

  test('--format json (-o json) reports the files, the findings and the proof', async () => {
    const out = path.join(tempDir(), 'netpol');
    const { code, out: text } = await run(['--manifests', 'dist/edge', '--out', out, '--cluster', 'k3s', '-o', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(text);
    expect(report).toMatchObject({ cluster: 'k3s', renderer: 'kubernetes', proof: { equivalent: true, opened: 0, closed: 0 } });
    expect(report.files).toContain('src/main.ts');
    expect(report.refusals).toEqual([]);
    expect(report.findings.some((f: { kind: string; field?: string }) => f.kind === 'opt-in' && f.field?.includes('ipBlock'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'src/main.ts'), 'utf8')).toContain("new NetpolCluster(app, 'k3s', { renderer: Renderer.KUBERNETES });");
  });

  test('inside an existing project it writes src/ and the report only', async () => {
    const project = tempDir();
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"mine"}\n');
    const out = path.join(project, 'netpol');
    fs.mkdirSync(path.join(project, 'policies'));
    fs.writeFileSync(path.join(project, 'policies', 'web.yaml'), CNP);
    const { code, out: text } = await run(['policies', '--out', 'netpol'], project);
    expect(code).toBe(0);
    expect(text).toContain('inside an existing project');
    expect(files(out)).toEqual(['import-report.md', 'src/cluster.ts', 'src/main.ts', 'src/namespaces/shop.ts'].filter((f) => f !== 'src/cluster.ts'));
    const shop = fs.readFileSync(path.join(out, 'src/namespaces/shop.ts'), 'utf8');
    // A namespace the policies only name is declared, not created.
    expect(shop).toContain("new DeclaredNamespace(cluster, 'shop', { manageNamespace: false });");
    expect(shop).toMatch(/8080/);
  });

  test('an earlier import inside the input folder is not read as input', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'web.yaml'), CNP);
    expect((await run(['.', '--out', 'netpol'], dir)).code).toBe(0);
    const again = await run(['.', '--out', 'netpol'], dir);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
  });

  test('fails with exit 2 naming the file, object and field on bad input, writing nothing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bad.yaml'), CNP.replace('"8080"', '"80800"'));
    const out = path.join(dir, 'netpol');
    const { code, err } = await run([path.join(dir, 'bad.yaml'), '--out', out]);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.yaml.*CiliumNetworkPolicy.*shop\/web.*toPorts\[0\]\.ports\[0\]/s);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    [['dist/homelab'], /--out is required/],
    [['dist/homelab', '--out', 'package.json'], /--out package\.json is a file/],
    [['dist/homelab', '--out', 'x', '--renderer', 'calico'], /--renderer "calico" is not one of cilium, kubernetes/],
    [['dist/homelab', '--out', 'x', '--cluster', 'Home'], /--cluster "Home" is not a DNS-1123 label/],
    [['dist/homelab', '--out', 'x', '--renderer', 'kubernetes'], /a Cilium policy cannot be rendered as NetworkPolicy/],
  ])('fails with exit 2 on %j', async (args, message) => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'package.json'), '{}');
    fs.symlinkSync(path.join(ROOT, 'dist'), path.join(cwd, 'dist'));
    const { code, err } = await run(args, cwd);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(fs.existsSync(path.join(cwd, 'x'))).toBe(false);
  });

  test('--help names every flag', async () => {
    const io = captureIo(ROOT);
    expect(await main(['import', '--help'], io)).toBe(0);
    for (const flag of ['--manifests', '--out', '--cluster', '--renderer', '-o, --format']) expect(io.out()).toContain(flag);
  });
});
