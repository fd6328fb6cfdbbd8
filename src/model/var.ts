import { withProblems } from './problems';

/**
 * A Flux post-build variable name: kustomize-controller accepts `^[_[:alpha:]][_[:alpha:][:digit:]]*$`
 * (fluxcd.io, Kustomization, "Post build variable substitution").
 */
const FLUX_NAME = /^[_A-Za-z][_A-Za-z0-9]*$/;

/** A whole value that is one Flux variable reference, `${name}`. */
const FLUX_REFERENCE = /^\$\{([_A-Za-z][_A-Za-z0-9]*)\}$/;

/** Every Flux variable reference inside a text. */
const FLUX_REFERENCES = /\$\{([_A-Za-z][_A-Za-z0-9]*)\}/g;

/**
 * A value the GitOps tool fills in after the build, written where a CIDR, a port or a label
 * value is taken. Flux's post-build substitution (`spec.postBuild.substitute` of the
 * Kustomization) replaces `${name}` in the applied manifests, so one definition serves clusters
 * whose node subnet or ports differ.
 *
 * The library writes `${name}` into the output, checks everything around it with a stand-in
 * (`192.0.2.0/24` for a CIDR, port 1, label value `x`: the schema validation of the rendered
 * objects runs with them) and lists the variables in the cluster folder's `kustomization.yaml`.
 *
 * @example Peer.cidr(Var.flux('cluster_node_subnet'), { reason: 'the node subnet' }), Port.tcp(Var.flux('app_port'))
 */
export class Var {
  /**
   * A Flux post-build variable, rendered `${name}`.
   *
   * @param name the variable name: letters, digits and '_', not starting with a digit
   */
  static flux(name: string): Var {
    // Problems are attached, not thrown (src/model/problems.ts): the construct using the value reports them.
    if (typeof name !== 'string' || !FLUX_NAME.test(name)) {
      const hint = String(name).replace(/[^_A-Za-z0-9]/g, '_').replace(/^(\d)/, '_$1');
      return withProblems(new Var(String(name)), [`Invalid Flux variable name "${String(name)}": Flux accepts letters, digits and '_', not starting with a digit (^[_[:alpha:]][_[:alpha:][:digit:]]*$).${hint && hint !== name ? ` Did you mean "${hint}"?` : ''}`]);
    }
    return new Var(name);
  }

  private constructor(
    /** The variable name. */
    readonly name: string,
  ) {}

  /** `${name}`: what the output carries. */
  toString(): string {
    return `\${${this.name}}`;
  }
}

/**
 * The variable a whole value refers to (`${cluster_node_subnet}` gives `cluster_node_subnet`).
 *
 * @param value a CIDR, port or label value as text
 * @returns the variable name, or undefined when the value is a literal
 */
export function fluxVariable(value: unknown): string | undefined {
  return typeof value === 'string' ? FLUX_REFERENCE.exec(value)?.[1] : undefined;
}

/**
 * Every Flux variable a text refers to, in order of appearance.
 *
 * @param text any text
 */
export function fluxVariablesIn(text: string): string[] {
  return [...text.matchAll(FLUX_REFERENCES)].map((m) => m[1]);
}

/**
 * A value as the model keeps it: a Var becomes its `${name}` text.
 *
 * @param value a literal or a Var
 */
export function valueText<T extends string | number>(value: T | Var): T | string {
  return value instanceof Var ? value.toString() : value;
}
