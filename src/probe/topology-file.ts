import { InputError } from '../cli/input-error';
import { dns1123LabelProblem, dns1123SubdomainProblem, labelKeyProblem, labelValueProblem } from '../model/kubernetes-syntax';
import { readYamlFile } from '../manifests/yaml-file';
import { parseIp } from './cidr';
import { parsePort, PROTOCOLS, type Protocol } from './flow';
import type { Topology, TopologyExternal, TopologyNamespace, TopologyPod, TopologyPort } from './topology';

type Json = Record<string, unknown>;

/** The top-level fields of a topology file. */
const TOPOLOGY_FIELDS = ['namespaces', 'externals'];

/**
 * Checks a parsed topology file (see the flow-probe spec) and returns it as a `Topology`.
 *
 * @param value the parsed YAML/JSON
 * @param file the file name, for messages
 * @throws InputError naming the file and the field, e.g. `topo.yaml: namespaces.x.pods.a.ip: ...`
 */
export function parseTopology(value: unknown, file: string): Topology {
  const fail = (field: string, message: string): never => {
    throw new InputError(`${file}: ${field}: ${message}`);
  };
  const root = object(value ?? {}, 'topology', fail);
  unknownKeys(root, TOPOLOGY_FIELDS, '', fail);
  // Names become Map keys: a pod or namespace named `__proto__` or `constructor` is an ordinary name.
  const namespaces = new Map<string, TopologyNamespace>();
  for (const [ns, nsValue] of Object.entries(object(root.namespaces ?? {}, 'namespaces', fail))) {
    const where = `namespaces.${ns}`;
    checkName(ns, where, fail);
    const nsObject = object(nsValue ?? {}, where, fail);
    unknownKeys(nsObject, ['labels', 'pods'], where, fail);
    const pods = new Map<string, TopologyPod>();
    for (const [pod, podValue] of Object.entries(object(nsObject.pods ?? {}, `${where}.pods`, fail))) {
      // Pod names are DNS-1123 subdomains (ValidatePodName).
      const problem = dns1123SubdomainProblem(pod);
      if (problem) fail(`${where}.pods`, `${JSON.stringify(pod)} is not a valid pod name: it ${problem}.`);
      pods.set(pod, parsePod(podValue, `${where}.pods.${pod}`, fail));
    }
    namespaces.set(ns, { labels: labels(nsObject.labels, `${where}.labels`, fail), pods });
  }
  const externals = new Map<string, TopologyExternal>();
  for (const [name, extValue] of Object.entries(object(root.externals ?? {}, 'externals', fail))) {
    const where = `externals.${name}`;
    // Probes name it as external:<name>, and docs print it: a plain word keeps both unambiguous.
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name)) {
      fail('externals', `${JSON.stringify(name)} is not a valid external name: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.`);
    }
    const ext = object(extValue ?? {}, where, fail);
    unknownKeys(ext, ['ip', 'fqdn'], where, fail);
    const result: { ip?: string; fqdn?: string } = {};
    if (ext.ip !== undefined) result.ip = ip(ext.ip, `${where}.ip`, fail);
    if (ext.fqdn !== undefined) {
      if (typeof ext.fqdn !== 'string' || !/^[a-zA-Z0-9_.-]+\.?$/.test(ext.fqdn)) fail(`${where}.fqdn`, `${JSON.stringify(ext.fqdn)} is not a DNS name (e.g. api.github.com).`);
      result.fqdn = ext.fqdn as string;
    }
    externals.set(name, result);
  }
  return { namespaces, externals };
}

/**
 * Reads and checks a topology file (YAML or JSON). Extra top-level fields that only hold YAML
 * anchors for merge keys (`pod-defaults: &pod {...}`) are allowed.
 *
 * @param file the file path
 * @param cwd the directory a relative path is resolved against
 * @throws InputError when the file cannot be read, is not valid YAML or fails `parseTopology`
 */
export function loadTopology(file: string, cwd: string = process.cwd()): Topology {
  return parseTopology(readYamlFile(file, cwd, TOPOLOGY_FIELDS), file);
}

type Fail = (field: string, message: string) => never;

function parsePod(value: unknown, where: string, fail: Fail): TopologyPod {
  const pod = object(value ?? {}, where, fail);
  unknownKeys(pod, ['labels', 'ip', 'serviceAccount', 'ports'], where, fail);
  const result: { labels: Record<string, string>; ip?: string; serviceAccount?: string; ports?: TopologyPort[] } = {
    labels: labels(pod.labels, `${where}.labels`, fail),
  };
  if (pod.ip !== undefined) result.ip = ip(pod.ip, `${where}.ip`, fail);
  if (pod.serviceAccount !== undefined) {
    if (typeof pod.serviceAccount !== 'string' || pod.serviceAccount === '') fail(`${where}.serviceAccount`, 'expected a non-empty string.');
    result.serviceAccount = pod.serviceAccount as string;
  }
  if (pod.ports !== undefined) {
    if (!Array.isArray(pod.ports)) fail(`${where}.ports`, 'expected a list of {name, port, protocol}.');
    result.ports = (pod.ports as unknown[]).map((p, i) => {
      const at = `${where}.ports[${i}]`;
      const port = object(p, at, fail);
      unknownKeys(port, ['name', 'port', 'protocol', 'containerPort'], at, fail);
      if (typeof port.name !== 'string' || port.name === '') fail(`${at}.name`, 'missing; named ports need a name.');
      const written = port.port ?? port.containerPort;
      const number = parsePort(written) ?? fail(`${at}.port`, `${JSON.stringify(written)} is not a port number 1-65535.`);
      const protocol = port.protocol ?? 'TCP';
      if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) fail(`${at}.protocol`, `${JSON.stringify(protocol)} is not one of ${PROTOCOLS.join(', ')}.`);
      return { name: port.name as string, port: number, protocol: protocol as Protocol };
    });
  }
  return result;
}

function object(value: unknown, where: string, fail: Fail): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(where, `expected a mapping, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}.`);
  }
  return value as Json;
}

function unknownKeys(value: Json, allowed: readonly string[], where: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(where ? `${where}.${key}` : key, `unknown field; allowed: ${allowed.join(', ')}.`);
  }
}

/** Labels as the API server accepts them (ValidateLabels: qualified-name keys, label values). */
function labels(value: unknown, where: string, fail: Fail): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries: [string, string][] = [];
  for (const [key, v] of Object.entries(object(value, where, fail))) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) fail(where, `the key ${JSON.stringify(key)} ${keyProblem}.`);
    if (typeof v === 'number' || typeof v === 'boolean') fail(`${where}.${key}`, `label values are strings; quote it: "${String(v)}".`);
    if (typeof v !== 'string') return fail(`${where}.${key}`, `expected a string, got ${JSON.stringify(v)}.`);
    const valueProblem = labelValueProblem(v);
    if (valueProblem) fail(`${where}.${key}`, `the value ${JSON.stringify(v)} ${valueProblem}.`);
    entries.push([key, v]);
  }
  // fromEntries defines own properties: a key such as `__proto__` stays a key.
  return Object.fromEntries(entries);
}

function ip(value: unknown, where: string, fail: Fail): string {
  if (typeof value !== 'string' || !parseIp(value)) return fail(where, `${JSON.stringify(value)} is not an IP address (e.g. 10.0.1.5).`);
  return value;
}

function checkName(name: string, where: string, fail: Fail): void {
  const problem = dns1123LabelProblem(name);
  if (problem) fail(where, `${JSON.stringify(name)} is not a valid namespace name: it ${problem}.`);
}
