import { InputError } from '../cli/input-error';
import { LABEL_DOMAIN } from '../model/labels';
import { dns1123LabelProblem, labelKeyProblem, labelValueProblem } from '../model/kubernetes-syntax';
import type { Manifest } from '../manifests/manifest';
import { parseManifestValues } from '../manifests/load';
import { readInputFile } from '../manifests/read-file';
import { parseYamlDocuments } from '../manifests/yaml-documents';
import { CONTRACT_KIND, CONTRACT_VERSION, type PlatformContract } from './platform-contract';

/** A platform contract read from its file, and its objects as the manifest readers give them. */
export interface ReadContract {
  /** The contract, checked against schema/platform-contract.v1.json. */
  readonly contract: PlatformContract;
  /** Its `manifests`, each checked as `netpol` checks every manifest; the source names the contract file. */
  readonly manifests: readonly Manifest[];
}

/**
 * Reads a platform contract (`dist/<cluster>/platform.json` of the platform repo) as netpol reads
 * every input (`readInputFile`: a regular file, at most 8 MiB, strict UTF-8), parses it as JSON and
 * checks it against version 1 of the contract (schema/platform-contract.v1.json): every field, its
 * type and its values, unknown fields refused, and its manifests as every manifest is checked.
 *
 * @param file the path as the user gave it
 * @param cwd the directory a relative path is resolved against
 * @param label how messages name the file, e.g. `--platform-contract platform.json`
 * @default label - the path itself
 * @throws InputError naming the file and the field (`profiles[2].name`) of the first problem
 */
export function readPlatformContract(file: string, cwd: string, label: string = file): ReadContract {
  return parsePlatformContract(readInputFile(file, cwd, label), label, file);
}

/**
 * Parses and checks the text of a platform contract (see `readPlatformContract`).
 *
 * @param text the file's contents
 * @param label how messages name the file
 * @param file the file the manifests' sources name
 * @default file - the label
 * @throws InputError naming the file and the field of the first problem
 */
