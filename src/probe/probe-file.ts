import { InputError } from '../cli/input-error';
import { readYamlFile } from '../manifests/yaml-file';
import { parsePeerRef, parsePort, PROTOCOLS, type Flow, type Protocol } from './flow';

/** One probe of a probe file: a flow and, optionally, the verdict it must get. */
export interface Probe extends Flow {
  /**
   * The verdict the probe expects.
   *
   * @default - none: the probe always passes and only reports
   */
  readonly expect?: 'allow' | 'deny';
}

/**
 * Checks a parsed probe file (`probes: [{from, to, port, protocol?, expect?}]`, see the
 * flow-probe spec) and returns its probes.
 *
 * @param value the parsed YAML/JSON
 * @param file the file name, for messages
 * @throws InputError naming the file and the field, e.g. `probes.yaml: probes[3].port: missing`
 */
export function parseProbes(value: unknown, file: string): Probe[] {
  const fail = (field: string, message: string): never => {
    throw new InputError(`${file}: ${field}: ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('probes', 'missing; a probe file is a mapping with a "probes" list.');
  const list = (value as Record<string, unknown>).probes;
  if (!Array.isArray(list)) return fail('probes', list === undefined ? 'missing; write probes: [{from, to, port}]' : 'expected a list of probes.');
  return list.map((item, i) => {
    const at = `probes[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail(at, 'expected a mapping {from, to, port, protocol, expect}.');
    const probe = item as Record<string, unknown>;
    for (const key of Object.keys(probe)) {
      if (!['from', 'to', 'port', 'protocol', 'expect'].includes(key)) fail(`${at}.${key}`, 'unknown field; a probe has from, to, port, protocol and expect.');
    }
    for (const key of ['from', 'to'] as const) {
      if (probe[key] === undefined) fail(`${at}.${key}`, 'missing.');
      if (typeof probe[key] !== 'string') fail(`${at}.${key}`, `expected a peer (ns/pod, external:<name>, entity:<name>), got ${JSON.stringify(probe[key])}.`);
      const ref = parsePeerRef(probe[key] as string);
      if (typeof ref === 'string') fail(`${at}.${key}`, `${ref}.`);
    }
    if (probe.port === undefined) fail(`${at}.port`, 'missing.');
    const port = parsePort(probe.port) ?? fail(`${at}.port`, `${JSON.stringify(probe.port)} is not a port number 1-65535.`);
    const protocol = probe.protocol ?? 'TCP';
    if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) fail(`${at}.protocol`, `${JSON.stringify(protocol)} is not one of ${PROTOCOLS.join(', ')}.`);
    if (probe.expect !== undefined && probe.expect !== 'allow' && probe.expect !== 'deny') fail(`${at}.expect`, `${JSON.stringify(probe.expect)} is not one of allow, deny.`);
    return {
      from: probe.from as string,
      to: probe.to as string,
      port,
      protocol: protocol as Protocol,
      ...(probe.expect !== undefined ? { expect: probe.expect as 'allow' | 'deny' } : {}),
    };
  });
}

/**
 * Reads and checks a probe file (YAML or JSON).
 *
 * @param file the file path
 * @param cwd the directory a relative path is resolved against
 * @throws InputError when the file cannot be read, is not valid YAML or fails `parseProbes`
 */
export function loadProbes(file: string, cwd: string = process.cwd()): Probe[] {
  return parseProbes(readYamlFile(file, cwd), file);
}
