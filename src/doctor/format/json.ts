import type { DoctorReport } from '../doctor-report';

/**
 * Renders a doctor report as one JSON document (the `DoctorReport` itself).
 *
 * @param report the report
 */
export function formatDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
