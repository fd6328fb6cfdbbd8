/** Where a manifest came from: the file and the position of its document in that file. */
export interface ManifestSource {
  /** The file path as the user gave it (relative paths stay relative). */
  readonly file: string;
  /** The 0-based index of the YAML document in the file (0 for JSON). */
  readonly document: number;
}

/** A Kubernetes object read from a file, with its source for error messages. */
export interface Manifest {
  /** The object as parsed: `apiVersion`, `kind`, `metadata`, ... */
  readonly object: KubeObject;
  /** Where the object was read from. */
  readonly source: ManifestSource;
}

/** The loosely typed shape every Kubernetes object shares. */
export interface KubeObject {
  /** The API group and version, e.g. `cilium.io/v2`. */
  readonly apiVersion: string;
  /** The kind, e.g. `CiliumNetworkPolicy`. */
  readonly kind: string;
  /** The object's metadata; the loader has checked the fields below. */
  readonly metadata: {
    /** `metadata.name`, never empty. */
    readonly name: string;
    /** @default - none: a cluster-scoped object, or the namespace applied at deploy time */
    readonly namespace?: string;
    /** @default - no labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - no annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** Every other field (`spec`, `specs`, ...), unchecked. */
  readonly [field: string]: unknown;
}

/**
 * Names where a manifest was read, as error messages do: `file`, or `file (document 3)` for the
 * third document of a multi-document file (counted from 1, like `parseManifests`' messages).
 *
 * @param source the manifest's source
 */
export function describeSource(source: ManifestSource): string {
  return source.document > 0 ? `${source.file} (document ${source.document + 1})` : source.file;
}

/**
 * Names a manifest: `file Kind namespace/name`, with the file as `describeSource` writes it.
 *
 * @param manifest the manifest to describe
 */
export function describeManifest(manifest: Manifest): string {
  const { object, source } = manifest;
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${describeSource(source)} ${object.kind} ${ns}${object.metadata.name}`;
}
