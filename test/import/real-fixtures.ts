/**
 * Real public repositories' policies (test/fixtures/import/<owner>-<repo>/SOURCE.md) and the
 * lint fixture Tsuguya/home-cluster: valid input the validating reader must accept as written.
 */
export const REAL_FIXTURES: Readonly<Record<string, string>> = {
  'JJGadgets/Biohazard': 'test/fixtures/import/JJGadgets-Biohazard',
  'haraldkoch/kochhaus-home': 'test/fixtures/import/haraldkoch-kochhaus-home',
  'jfroy/flatops': 'test/fixtures/import/jfroy-flatops',
  'Tsuguya/home-cluster': 'test/fixtures/lint/real/home-cluster',
  'cilium/cilium examples': 'test/fixtures/import/cilium-cilium-examples',
};
