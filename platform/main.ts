import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { synthesizeMain } from '../src';
import { edge } from './edge';
import { homelab } from './homelab';

// The cdk8s app: `npm run synth` (`cdk8s synth`) runs this file (cdk8s.yaml) and it writes
// `dist/<cluster>/` for every cluster: `homelab` (Cilium) and `edge` (k3s, NetworkPolicy). A refused
// definition prints every problem and exits with status 2, leaving dist/ as it was.
const app = new App();
homelab(app);
edge(app);
// examples/app-repo is an app repo of the homelab cluster: it keeps a copy of the platform's
// contract, as an app repo would copy it from this repo's dist/homelab/ (test/contract checks it).
void synthesizeMain(app).then((status) => {
  if (status !== 0) return;
  const root = path.join(__dirname, '..');
  const copy = path.join(root, 'examples', 'app-repo', 'platform.json');
  const contract = fs.readFileSync(path.join(root, 'dist', 'homelab', 'platform.json'));
  if (!fs.existsSync(copy) || !fs.readFileSync(copy).equals(contract)) fs.writeFileSync(copy, contract);
});
