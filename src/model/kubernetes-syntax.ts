/**
 * The syntax rules the Kubernetes API server applies to names, label keys and label values,
 * as pure predicates. Each returns undefined when the text is valid, or what is wrong with it.
 *
 * Source: k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Label,
 * IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue, IsValidPortNum), used by
 * ValidateObjectMeta (namespace names), ValidateLabels and ValidateLabelSelector.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** qualifiedNameFmt: `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`. */
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** labelValueFmt: `(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?`; also the pattern of Cilium's CRD for matchLabels values. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Why a name is not a DNS-1123 label (namespace names): at most 63 lowercase letters, digits
 * and '-', starting and ending with a letter or digit.
 *
 * @param name the name
 * @returns undefined when valid, else the problem
 */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length > 63) return `is ${name.length} characters long; a DNS-1123 label has at most 63`;
  if (!DNS1123_LABEL.test(name)) return `is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)${lookalike(name)}`;
  return undefined;
}

/**
 * Why a name is not a DNS-1123 subdomain (names of policies): at most 253 characters,
 * dot-separated DNS-1123 labels.
 *
 * @param name the name
 * @returns undefined when valid, else the problem
 */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return `is ${name.length} characters long; a DNS-1123 subdomain has at most 253`;
  if (!DNS1123_SUBDOMAIN.test(name)) return `is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)${lookalike(name)}`;
  return undefined;
}

/**
 * Why a label (or annotation) key is not a qualified name: an optional DNS-1123 subdomain prefix
 * and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a
 * letter or digit.
 *
 * @param key the key
 * @returns undefined when valid, else the problem
 */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `has more than one '/'; a label key is [prefix/]name${lookalike(key)}`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before \'/\'';
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `has the prefix "${prefix}", which ${problem}`;
  }
  if (name === '') return 'has an empty name; a label key is [prefix/]name';
  if (name.length > 63) return `has a name part of ${name.length} characters; at most 63`;
  if (!QUALIFIED_NAME.test(name)) return `is not a valid label key: the name part has letters, digits, '-', '_' and '.', starting and ending with a letter or digit${lookalike(name)}`;
  return undefined;
}

/**
 * Why a label value is invalid: at most 63 letters, digits, '-', '_' or '.', starting and ending
 * with a letter or digit, or empty.
 *
 * @param value the value
 * @returns undefined when valid, else the problem
 */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long; a label value has at most 63`;
  if (!LABEL_VALUE.test(value)) return `is not a valid label value (letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty)${lookalike(value)}`;
  return undefined;
}

/**
 * Names the first character outside ASCII, if any: `kube-ѕystem` (Cyrillic `ѕ`) looks valid
 * but is not, so the message says which character it is.
 */
function lookalike(text: string): string {
  for (const [index, char] of [...text].entries()) {
    const code = char.codePointAt(0)!;
    if (code > 0x7e || code < 0x20) {
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return code < 0x20 || (code >= 0x7f && code < 0xa0)
        ? `; character ${index + 1} is the control character ${hex}`
        : `; character ${index + 1} is ${hex} ("${char}"), not an ASCII letter, although it may look like one`;
    }
  }
  return '';
}
