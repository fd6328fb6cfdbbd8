/*
 * The pipeline of `netpol import`: read manifests -> recognizers in order (src/import/recognizers)
 * -> the as-is fallback for every policy left and a declaration for every namespace left -> build
 * and synthesize in memory -> prove with the flow diff -> demote the recognized items whose flows
 * differ back to as-is and prove again. A wrong recognizer costs idiom, never correctness.
 */
import { Renderer } from '../constructs/cluster-settings';
import { NamespaceBase } from '../constructs/namespace-base';
import type { FlowDiff } from '../diff/flow-change';
import { InputError } from '../cli/input-error';
import { refuseDuplicateObjects } from '../manifests/duplicates';
import { describeSource, type Manifest } from '../manifests/manifest';
import { compareText } from '../model/compare';
import { checkDnsLabel } from '../model/names';
import { PolicyError } from '../model/policy-error';
import * as api from '../public';
import { acceptOneSided, asIsItems, DEFAULT_NAMESPACE, isPolicyManifest, objectLabel, uniqueId } from './as-is';
import type { CodeStatement, CodeValue, ImportFinding, ImportItem } from './code-model';
import { inputNotices } from './input-notices';
import { namespaceItem } from './namespace-item';
import { references } from './print-code';
import { buildImport, proveImport, type BuiltImport } from './prove';
import { RECOGNIZERS, type ImportContext, type Recognizer } from './recognizers';

/** Options of `importManifests`. */
export interface ImportOptions {
  /**
   * The cluster name (the generated `NetpolCluster`'s, and its output folder `dist/<name>/`).
   * @default 'cluster'
   */
  readonly clusterName?: string;
  /**
   * The renderer of the generated cluster; the proof models the matching CNI.
   * @default - `Renderer.KUBERNETES` when the input holds NetworkPolicies and no Cilium policy, else `Renderer.CILIUM`
   */
  readonly renderer?: Renderer;
  /**
   * The recognizers to run, in order.
   * @default RECOGNIZERS
   */
  readonly recognizers?: readonly Recognizer[];
}

/** What `importManifests` decided and proved. */
export interface ImportResult {
  /** The cluster name. */
  readonly clusterName: string;
  /** The renderer of the generated cluster. */
  readonly renderer: Renderer;
  /** Whether the renderer was inferred from the input (no `renderer` option). */
  readonly rendererInferred: boolean;
  /** The items of each generated file (`cluster`, `namespaces/<ns>`), in the order `main.ts` calls them. */
  readonly files: ReadonlyMap<string, readonly ImportItem[]>;
  /** Every finding of the items, then the input notices, in file order. */
  readonly findings: readonly ImportFinding[];
  /** The flow diff of the input against the generated definition: empty when equivalent. */
  readonly proof: FlowDiff;
  /** The generated definition's synthesized files (`<cluster>/<file>.yaml`). */
  readonly synthesized: ReadonlyMap<string, string>;
  /**
   * The recognized items put back to as-is, one short line each (what, and why in a few words):
   * the library refused their code, or the proof showed their flows differ.
   */
  readonly demoted: readonly string[];
  /** The library's full refusals that demoted items (`demoted`), each once, with the input object and file of each construct path. */
  readonly refusals: readonly string[];
  /** Recognizers that failed, one line each; their manifests were imported as-is. */
  readonly recognizerErrors: readonly string[];
  /** The input objects that are neither policies nor Namespaces and no recognizer claimed, left out (e.g. a Deployment), by `kind`. */
  readonly ignored: ReadonlyMap<string, number>;
  /** How many input objects recognized items cover, and how many policies were kept as-is. */
  readonly counts: { readonly recognized: number; readonly asIs: number; readonly namespaces: number };
}

/**
 * Imports manifests into a cluster definition and proves it allows exactly the input's flows.
 *
 * @param manifests the input, as read by `loadManifests` (validated)
 * @param options the cluster name, renderer and recognizers
 * @throws InputError when the input holds an object twice, holds no policy and no Namespace, or
 *   cannot be represented (a Cilium policy on the NetworkPolicy renderer, a spec the library refuses)
 */
