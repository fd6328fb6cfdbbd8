import type { DoctorReport } from '../doctor-report';

/**
 * Renders a doctor report for a terminal: the fixes (dropped flows grouped by the change that
 * allows them, most flows first), the regressions, what was skipped, and a summary.
 *
 * @param report the report
 */
export function formatDoctorText(report: DoctorReport): string {
  const lines: string[] = [];
  const { flows, policyDrops, forwarded } = report.totals;
  lines.push(`netpol doctor: ${flows} flows read, ${policyDrops} policy drops, ${forwarded} forwarded.`);
  if (report.drops.length > 0) {
    lines.push('', 'Fixes (policy drops grouped by the change that allows them):');
    for (const d of report.drops) {
      lines.push(`  ${d.flows} ${d.flows === 1 ? 'flow ' : 'flows'}  ${d.cause}`, `    fix: ${d.fix}`);
      for (const e of d.examples) lines.push(`    e.g. ${e}`);
      lines.push(`    why: ${d.reason}`);
    }
  }
  if (report.regressions.length > 0) {
    lines.push('', 'Regressions (forwarded flows the manifests would now drop):');
    for (const r of report.regressions) lines.push(`  ${r.flows} ${r.flows === 1 ? 'flow ' : 'flows'}  ${r.flow}`, `    why: ${r.reason}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', `Skipped: ${report.skipped.map((s) => `${s.flows} (${s.reason})`).join(', ')}.`);
  }
  for (const n of report.notices) lines.push(`note: ${n}`);
  if (report.drops.length === 0 && report.regressions.length === 0) lines.push('', 'No policy drops to fix and no regressions.');
  return `${lines.join('\n')}\n`;
}