export function parsePlatformContract(text: string, label: string, file: string = label): ReadContract {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InputError(`${label}: not valid JSON (${(error as Error).message}). A platform contract is the platform.json that the platform repo's synth writes into dist/<cluster>/; copy it unchanged.`);
  }
  // Read again as every manifest is: a key written twice (JSON.parse keeps the last silently) and
  // nesting too deep for the readers after it are refused, with the line.
  const value = parseYamlDocuments(text, label, false)[0]?.value;
  const at = (field: string, problem: string): InputError => new InputError(`${label}: ${field}: ${problem}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${label}: expected a platform contract (a JSON object with "kind": "${CONTRACT_KIND}"), got ${Array.isArray(value) ? 'a list' : show(value)}.`);
  }
  const top = value as Record<string, unknown>;
  if (top.kind !== CONTRACT_KIND) {
    throw at('kind', `expected "${CONTRACT_KIND}", got ${show(top.kind)}: this is not a platform contract. The platform repo's synth writes it as dist/<cluster>/platform.json.`);
  }
  if (top.version !== CONTRACT_VERSION) {
    throw at('version', `this cdk8s-netpol reads contract version ${CONTRACT_VERSION}, the file has ${show(top.version)}. `
      + (typeof top.version === 'number' && top.version > CONTRACT_VERSION ? 'Upgrade cdk8s-netpol in this repository to the platform repo\'s version.' : 'Regenerate it with the platform repo\'s synth.'));
  }
  known(top, '', ['kind', 'version', 'cluster', 'renderer', 'labelDomain', 'baselines', 'appPorts', 'metricsPorts', 'prometheus', 'dnsServer',
    'gateways', 'mesh', 'profiles', 'sharedServices', 'platformNamespaces', 'manifests'], at);
  name(top.cluster, 'cluster', at);
  if (top.renderer !== 'cilium' && top.renderer !== 'kubernetes') throw at('renderer', `expected "cilium" or "kubernetes", got ${show(top.renderer)}.`);
  if (top.labelDomain !== LABEL_DOMAIN) {
    throw at('labelDomain', `the platform's labels live under ${show(top.labelDomain)}, this cdk8s-netpol's under "${LABEL_DOMAIN}": `
      + 'use the same cdk8s-netpol version in both repositories.');
  }
  strings(top.baselines, 'baselines', at);
  ports(top.appPorts, 'appPorts', at);
  ports(top.metricsPorts, 'metricsPorts', at);
  peer(top.prometheus, 'prometheus', at);
  peer(top.dnsServer, 'dnsServer', at);
  list(top.gateways, 'gateways', at).forEach((item, i) => {
    const gateway = record(item, `gateways[${i}]`, at);
    known(gateway, `gateways[${i}]`, ['name', 'peer'], at);
    name(gateway.name, `gateways[${i}].name`, at);
    peer(gateway.peer, `gateways[${i}].peer`, at);
  });
  const mesh = record(top.mesh, 'mesh', at);
  known(mesh, 'mesh', ['namespaceLabel', 'hbonePort', 'namespaces'], at);
  stringField(mesh.namespaceLabel, 'mesh.namespaceLabel', at);
  ports([mesh.hbonePort], 'mesh.hbonePort', at);
  list(mesh.namespaces, 'mesh.namespaces', at).forEach((n, i) => name(n, `mesh.namespaces[${i}]`, at));
  const gatewayNames = (top.gateways as { name: string }[]).map((g) => g.name);
  list(top.profiles, 'profiles', at).forEach((item, i) => {
    const where = `profiles[${i}]`;
    const profile = record(item, where, at);
    known(profile, where, ['name', 'description', 'gateways', 'ingress', 'egress'], at);
    name(profile.name, `${where}.name`, at);
    stringField(profile.description, `${where}.description`, at);
    list(profile.gateways, `${where}.gateways`, at).forEach((g, k) => {
      if (typeof g !== 'string' || !gatewayNames.includes(g)) throw at(`${where}.gateways[${k}]`, `expected one of the contract's gateways (${gatewayNames.join(', ')}), got ${show(g)}.`);
    });
    for (const direction of ['ingress', 'egress'] as const) {
      list(profile[direction], `${where}.${direction}`, at).forEach((r, k) => {
        const rule = record(r, `${where}.${direction}[${k}]`, at);
        known(rule, `${where}.${direction}[${k}]`, ['peer', 'ports'], at);
        stringField(rule.peer, `${where}.${direction}[${k}].peer`, at);
        ports(rule.ports, `${where}.${direction}[${k}].ports`, at);
      });
    }
  });
  list(top.sharedServices, 'sharedServices', at).forEach((item, i) => {
    const where = `sharedServices[${i}]`;
    const service = record(item, where, at);
    known(service, where, ['name', 'description', 'accessLabel', 'location', 'ports'], at);
    name(service.name, `${where}.name`, at);
    stringField(service.description, `${where}.description`, at);
    const expected = `access.${LABEL_DOMAIN}/${String(service.name)}`;
    if (service.accessLabel !== expected) throw at(`${where}.accessLabel`, `expected "${expected}", got ${show(service.accessLabel)}.`);
    peer(service.location, `${where}.location`, at);
    ports(service.ports, `${where}.ports`, at);
  });
  list(top.platformNamespaces, 'platformNamespaces', at).forEach((item, i) => {
    const namespace = record(item, `platformNamespaces[${i}]`, at);
    known(namespace, `platformNamespaces[${i}]`, ['name', 'labels'], at);
    name(namespace.name, `platformNamespaces[${i}].name`, at);
    labels(namespace.labels, `platformNamespaces[${i}].labels`, at);
  });
  for (const [field, key] of [['profiles', 'name'], ['sharedServices', 'name'], ['gateways', 'name'], ['platformNamespaces', 'name']] as const) {
    const seen = new Set<string>();
    (top[field] as Record<string, string>[]).forEach((item, i) => {
      if (seen.has(item[key])) throw at(`${field}[${i}].${key}`, `"${item[key]}" is listed twice.`);
      seen.add(item[key]);
    });
  }
  const manifests = parseManifestValues(list(top.manifests, 'manifests', at), file, 'manifests');
  return { contract: top as unknown as PlatformContract, manifests };
}

type At = (field: string, problem: string) => InputError;

