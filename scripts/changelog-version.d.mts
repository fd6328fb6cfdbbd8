/** The changelog with its Unreleased entries released as `version` on `date` (Keep a Changelog). */
export function releaseChangelog(text: string, version: string, date: string): string;