export async function importManifests(manifests: readonly Manifest[], options: ImportOptions = {}): Promise<ImportResult> {
  const clusterName = options.clusterName ?? 'cluster';
  try {
    checkDnsLabel('cluster name', clusterName);
  } catch (error) {
    throw new InputError(`--cluster: ${(error as Error).message}`);
  }
  refuseDuplicateObjects(manifests, 'the input');
  const importable = manifests.filter((m) => isPolicyManifest(m) || isNamespace(m));
  if (importable.length === 0) throw new InputError('the input holds no NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or Namespace: nothing to import.');
  const hasCilium = importable.some((m) => isPolicyManifest(m) && m.object.kind !== 'NetworkPolicy');
  const hasKubernetes = importable.some((m) => m.object.kind === 'NetworkPolicy');
  const renderer = options.renderer ?? (hasKubernetes && !hasCilium ? Renderer.KUBERNETES : Renderer.CILIUM);
  const context: ImportContext = { renderer, namespaces: namespacesOf(importable) };

  // Recognizers in order, each offered what the earlier ones left.
  const recognized: ImportItem[] = [];
  const recognizerErrors: string[] = [];
  // Recognizers see every object: the baseline's enforcement alerts are a PrometheusRule.
  let remaining: readonly Manifest[] = manifests;
  for (const recognizer of options.recognizers ?? RECOGNIZERS) {
    let items: ImportItem[];
    try {
      items = recognizer.recognize(remaining, { ...context, earlier: recognized });
    } catch (error) {
      recognizerErrors.push(`recognizer ${recognizer.name} failed (${(error as Error).message}); what it was offered is imported as-is.`);
      continue;
    }
    const claimed = new Set(items.flatMap((item) => item.covers));
    recognized.push(...items.map((item) => ({ ...item, recognizer: recognizer.name })));
    remaining = remaining.filter((m) => !claimed.has(m));
  }

  const demoted: string[] = [];
  const refusals: string[] = [];
  let kept = recognized;
  for (;;) {
    const composed = compose(importable, kept, context);
    let built: BuiltImport;
    try {
      built = await buildWithOneSided(composed, clusterName, renderer);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      if (kept.length > 0) {
        // Demote the items the refusal names (and what refers to them); all only when it names none.
        const culprits = refusedItems(kept, composed, error, clusterName);
        const drop = new Set(culprits.size > 0 ? withDependents(kept, [...culprits.keys()]) : kept);
        const allProblems = error.problems ?? [error.message.split('\n').filter((l) => l.trim() !== '').at(-1) ?? error.message];
        demoted.push(...[...drop].map((item) => {
          const problems = culprits.get(item);
          const what = culprits.size === 0 ? 'the recognized code' : problems !== undefined ? 'it' : 'an item it refers to';
          return `${describeItem(item)}: the library refused ${what} (${refusalKind(problems ?? allProblems)}; see the refusal below)`;
        }));
        const refusal = withInputFiles(error, composed, clusterName);
        if (!refusals.includes(refusal)) refusals.push(refusal);
        kept = kept.filter((item) => !drop.has(item));
        continue;
      }
      throw new InputError(`the input cannot be imported as it is: the library refuses it.\n${withInputFiles(error, composed, clusterName)}`);
    }
    const proof = proveImport(importable, built.manifests, renderer === Renderer.KUBERNETES ? 'kubernetes' : 'cilium');
    if (proof.changes.length > 0 && kept.length > 0) {
      const suspects = suspectItems(kept, proof);
      const drop = new Set(suspects.length > 0 && suspects.length < kept.length ? withDependents(kept, suspects) : kept);
      demoted.push(...[...drop].map((item) => `${describeItem(item)}: its flows differed from the input (${proof.changes.length} flow${proof.changes.length === 1 ? '' : 's'} changed)`));
      kept = kept.filter((item) => !drop.has(item));
      continue;
    }
    const covered = new Set(kept.flatMap((item) => item.covers));
    const ignored = new Map<string, number>();
    for (const m of manifests) if (!importable.includes(m) && !covered.has(m)) ignored.set(m.object.kind, (ignored.get(m.object.kind) ?? 0) + 1);
    return {
      clusterName,
      renderer,
      rendererInferred: options.renderer === undefined,
      files: composed,
      findings: [...[...composed.values()].flat().flatMap((item) => item.findings), ...inputNotices(manifests)],
      proof,
      synthesized: built.files,
      demoted,
      refusals,
      recognizerErrors,
      ignored: new Map([...ignored].sort(([a], [b]) => compareText(a, b))),
      counts: {
        recognized: covered.size,
        asIs: importable.filter((m) => isPolicyManifest(m) && !covered.has(m)).length,
        namespaces: context.namespaces.size,
      },
    };
  }
}

function isNamespace(manifest: Manifest): boolean {
  return manifest.object.kind === 'Namespace' && manifest.object.apiVersion === 'v1';
}

/** Every namespace of the input, sorted: Namespace objects, and the namespaces of namespaced policies. */
function namespacesOf(manifests: readonly Manifest[]): Map<string, Manifest | undefined> {
  const found = new Map<string, Manifest | undefined>();
  for (const m of manifests) {
    if (isNamespace(m)) found.set(m.object.metadata.name, m);
    else if (m.object.kind !== 'CiliumClusterwideNetworkPolicy') {
      const ns = m.object.metadata.namespace ?? DEFAULT_NAMESPACE;
      if (!found.has(ns)) found.set(ns, undefined);
    }
  }
  return new Map([...found].sort(([a], [b]) => compareText(a, b)));
}

