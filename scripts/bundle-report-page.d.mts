/** Bundles the report page's script to `outfile` (default lib/report/page.js); resolves to the path. */
export function bundleReportPage(outfile?: string): Promise<string>;
