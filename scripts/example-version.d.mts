/** The example app repo's package.json with its cdk8s-netpol dependency on the tarball of `version`. */
export function exampleManifest(text: string, version: string): string;