/** A recognized item with the recognizer that made it, for the report. */
type Tagged = ImportItem & { readonly recognizer?: string };

/**
 * The generated files: the recognized items kept, a declaration for every namespace they do not
 * declare, and the as-is items for every policy they do not cover; `cluster` first, then the
 * other files sorted, each file's namespace declaration first.
 */
function compose(importable: readonly Manifest[], kept: readonly ImportItem[], context: ImportContext): Map<string, ImportItem[]> {
  const ids = new Set<string>();
  const declared = new Set<string>();
  for (const item of kept) {
    for (const statement of item.statements) {
      if (statement.kind !== 'new' || statement.scope !== 'cluster') continue;
      ids.add(statement.id);
      const namespace = declaredNamespace(statement);
      if (namespace !== undefined) declared.add(namespace);
    }
  }
  const covered = new Set(kept.flatMap((item) => item.covers));
  const namespaceItems: ImportItem[] = [];
  for (const [name, manifest] of context.namespaces) {
    if (declared.has(name)) continue;
    const isolated = importable.some((m) => isFullDefaultDeny(m, name));
    namespaceItems.push(namespaceItem(name, manifest !== undefined && covered.has(manifest) ? undefined : manifest, { renderer: context.renderer, isolated, id: uniqueId(name, ids) }));
  }
  const asIs = importable.filter((m) => isPolicyManifest(m) && !covered.has(m))
    .flatMap((m) => asIsItems(m, { renderer: context.renderer, why: whyAsIs(m), ids }));
  const byFile = new Map<string, ImportItem[]>();
  for (const item of [...namespaceItems, ...kept, ...asIs]) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  const order = [...byFile.keys()].sort((a, b) => Number(b === 'cluster') - Number(a === 'cluster') || compareText(a, b));
  return new Map(order.map((file) => [file, byFile.get(file)!]));
}

function whyAsIs(manifest: Manifest): string {
  return manifest.object.kind === 'NetworkPolicy' ? 'a NetworkPolicy, kept as written' : 'no pattern of the design matches it';
}

/** The namespace a `new` statement declares, when its construct is a namespace (`NamespaceBase`). */
function declaredNamespace(statement: Extract<CodeStatement, { kind: 'new' }>): string | undefined {
  const construct = (api as Record<string, unknown>)[statement.construct];
  if (typeof construct !== 'function' || !(construct.prototype instanceof NamespaceBase)) return undefined;
  const props = statement.props;
  const name = isObjectValue(props) ? props.entries.find(([key]) => key === 'name')?.[1] : undefined;
  return typeof name === 'string' ? name : statement.id;
}

function isObjectValue(value: CodeValue | undefined): value is Extract<CodeValue, { kind: 'object' }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { kind?: string }).kind === 'object';
}

/** A NetworkPolicy of the namespace selecting every pod, both policy types, no rule: what the renderer's `default-deny` is. */
function isFullDefaultDeny(manifest: Manifest, namespace: string): boolean {
  if (manifest.object.kind !== 'NetworkPolicy' || (manifest.object.metadata.namespace ?? DEFAULT_NAMESPACE) !== namespace) return false;
  const spec = (manifest.object as { spec?: Record<string, unknown> }).spec ?? {};
  const selector = spec.podSelector as Record<string, unknown> | undefined;
  const everyPod = selector === undefined || Object.values(selector).every((v) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0));
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  const empty = (rules: unknown): boolean => rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
  return everyPod && types.includes('Ingress') && types.includes('Egress') && empty(spec.ingress) && empty(spec.egress);
}

/**
 * Builds the definition; when synthesis refuses one-sided flows of as-is policies (their other
 * end is as the repository wrote it), those policies accept them with a reason and it builds again.
 */
async function buildWithOneSided(files: Map<string, ImportItem[]>, clusterName: string, renderer: Renderer): Promise<BuiltImport> {
  try {
    return await buildImport(files, clusterName, renderer);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const paths = new Set((error.problems ?? [error.message]).filter((p) => / One-sided flow: /.test(p)).map((p) => /^\[([^\]]+)\]/.exec(p)?.[1]).filter((p) => p !== undefined));
    if (paths.size === 0) throw error;
    let changed = false;
    for (const [file, items] of files) {
      files.set(file, items.map((item) => {
        const statement = item.statements[0];
        if (item.statements.length !== 1 || statement.kind !== 'new' || !paths.has(`${clusterName}/${statement.id}`)) return item;
        const accepted = acceptOneSided(item);
        if (accepted !== item) changed = true;
        return accepted;
      }));
    }
    if (!changed) throw error;
    return buildImport(files, clusterName, renderer);
  }
}

