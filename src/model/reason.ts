import { PolicyError } from './policy-error';

/**
 * Characters that render as nothing, or rearrange the text around them, in a terminal, a YAML
 * file or a pull-request diff: control characters (other than the ordinary whitespace a reason
 * may wrap on) and format characters (Unicode category Cf: zero-width space U+200B, joiners,
 * the bidirectional overrides U+202A-U+202E and isolates U+2066-U+2069 of "Trojan Source",
 * CVE-2021-42574, the byte-order mark U+FEFF). A reason holding one would read differently in
 * review than it is.
 */
const HIDDEN = /[\p{Cc}\p{Cf}]/u;

/** Ordinary whitespace, which a reason may contain and which is collapsed to one space. */
const WHITESPACE = /[\s\p{Z}]+/gu;

/**
 * Letters that render as blank space although Unicode files them as letters or symbols: the
 * Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the braille blank (U+2800).
 */
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** A visible letter or digit in any script. */
const VISIBLE = /[\p{L}\p{N}]/u;

/**
 * What is wrong with a reason, or nothing when it is a visible one. A reason is an explicit,
 * reviewable opt-in written into the output, so it must be a string with at least one visible
 * letter or digit, and without characters that hide or reorder text (see `HIDDEN`).
 *
 * @param reason the value given as a reason
 * @returns the problem in a few words (`is blank`, `holds the invisible character U+200B`), or undefined
 */
export function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return reason === undefined ? 'is missing' : `is not text (${typeof reason})`;
  const hidden = [...reason].find((c) => HIDDEN.test(c) && !/[\t\n\v\f\r]/.test(c));
  if (hidden !== undefined) return `holds the invisible character ${codePoint(hidden)}`;
  const visible = reason.replace(WHITESPACE, '').replace(BLANK_LETTERS, '');
  if (visible === '') return 'is blank';
  if (!VISIBLE.test(visible)) return `has no letter or digit ("${reason.trim()}")`;
  return undefined;
}

/**
 * A reason as the output carries it: NFC-normalized, whitespace runs (newlines included)
 * collapsed to one space, trimmed.
 *
 * @param reason a reason `reasonProblem` accepts
 */
export function normalizeReason(reason: string): string {
  return reason.normalize('NFC').replace(WHITESPACE, ' ').trim();
}

/**
 * Checks a reason and returns it normalized (`normalizeReason`).
 *
 * @param reason the value given as a reason
 * @param what what asks for the reason, e.g. `disableEnforcement of namespace blog`
 * @param example a call with a reason, for the fix, e.g. `disableEnforcement: { reason: 'INC-42: debugging dropped traffic' }`
 * @param constructPath the construct at fault
 * @default constructPath - none: the reason is checked in a value factory
 * @throws PolicyError saying what is wrong with the reason and showing `example`
 */
export function checkReason(reason: unknown, what: string, example: string, constructPath?: string): string {
  const problem = reasonProblem(reason);
  if (problem !== undefined) {
    throw new PolicyError(`${what} needs a reason anyone can read in review, and the one given ${problem}: `
      + `write why in words, e.g. ${example}.`, constructPath);
  }
  return normalizeReason(reason as string);
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
