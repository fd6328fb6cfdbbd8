/*
 * The check every recognizer makes before it claims anything: build the earlier items alone and
 * with the candidate in a scratch cluster, and take what the candidate adds to the rendered
 * output. For every subject whose rules the candidate changes, the input manifests claimed for
 * it (earlier and now) must allow exactly what the rendering allows there (`policy-shape.ts`);
 * every Namespace it writes must carry the input's labels; every other object (the alerts) must
 * equal the input's. Then the candidate's code synthesizes to exactly the flows of what it
 * claims, and the manifests it claims can leave the as-is fallback.
 */
import type { KubeObject, Manifest } from '../../manifests/manifest';
import { NAMESPACE_NAME_LABEL, PLATFORM_LABEL } from '../../model/labels';
import type { RenderedObject } from '../../render';
import type { ImportItem } from '../code-model';
import { isPolicyObject, namespaceShape, policyShape, type PolicyShape } from './policy-shape';
import type { ImportContext } from './recognizer';
import { isStandIn, renderScratch, type StandIn } from './scratch-cluster';

/** What a subject is allowed: the directions it is default-deny in and the atoms. */
interface Group {
  readonly directions: Set<string>;
  readonly atoms: Set<string>;
}

/** The outcome of `claimFor`: the manifests to cover, or why the candidate is refused. */
export type ClaimResult =
  | { readonly ok: true; readonly covers: readonly Manifest[] }
  | { readonly ok: false; readonly why: string };

/**
 * The input's namespaces as the scratch cluster's stand-ins: their labels (none for namespaces
 * the input only names).
 *
 * @param context the import context
 */
export function standInsOf(context: ImportContext): StandIn[] {
  return [...context.namespaces].map(([name, manifest]) => ({ name, labels: labelsOf(manifest?.object) }));
}

function labelsOf(object: KubeObject | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(object?.metadata.labels ?? {}).filter(([key]) => key !== NAMESPACE_NAME_LABEL));
}

/**
 * Decides which of `remaining` the `candidate` items reproduce exactly, given the earlier items.
 *
 * @param candidate the items to check (their `covers` is ignored)
 * @param remaining the manifests still unclaimed
 * @param context the renderer, the namespaces and the earlier items
 */
export function claimFor(candidate: readonly ImportItem[], remaining: readonly Manifest[], context: ImportContext): ClaimResult {
  const earlier = context.earlier ?? [];
  const standIns = standInsOf(context);
  const before = renderedBefore(earlier, context, standIns);
  const after = renderScratch([...earlier, ...candidate], context.renderer, standIns);
  if (!before.ok) return { ok: false, why: `the earlier items do not build: ${before.problems.join('; ')}` };
  if (!after.ok) return { ok: false, why: after.problems.join('; ') };
  return matchDelta(before.objects, after.objects, remaining, earlier.flatMap((item) => item.covers), context);
}

/**
 * The rendering of the earlier items alone, kept by content (recognizers check many candidates
 * against the same earlier items); a few entries at most.
 */
const BEFORE = new Map<string, ReturnType<typeof renderScratch>>();

function renderedBefore(earlier: readonly ImportItem[], context: ImportContext, standIns: readonly StandIn[]): ReturnType<typeof renderScratch> {
  const key = JSON.stringify([context.renderer, standIns, earlier.map((item) => [item.statements, item.clusterProps])]);
  const cached = BEFORE.get(key);
  if (cached !== undefined) return cached;
  const result = renderScratch(earlier, context.renderer, standIns);
  if (BEFORE.size >= 8) BEFORE.delete(BEFORE.keys().next().value!);
  BEFORE.set(key, result);
  return result;
}

