import { describe, expect, test } from 'vitest';
import { renderDiffJson } from '../../src/diff/render-json';
import { COMMENT_LIMIT, renderDiffMarkdown } from '../../src/diff/render-markdown';
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
  test('prints the counts, a summary by cause and by namespace pair and port, then each group collapsed, escaping pipes', () => {
    // (flowDiff keeps the changes in the order given: diffFlows sorts them)
    const markdown = renderDiffMarkdown(flowDiff([...CHANGES, change({ from: 'app/api', to: 'external:world', sides: ['egress', 'ingress'] })]));
    expect(markdown).toContain('### Network policy diff: 3 opened, 1 closed\n');
    expect(markdown).toContain([
      '#### By cause (whose policies changed)',
      '',
      '| cause | opened | closed |',
      '| --- | --- | --- |',
      '| egress of app | 1 | 1 |',
      '| egress of app and ingress of external:world | 1 | 0 |',
      '| egress of entity:host | 1 | 0 |',
      '',
      '#### By namespace pair and port',
      '',
      '| from | to | port | opened | closed |',
      '| --- | --- | --- | --- | --- |',
      '| app | external:world | 443/TCP | 2 | 0 |',
      '| app | db | 5432/TCP | 0 | 1 |',
      '| entity:host | app | 8080/TCP | 1 | 0 |',
    ].join('\n'));
    expect(markdown).toContain([
      '<details><summary><code>app</code>: 2 opened, 1 closed</summary>',
      '',
      '| from | to | port | before | after | decided by |',
      '| --- | --- | --- | --- | --- | --- |',
      '| app/web | external:world | 443/TCP | deny | allow | CiliumNetworkPolicy app/web |',
      '| app/web | db/pg | 5432/TCP | allow | deny | default-deny: selected by CNP db/pg |',
      '| app/api | external:world | 443/TCP | deny | allow | CiliumNetworkPolicy app/web |',
      '',
      '</details>',
    ].join('\n'));
    expect(markdown).toContain('| entity:host | app/web | 8080/TCP | deny | allow | CiliumNetworkPolicy app/a\\|b |');
    expect(markdown).not.toContain('more in the JSON output');
  });

  test('says "No flow changes." when nothing changes', () => {
    expect(renderDiffMarkdown(flowDiff([]))).toContain('\n\nNo flow changes.\n');
  });

  test('stays under the comment limit on a large change, counting the flows left out', () => {
    // GIVEN 5,000 closed flows from 100 namespaces (about 450,000 characters as full tables)
    const many = Array.from({ length: 5000 }, (_, i) => change({ from: `ns-${String(i % 100).padStart(3, '0')}/web-${i}`, to: 'db/pg', port: 5432, change: 'closed' }));
    // WHEN rendered
    const markdown = renderDiffMarkdown(flowDiff(many));
    // THEN the comment fits, every table is closed, and the rest is counted
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
    const listed = markdown.split('\n').filter((line) => /^\| ns-\d+\/web-/.test(line)).length;
    expect(markdown).toContain(`**${5000 - listed} more in the JSON output**: this comment lists ${listed} of 5000 changed flows`);
    expect(listed).toBeGreaterThan(300);
    // AND the summary counts every flow, capped at 25 rows
    expect(markdown).toContain('| ... 75 more rows in the JSON output (`--format json`) | | |');
  });
});

test('renderDiffJson prints the counts and every change as data', () => {
  const json = JSON.parse(renderDiffJson(flowDiff(CHANGES)));
  expect(json).toMatchObject({ base: 'origin/main:dist', head: 'dist', opened: 2, closed: 1, checked: 42, notices: [] });
  expect(json.changes[1]).toEqual({
    group: 'app', from: 'app/web', to: 'db/pg', port: 5432, protocol: 'TCP', change: 'closed', sides: ['egress'], before: 'allow', after: 'deny',
    decidedBy: [], reason: 'default-deny: selected by CNP db/pg',
  });
});