const PORT = /^(any|(tcp|udp|sctp)\/([0-9]{1,5}(-[0-9]{1,5})?|\$\{[A-Za-z_][A-Za-z0-9_]*\}))$/;
const PEER_KINDS = ['endpoints', 'entity', 'fqdn', 'cidr'];

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function record(value: unknown, field: string, at: At): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw at(field, `expected an object, got ${Array.isArray(value) ? 'a list' : show(value)}.`);
  }
  return value as Record<string, unknown>;
}

function known(value: Record<string, unknown>, field: string, fields: readonly string[], at: At): void {
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) throw at(field === '' ? key : `${field}.${key}`, `unknown field: version ${CONTRACT_VERSION} of the contract has ${fields.join(', ')}.`);
  }
  for (const key of fields) {
    if (value[key] === undefined) throw at(field === '' ? key : `${field}.${key}`, 'missing.');
  }
}

function list(value: unknown, field: string, at: At): unknown[] {
  if (!Array.isArray(value)) throw at(field, `expected a list, got ${show(value)}.`);
  return value;
}

function stringField(value: unknown, field: string, at: At): string {
  if (typeof value !== 'string') throw at(field, `expected a string, got ${show(value)}.`);
  return value;
}

function strings(value: unknown, field: string, at: At): void {
  list(value, field, at).forEach((item, i) => stringField(item, `${field}[${i}]`, at));
}

function name(value: unknown, field: string, at: At): void {
  const problem = typeof value === 'string' ? dns1123LabelProblem(value) : 'is not a string';
  if (problem) throw at(field, `${show(value)} ${problem}.`);
}

function ports(value: unknown, field: string, at: At): void {
  const items = list(value, field, at);
  items.forEach((item, i) => {
    const where = field.endsWith('hbonePort') ? field : `${field}[${i}]`;
    if (typeof item !== 'string' || !PORT.test(item)) throw at(where, `expected a port such as "tcp/5432", "udp/53", "tcp/8000-8100" or "any", got ${show(item)}.`);
    const numbers = item.split('/')[1]?.split('-').map(Number).filter((n) => !Number.isNaN(n)) ?? [];
    if (numbers.some((n) => n < 1 || n > 65535)) throw at(where, `${show(item)}: ports are 1-65535.`);
  });
}

function labels(value: unknown, field: string, at: At): void {
  const map = record(value, field, at);
  for (const [key, v] of Object.entries(map)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) throw at(`${field}["${key}"]`, `the key ${keyProblem}.`);
    if (typeof v !== 'string') throw at(`${field}["${key}"]`, `expected a string, got ${show(v)}.`);
    const valueProblem = labelValueProblem(v);
    if (valueProblem) throw at(`${field}["${key}"]`, `the value ${show(v)} ${valueProblem}.`);
  }
}

function peer(value: unknown, field: string, at: At): void {
  const p = record(value, field, at);
  for (const key of Object.keys(p)) {
    if (!['text', 'kind', 'namespace', 'namespaceLabels', 'podLabels', 'entity'].includes(key)) {
      throw at(`${field}.${key}`, 'unknown field: a peer has text, kind, namespace, namespaceLabels, podLabels and entity.');
    }
  }
  stringField(p.text, `${field}.text`, at);
  if (typeof p.kind !== 'string' || !PEER_KINDS.includes(p.kind)) throw at(`${field}.kind`, `expected one of ${PEER_KINDS.join(', ')}, got ${show(p.kind)}.`);
  if (p.namespace !== undefined) name(p.namespace, `${field}.namespace`, at);
  if (p.namespaceLabels !== undefined) labels(p.namespaceLabels, `${field}.namespaceLabels`, at);
  if (p.podLabels !== undefined) labels(p.podLabels, `${field}.podLabels`, at);
  if (p.entity !== undefined) stringField(p.entity, `${field}.entity`, at);
  if (p.kind === 'endpoints' && p.podLabels === undefined) throw at(`${field}.podLabels`, 'missing: pods are named by their labels ({} for every pod).');
  if (p.kind === 'entity' && p.entity === undefined) throw at(`${field}.entity`, 'missing: an entity peer names its entity.');
}
