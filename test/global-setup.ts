// Builds the report page's script bundle (lib/report/page.js) from the sources before the tests,
// so `netpol report` tests never inline a bundle older than the code under test.
export default async function setup(): Promise<void> {
  const { bundleReportPage } = await import('../scripts/bundle-report-page.mjs');
  await bundleReportPage();
}
