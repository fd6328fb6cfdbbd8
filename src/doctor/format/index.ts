import type { DoctorReport } from '../doctor-report';
import { formatDoctorJson } from './json';
import { formatDoctorMarkdown } from './markdown';
import { formatDoctorText } from './text';

/** The output formats of `netpol doctor`. */
export const DOCTOR_FORMATS = ['text', 'json', 'markdown'] as const;

/** One output format of `netpol doctor`. */
export type DoctorFormat = typeof DOCTOR_FORMATS[number];

/**
 * Renders a doctor report in a format.
 *
 * @param format the format
 * @param report the report
 */
export function formatDoctorReport(format: DoctorFormat, report: DoctorReport): string {
  switch (format) {
    case 'json': return formatDoctorJson(report);
    case 'markdown': return formatDoctorMarkdown(report);
    case 'text': return formatDoctorText(report);
  }
}
