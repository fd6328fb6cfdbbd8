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
void synthesizeMain(app);
