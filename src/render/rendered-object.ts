/** The metadata the library writes. */
export interface RenderedMetadata {
  /** The object name. */
  readonly name: string;
  /** @default - cluster-scoped */
  readonly namespace?: string;
  /** @default - no labels */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - no annotations */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A manifest produced by a renderer, before validation and serialization. */
export interface RenderedObject {
  /** The output file (without `.yaml`) the object goes to, e.g. `baseline` or `app-blog`. */
  readonly file: string;
  /** The object as plain JSON: `apiVersion`, `kind`, `metadata`, ... */
  readonly object: Readonly<Record<string, unknown>> & { readonly apiVersion: string; readonly kind: string; readonly metadata: RenderedMetadata };
  /** The construct that declared it, for errors. */
  readonly constructPath: string;
  /**
   * Comments to write above nodes of the YAML, keyed by the node's path joined with '.'
   * (`spec.egress.0`, `''` for the whole document); used for rule descriptions and stated downgrades.
   * @default - none
   */
  readonly comments?: ReadonlyMap<string, string>;
}

/** The labels every object the library renders carries. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' };

/** The annotation that names the construct an object came from. */
export const SOURCE_ANNOTATION = 'network-policy.homelab/source';
