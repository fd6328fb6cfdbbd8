/**
 * Compares two strings by UTF-16 code units: the one order every sort in the library uses, so
 * output never depends on the machine's locale (`localeCompare` does: ICU data and the `LANG`
 * setting change it).
 *
 * @param a one string
 * @param b the other
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