function matchDelta(before: readonly RenderedObject[], after: readonly RenderedObject[], remaining: readonly Manifest[], earlierCovers: readonly Manifest[], context: ImportContext): ClaimResult {
  const covers: Manifest[] = [];
  const taken = new Set<Manifest>();
  // Policies: every subject the candidate changes.
  const groupsBefore = groupShapes(before.map((o) => o.object).filter(isPolicyObject));
  const groupsAfter = groupShapes(after.map((o) => o.object).filter(isPolicyObject));
  if (groupsBefore === undefined || groupsAfter === undefined) return { ok: false, why: 'the rendering holds a policy that cannot be compared' };
  const touched = [...groupsAfter.keys(), ...groupsBefore.keys()].filter((s) => !sameGroup(groupsBefore.get(s), groupsAfter.get(s)));
  const shapes = new Map<Manifest, PolicyShape>();
  for (const manifest of [...remaining, ...earlierCovers]) {
    if (!isPolicyObject(manifest.object)) continue;
    const shape = policyShape(manifest.object);
    if (shape !== undefined) shapes.set(manifest, shape);
  }
  for (const subject of new Set(touched)) {
    const target = groupsAfter.get(subject) ?? { directions: new Set(), atoms: new Set() };
    const claimed: PolicyShape[] = earlierCovers.flatMap((m) => (shapes.get(m)?.subject === subject ? [shapes.get(m)!] : []));
    for (const manifest of remaining) {
      const shape = shapes.get(manifest);
      if (shape?.subject !== subject || taken.has(manifest)) continue;
      if (shape.directions.every((d) => target.directions.has(d)) && shape.atoms.every((a) => target.atoms.has(a))) {
        claimed.push(shape);
        covers.push(manifest);
        taken.add(manifest);
      }
    }
    const got = groupOf(claimed);
    if (!sameGroup(got, target)) {
      const missing = [...target.atoms].filter((a) => !got.atoms.has(a));
      const dirs = [...target.directions].filter((d) => !got.directions.has(d));
      return { ok: false, why: `the input does not allow what the code would for ${subject}: ${[...missing, ...dirs.map((d) => `default-deny ${d}`)].slice(0, 3).join('; ')}` };
    }
  }
  // Namespaces the candidate declares, and other objects it adds or changes (the alerts).
  const declaredBefore = new Set(before.filter((o) => o.object.kind === 'Namespace' && !isStandIn(o)).map((o) => o.object.metadata.name));
  const beforeKeys = new Set(before.map(objectKey));
  const inputPlatformLabel = remaining.some((m) => JSON.stringify(m.object).includes(PLATFORM_LABEL));
  for (const rendered of after) {
    const { object } = rendered;
    if (isPolicyObject(object)) continue;
    if (object.kind === 'Namespace') {
      const name = object.metadata.name;
      if (isStandIn(rendered) || declaredBefore.has(name)) continue;
      const input = context.namespaces.get(name);
      if (input === undefined) {
        // Not in the input: the code must not give it labels the input's flows never saw.
        const labels = Object.keys(labelsOf(object)).filter((k) => k !== 'app.kubernetes.io/managed-by' && (inputPlatformLabel || k !== PLATFORM_LABEL));
        if (rendered.unapplied !== true || labels.length > 0) return { ok: false, why: `namespace ${name} is not in the input, and the code would give it labels (${labels.join(', ')})` };
        continue;
      }
      if (namespaceShape(input.object) !== namespaceShape(object)) return { ok: false, why: `namespace ${name} would get labels ${namespaceShape(object)}, the input has ${namespaceShape(input.object)}` };
      if (remaining.includes(input) && !taken.has(input)) {
        covers.push(input);
        taken.add(input);
      }
      continue;
    }
    if (beforeKeys.has(objectKey(rendered))) continue;
    const same = remaining.find((m) => !taken.has(m) && m.object.kind === object.kind && m.object.metadata.name === object.metadata.name
      && m.object.metadata.namespace === object.metadata.namespace && sortedJson(m.object.spec) === sortedJson(object.spec));
    if (same === undefined) return { ok: false, why: `the input has no ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} as the code would write it` };
    covers.push(same);
    taken.add(same);
  }
  return { ok: true, covers };
}

function objectKey(rendered: RenderedObject): string {
  const { object } = rendered;
  return `${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name}|${JSON.stringify(object.spec)}`;
}

function groupShapes(objects: readonly KubeObject[]): Map<string, Group> | undefined {
  const shapes = objects.map(policyShape);
  if (shapes.some((s) => s === undefined)) return undefined;
  const groups = new Map<string, PolicyShape[]>();
  for (const shape of shapes as PolicyShape[]) groups.set(shape.subject, [...(groups.get(shape.subject) ?? []), shape]);
  return new Map([...groups].map(([subject, list]) => [subject, groupOf(list)]));
}

function groupOf(shapes: readonly PolicyShape[]): Group {
  return { directions: new Set(shapes.flatMap((s) => s.directions)), atoms: new Set(shapes.flatMap((s) => s.atoms)) };
}

function sameGroup(a: Group | undefined, b: Group | undefined): boolean {
  const set = (s: Set<string> | undefined): string => [...(s ?? [])].sort().join('\n');
  return set(a?.directions) === set(b?.directions) && set(a?.atoms) === set(b?.atoms);
}

/** JSON with every object's keys sorted: equal for equal values whatever order the YAML had. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}

/**
 * Claims for independent candidates (one per profile, service, namespace ...): all together when
 * they pass together, else each that passes on its own, then those together again. Returns the
 * candidates that passed with their `covers`, in the given order.
 *
 * @param candidates one item each
 * @param remaining the manifests still unclaimed
 * @param context the renderer, the namespaces and the earlier items
 */
export function claimEach(candidates: readonly ImportItem[], remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
  if (candidates.length === 0) return [];
  const together = claimFor(candidates, remaining, context);
  if (together.ok) return withCovers(candidates, together.covers, remaining, context);
  const passing = candidates.filter((c) => claimFor([c], remaining, context).ok);
  if (passing.length === 0 || passing.length === candidates.length) return [];
  return claimEach(passing, remaining, context);
}

/** Splits the covers of items claimed together among them: each gets what it claims alone, the rest goes to the first. */
function withCovers(items: readonly ImportItem[], covers: readonly Manifest[], remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
  if (items.length === 1) return [{ ...items[0], covers }];
  const left = new Set(covers);
  const result = items.map((item) => {
    const alone = claimFor([item], remaining, context);
    const own = alone.ok ? alone.covers.filter((m) => left.has(m)) : [];
    for (const m of own) left.delete(m);
    return { ...item, covers: own };
  });
  return result.map((item, i) => (i === 0 ? { ...item, covers: [...item.covers, ...[...left]] } : item));
}
