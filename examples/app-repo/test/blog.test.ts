import { App } from 'cdk8s';
import { synthesizeFiles } from 'cdk8s-netpol';
import { expect, test } from 'vitest';
import { blog } from '../blog';

test('only the blog namespace and its policies are written', async () => {
  const app = new App();
  blog(app);
  const files = await synthesizeFiles(app);
  expect([...files.keys()]).toEqual(['homelab/app-blog.yaml', 'homelab/kustomization.yaml']);
  expect(files.get('homelab/app-blog.yaml')).toMatchSnapshot();
});
