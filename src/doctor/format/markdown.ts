import { markdownCell } from '../../cli/markdown-cell';
import type { DoctorReport } from '../doctor-report';

/**
 * Renders a doctor report as Markdown tables, e.g. for an issue comment.
 *
 * @param report the report
 */
export function formatDoctorMarkdown(report: DoctorReport): string {
  const { flows, policyDrops, forwarded } = report.totals;
  const lines = [`**netpol doctor**: ${flows} flows read, ${policyDrops} policy drops, ${forwarded} forwarded.`];
  if (report.drops.length > 0) {
    lines.push('', '| Flows | Cause | Fix | Examples |', '| ---: | --- | --- | --- |');
    for (const d of report.drops) lines.push(`| ${d.flows} | \`${d.cause}\` | ${markdownCell(d.fix)} | ${d.examples.map((e) => `\`${markdownCell(e)}\``).join('<br>')} |`);
  }
  if (report.regressions.length > 0) {
    lines.push('', '**Regressions** (forwarded flows the manifests would now drop):', '', '| Flows | Flow | Why |', '| ---: | --- | --- |');
    for (const r of report.regressions) lines.push(`| ${r.flows} | \`${markdownCell(r.flow)}\` | ${markdownCell(r.reason)} |`);
  }
  if (report.drops.length === 0 && report.regressions.length === 0) lines.push('', 'No policy drops to fix and no regressions.');
  return `${lines.join('\n')}\n`;
}
