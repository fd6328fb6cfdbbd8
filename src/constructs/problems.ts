import type { IConstruct } from 'constructs';
import { Problems } from '../model/problems';

/*
 * A construct's problems: the construct half of the mechanism described in src/model/problems.ts.
 * Constructs never throw on bad input; they record it here and synthesis reports everything at
 * once with the construct path (`[homelab/blog] Invalid namespace name "Blog": ...`).
 */

const lists = new WeakMap<IConstruct, Problems>();

/**
 * The problem list of a construct, registered as one of its validations on first use.
 *
 * @example
 * const problems = problemsOf(this);
 * problems.addFrom(peer, ports);                                   // the values it receives
 * problems.check(() => checkDnsLabel('namespace name', name));     // a throwing check
 * if (props.ports.length === 0) problems.add('... has no ports: list the ports, e.g. [Port.tcp(8080)].');
 *
 * @param scope the construct
 */
export function problemsOf(scope: IConstruct): Problems {
  let problems = lists.get(scope);
  if (!problems) {
    const list = new Problems();
    scope.node.addValidation({ validate: () => [...list.messages] });
    lists.set(scope, list);
    problems = list;
  }
  return problems;
}
