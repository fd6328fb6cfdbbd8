/** The lifecycle scripts a packed manifest leaves out. */
export const UNPACKED_SCRIPTS: readonly string[];
/** The package.json text for the tarball: without the scripts of `UNPACKED_SCRIPTS`. */
export function packedManifest(text: string): string;
