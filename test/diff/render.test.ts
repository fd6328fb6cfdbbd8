import { describe, expect, test } from 'vitest';
import { renderDiffJson } from '../../src/diff/render-json';
import { renderDiffMarkdown } from '../../src/diff/render-markdown';
import { renderDiffText } from '../../src/diff/render-text';
import { change, flowDiff } from './builders';

const CHANGES = [
  change({ from: 'app/web', to: 'external:world' }),
  change({ from: 'app/web', to: 'db/pg', port: 5432, change: 'closed', decidedBy: [], reason: 'default-deny: selected by CNP db/pg' }),
  change({ from: 'entity:host', to: 'app/web', port: 8080, decidedBy: ['CiliumNetworkPolicy app/a|b'] }),
];

describe('renderDiffText', () => {
  test('prints a headline, one block per source group and the notices', () => {
    expect(renderDiffText(flowDiff(CHANGES, ['--cni kubernetes ignores 1 Cilium policy.']))).toBe([
      'netpol diff origin/main:dist -> dist: 2 flows opened, 1 closed (42 candidate flows checked).',
      '',
      'app',
      '  + app/web -> external:world:443/TCP  opened by CiliumNetworkPolicy app/web',
      '  - app/web -> db/pg:5432/TCP  closed by default-deny: selected by CNP db/pg',
      '',
      'entity:host',
      '  + entity:host -> app/web:8080/TCP  opened by CiliumNetworkPolicy app/a|b',
      '',
      'note: --cni kubernetes ignores 1 Cilium policy.',
      '',
    ].join('\n'));
  });

  test('says so when nothing changes', () => {
    expect(renderDiffText(flowDiff([]))).toBe('netpol diff origin/main:dist -> dist: no flow changes (42 candidate flows checked).\n');
  });
});

describe('renderDiffMarkdown', () => {
  test('prints the counts and a table per source group, escaping pipes', () => {
    const markdown = renderDiffMarkdown(flowDiff(CHANGES));
    expect(markdown).toContain('### Network policy diff: 2 opened, 1 closed\n');
    expect(markdown).toContain([
      '#### app',
      '',
      '| from | to | port | before | after | decided by |',
      '| --- | --- | --- | --- | --- | --- |',
      '| app/web | external:world | 443/TCP | deny | allow | CiliumNetworkPolicy app/web |',
      '| app/web | db/pg | 5432/TCP | allow | deny | default-deny: selected by CNP db/pg |',
    ].join('\n'));
    expect(markdown).toContain('| entity:host | app/web | 8080/TCP | deny | allow | CiliumNetworkPolicy app/a\\|b |');
    expect(markdown.endsWith('|\n')).toBe(true);
  });

  test('says "No flow changes." when nothing changes', () => {
    expect(renderDiffMarkdown(flowDiff([]))).toContain('\n\nNo flow changes.\n');
  });
});

test('renderDiffJson prints the counts and every change as data', () => {
  const json = JSON.parse(renderDiffJson(flowDiff(CHANGES)));
  expect(json).toMatchObject({ base: 'origin/main:dist', head: 'dist', opened: 2, closed: 1, checked: 42, notices: [] });
  expect(json.changes[1]).toEqual({
    group: 'app', from: 'app/web', to: 'db/pg', port: 5432, protocol: 'TCP', change: 'closed', before: 'allow', after: 'deny',
    decidedBy: [], reason: 'default-deny: selected by CNP db/pg',
  });
});
