import { App } from 'cdk8s';
import { synthesizeMain } from 'cdk8s-netpol';
import { blog } from './blog';

// `npx cdk8s synth` runs this file (cdk8s.yaml): it writes dist/homelab/, or prints what is
// wrong and exits with status 2.
const app = new App();
blog(app);
void synthesizeMain(app);
