import type { TopologyDoc } from './run-probe';

const pod = (labels: Record<string, string>, ip: string): { labels: Record<string, string>; ip: string } => ({ labels, ip });

/**
 * One cluster for every example: the docs' `role=frontend/backend`, `app=myService`, `env=dev`,
 * `role=public`, `role=crawler`, `role=restricted`, `app=test-app` pods in `default`, the
 * `name=leia/luke` pods of the namespace examples in ns1/ns2 (namespace labels `faction`),
 * kube-dns, and external addresses. Pod IPs are inside 10.0.0.0/8 so CIDR rules over that range
 * would catch them if they selected pods.
 */
export const TOPOLOGY: TopologyDoc = {
  namespaces: {
    default: {
      pods: {
        frontend: pod({ role: 'frontend' }, '10.0.1.1'),
        backend: { ...pod({ role: 'backend' }, '10.0.1.2'), ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
        other: pod({ role: 'other' }, '10.0.1.3'),
        svc: pod({ app: 'myService' }, '10.0.1.4'),
        dev: pod({ env: 'dev' }, '10.0.1.5'),
        public: pod({ role: 'public' }, '10.0.1.6'),
        crawler: pod({ role: 'crawler' }, '10.0.1.7'),
        restricted: pod({ role: 'restricted' }, '10.0.1.8'),
        'test-app': pod({ app: 'test-app' }, '10.0.1.9'),
        'rebel-base': pod({ name: 'rebel-base' }, '10.0.1.10'),
        'sa-leia': { ...pod({ app: 'sa-demo' }, '10.0.1.11'), serviceAccount: 'leia' },
        'sa-luke': { ...pod({ app: 'sa-demo' }, '10.0.1.12'), serviceAccount: 'luke' },
        'sa-default': pod({ app: 'sa-demo' }, '10.0.1.13'),
        alliance: pod({ org: 'alliance' }, '10.0.1.14'),
      },
    },
    ns1: { labels: { faction: 'empire' }, pods: { leia: pod({ name: 'leia' }, '10.0.2.1'), han: pod({ name: 'han' }, '10.0.2.2') } },
    ns2: { labels: { faction: 'alliance' }, pods: { luke: pod({ name: 'luke' }, '10.0.3.1'), vader: pod({ name: 'vader' }, '10.0.3.2'), frontend: pod({ role: 'frontend' }, '10.0.3.3') } },
    'kube-system': { pods: { 'kube-dns': pod({ 'k8s-app': 'kube-dns' }, '10.0.4.1') } },
  },
  externals: {
    remote: { ip: '20.1.1.1', fqdn: 'my-remote-service.com' },
    'in-10': { ip: '10.1.2.3' },
    'in-96': { ip: '10.96.0.10' },
    example: { ip: '93.184.216.34', fqdn: 'example.com' },
    github: { ip: '140.82.112.3', fqdn: 'api.github.com' },
    'github-apex': { ip: '140.82.112.4', fqdn: 'github.com' },
    'github-deep': { ip: '140.82.112.5', fqdn: 'a.b.github.com' },
    'crawl-target': { ip: '192.0.2.10' },
    'app-cilium': { ip: '104.198.14.52', fqdn: 'app.cilium.io' },
    'test-app-cilium': { ip: '104.198.14.53', fqdn: 'test.app.cilium.io' },
    'cilium-apex': { ip: '104.198.14.54', fqdn: 'cilium.io' },
    'cilium-sub': { ip: '104.198.14.55', fqdn: 'sub.cilium.io' },
    'cilium-anothersub': { ip: '104.198.14.56', fqdn: 'anothersub.cilium.io' },
    'cilium-service1': { ip: '104.198.14.57', fqdn: 'service1.api.cilium.io' },
    'cilium-special': { ip: '104.198.14.58', fqdn: 'special-region1-service.api.cilium.io' },
    'cilium-region1': { ip: '104.198.14.59', fqdn: 'region1-service.api.cilium.io' },
    'github-raw': { ip: '140.82.112.6', fqdn: 'raw.github.com' },
  },
};
