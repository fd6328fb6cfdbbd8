import { App } from 'cdk8s';
import { PolicyError, synthesize } from '../src';
import { edge } from './edge';
import { homelab } from './homelab';

/**
 * The cdk8s app: `npx cdk8s synth` runs this file (cdk8s.yaml) and it writes `dist/<cluster>/` for
 * every cluster: `homelab` (Cilium) and `edge` (k3s, NetworkPolicy).
 */
async function main(): Promise<void> {
  const app = new App();
  homelab(app);
  edge(app);
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
