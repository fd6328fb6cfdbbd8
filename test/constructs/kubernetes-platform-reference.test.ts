import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AppNamespace, ClusterBaseline, Downgrade, NetpolCluster, Peer, PlatformReference, Port, Profile, Renderer, SharedService, synthesizeFiles } from '../../src';
import { expectRefused } from '../helpers';

describe('PlatformReference (application repositories)', () => {
  test('only the application namespace and its own policies are emitted', async () => {
    // GIVEN an app repo that references the platform's profiles and services
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab');
    new PlatformReference(cluster, 'platform');
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS]);
    // WHEN it is synthesized
    const files = await synthesizeFiles(app);
    // THEN the output is the namespace file and the kustomization, no baselines, profiles or alerts
    expect([...files.keys()]).toEqual(['homelab/app-blog.yaml', 'homelab/kustomization.yaml']);
    expect(files.get('homelab/app-blog.yaml')).toMatch(/kind: Namespace[\s\S]*kind: CiliumNetworkPolicy[\s\S]*matchName: api.github.com/);
  });

  test.each([
    [{ profile: 'standrad' }, /Unknown profile "standrad" for namespace blog: the cluster defines internal, internal-egress, isolated, standard. Did you mean "standard"\?/],
    [{ profile: 'standard', access: ['postgress'] }, /Unknown shared service "postgress" in the access list of namespace blog: .* Did you mean "postgres"\?/],
  ])('keeps the guardrails: fails for %j', async (props, message) => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab');
    new PlatformReference(cluster, 'platform');
    new AppNamespace(cluster, 'blog', props);
    await expect(synthesizeFiles(app)).rejects.toThrow(message);
  });

  test('names the profiles and services of the platform repository, checked and sorted', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab');
    const reference = new PlatformReference(cluster, 'platform', { profiles: ['standard', 'batch'], sharedServices: ['mariadb'] });
    expect([reference.profiles, reference.sharedServices]).toEqual([['batch', 'standard'], ['mariadb']]);
    new PlatformReference(cluster, 'bad', { profiles: ['Batch'] });
    await expectRefused(app, /\[homelab\/bad\] Invalid profile name "Batch"/);
  });

  test('fails on Renderer.KUBERNETES, naming what to declare instead', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'edge', { renderer: Renderer.KUBERNETES });
    new PlatformReference(cluster, 'platform');
    await expectRefused(app, /\[edge\/platform\] PlatformReference cannot be used with Renderer.KUBERNETES: NetworkPolicy is namespaced.*new ClusterBaseline\(cluster, 'baseline', \{ alerts: false \}\)/);
  });

  test('on Renderer.KUBERNETES an app repo declaring the platform parts writes only its own namespace', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'edge', { renderer: Renderer.KUBERNETES });
    new ClusterBaseline(cluster, 'baseline', { alerts: false });
    Profile.builtins(cluster);
    SharedService.builtins(cluster);
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta ranges') });
    const files = await synthesizeFiles(app);
    // (and a platform contract: on NetworkPolicy it declares the platform parts itself)
    expect([...files.keys()]).toEqual(['edge/app-blog.yaml', 'edge/kustomization.yaml', 'edge/platform.json']);
    const names = [...files.get('edge/app-blog.yaml')!.matchAll(/^  name: (.*)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['blog', 'access-postgres', 'app', 'baseline-dns', 'baseline-health', 'baseline-prometheus-scrape', 'default-deny', 'profile-standard']);
  });
});
