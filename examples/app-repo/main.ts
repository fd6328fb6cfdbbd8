import { App } from 'cdk8s';
import { PolicyError, synthesize } from 'cdk8s-netpol';
import { blog } from './blog';

/** `npx cdk8s synth` runs this file (cdk8s.yaml): it writes dist/homelab/. */
async function main(): Promise<void> {
  const app = new App();
  blog(app);
  const result = await synthesize(app);
  process.stdout.write(`Synthesized ${result.files.size} files into ${result.outdir}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof PolicyError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
});