/** The recognized items that cover a manifest of a namespace a changed flow starts or ends in, or a cluster-wide policy. */
function suspectItems(kept: readonly ImportItem[], proof: FlowDiff): ImportItem[] {
  const namespaces = new Set(proof.changes.flatMap((c) => [c.from, c.to]).filter((end) => !end.includes(':')).map((end) => end.split('/')[0]));
  return kept.filter((item) => item.file === 'cluster' || item.covers.some((m) => {
    const ns = m.object.kind === 'Namespace' ? m.object.metadata.name : m.object.metadata.namespace;
    return ns === undefined || namespaces.has(ns);
  }));
}

/** The items and every kept item of the same file that refers to a binding they make. */
function withDependents(kept: readonly ImportItem[], items: readonly ImportItem[]): ImportItem[] {
  const drop = new Set(items);
  for (let grew = true; grew;) {
    grew = false;
    const bindings = new Set([...drop].flatMap((item) => item.statements.flatMap((s) => (s.kind !== 'method' && s.binding !== undefined ? [`${item.file}:${s.binding}`] : []))));
    for (const item of kept) {
      if (drop.has(item)) continue;
      if (item.statements.some((s) => references(s).some((name) => bindings.has(`${item.file}:${name}`)))) {
        drop.add(item);
        grew = true;
      }
    }
  }
  return [...drop];
}

function describeItem(item: Tagged): string {
  const labels = item.covers.map(objectLabel);
  const covers = labels.length > 3 ? `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more` : labels.join(', ');
  return `${item.recognizer === undefined ? '' : `${item.recognizer}: `}${item.file}${covers === '' ? '' : ` (${covers})`}`;
}

/** The refusal's lines, each `[construct path]` followed by the input object and file it reproduces. */
function withInputFiles(error: PolicyError, files: ReadonlyMap<string, readonly ImportItem[]>, clusterName: string): string {
  const sources = new Map<string, string>();
  for (const item of [...files.values()].flat()) {
    const covered = item.covers[0];
    if (covered === undefined) continue;
    for (const statement of item.statements) {
      if (statement.kind === 'new') sources.set(`${clusterName}/${statement.id}`, `${objectLabel(covered)} (${describeSource(covered.source)})`);
    }
  }
  return error.message.replace(/\[([^\]\n]+)\]/g, (whole, path: string) => (sources.has(path) ? `${whole} ${sources.get(path)}:` : whole));
}

/**
 * The kept items a refusal names, with the problems naming each: each problem's `[construct path]`
 * is blamed on the item whose `new` statement makes the longest prefix of it; a problem naming no
 * kept item blames none.
 */
function refusedItems(kept: readonly ImportItem[], files: ReadonlyMap<string, readonly ImportItem[]>, error: PolicyError, clusterName: string): Map<ImportItem, string[]> {
  const made = new Map<string, ImportItem>();
  for (const items of files.values()) {
    const bindings = new Map<string, string>([['cluster', clusterName]]);
    for (const item of items) {
      for (const statement of item.statements) {
        if (statement.kind !== 'new') continue;
        const scope = bindings.get(statement.scope);
        if (scope === undefined) continue;
        const path = `${scope}/${statement.id}`;
        made.set(path, item);
        if (statement.binding !== undefined) bindings.set(statement.binding, path);
      }
    }
  }
  const problems: [string | undefined, string][] = error.problems !== undefined
    ? error.problems.map((p) => [/^\s*\[([^\]\n]+)\]/.exec(p)?.[1], p])
    : [[error.constructPath, error.message]];
  const blamed = new Map<ImportItem, string[]>();
  for (const [path, problem] of problems) {
    if (path === undefined) continue;
    const segments = path.split('/');
    for (let n = segments.length; n > 1; n--) {
      const item = made.get(segments.slice(0, n).join('/'));
      if (item === undefined) continue;
      if (kept.includes(item)) blamed.set(item, [...(blamed.get(item) ?? []), problem]);
      break;
    }
  }
  return blamed;
}

/** Refused problems in a few words: each one's kind (`One-sided flow`), else its first words, without repeats. */
function refusalKind(problems: readonly string[]): string {
  const kinds = [...new Set(problems.map((problem) => {
    const text = problem.replace(/^\s*\[[^\]\n]+\]\s*/, '');
    const short = /^([A-Z][\w -]{2,40}):/.exec(text)?.[1] ?? text.split(/[.:;(]/)[0].trim();
    return short.length > 60 ? `${short.slice(0, 59)}…` : short;
  }))];
  return kinds.length > 2 ? `${kinds.slice(0, 2).join(', ')} and ${kinds.length - 2} more` : kinds.join(', ');
}
