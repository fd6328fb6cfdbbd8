import type { IConstruct } from 'constructs';
import { PolicyError } from '../model/policy-error';
import { OutputError } from './output-error';
import { synthesize, type SynthesizeOptions } from './synthesize';

/**
 * The whole entry point of a cdk8s app written with this library (what `cdk8s.yaml`'s `app` runs):
 * synthesizes `root`, prints what was written, and when the definition is refused prints every
 * problem and sets exit status 2, writing nothing. Any other error is a bug of the library: its
 * stack is printed and the exit status is 3.
 *
 * @example
 * const app = new App();
 * homelab(app);
 * void synthesizeMain(app);
 *
 * @param root the cdk8s `App`
 * @param options the output directory
 * @returns the exit status it set: 0 written, 2 refused, 3 internal error
 */
export async function synthesizeMain(root: IConstruct, options: SynthesizeOptions = {}): Promise<number> {
  try {
    const result = await synthesize(root, options);
    process.stdout.write(`Synthesized ${result.files.size} files into ${result.outdir} (${result.changed.length} changed)\n`);
    return 0;
  } catch (error) {
    if (error instanceof PolicyError || error instanceof OutputError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return 2;
    }
    // Not a mistake in the definition: a bug of the library, with its stack for the report.
    process.stderr.write(`cdk8s-netpol: internal error (please report it):\n${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 3;
    return 3;
  }
}
