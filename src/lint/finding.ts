import type { Manifest } from '../manifests/manifest';
import { compareText } from '../model/compare';

/** How bad a finding is: `error` breaks the design, `warning` is probably a mistake. */
export type Severity = 'error' | 'warning';

/**
 * One lint finding: plain data, so every output format (text, JSON, Markdown, SARIF) renders
 * the same facts.
 */
export interface Finding {
  /** The stable kebab-case rule id, e.g. `no-any-port`. */
  readonly rule: string;
  /** How bad the finding is. */
  readonly severity: Severity;
  /** The manifest file, as given on the command line. */
  readonly file: string;
  /** The 0-based YAML document of the object in the file. */
  readonly document: number;
  /** The object, as `Kind namespace/name` (`Kind name` for cluster-scoped objects). */
  readonly object: string;
  /** The JSON path of the offending field inside the object, e.g. `spec.egress[0].toPorts`. */
  readonly field: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
  /** The change that fixes it. */
  readonly fix: string;
}

/**
 * Names an object the way findings do: `Kind namespace/name`, or `Kind name` when it has no
 * namespace.
 *
 * @param manifest the object
 */
export function objectName(manifest: Manifest): string {
  const { kind, metadata } = manifest.object;
  return metadata.namespace ? `${kind} ${metadata.namespace}/${metadata.name}` : `${kind} ${metadata.name}`;
}

/** What a rule states about one object; the rule adds its id and severity. */
export interface FindingDetails {
  /** The JSON path of the offending field. */
  readonly field: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
  /** The change that fixes it. */
  readonly fix: string;
  /** Overrides the rule's severity for this finding.
   * @default - the rule's severity */
  readonly severity?: Severity;
}

/**
 * Builds a finding about one manifest.
 *
 * @param rule the rule id
 * @param severity the rule's severity
 * @param manifest the offending object
 * @param details field, message and fix
 */
export function finding(rule: string, severity: Severity, manifest: Manifest, details: FindingDetails): Finding {
  return {
    rule,
    severity: details.severity ?? severity,
    file: manifest.source.file,
    document: manifest.source.document,
    object: objectName(manifest),
    field: details.field,
    message: details.message,
    fix: details.fix,
  };
}

/**
 * The canonical order of findings: file, document, rule, field, then object and message so
 * the order never depends on the order rules ran in.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.document - b.document || compareText(a.rule, b.rule) || compareText(a.field, b.field)
    || compareText(a.object, b.object) || compareText(a.message, b.message);
}
