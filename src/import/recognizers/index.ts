import { clusterBaselineRecognizer } from './cluster-baseline';
import { connectionsRecognizer } from './connections';
import { namespacesRecognizer } from './namespaces';
import { profilesRecognizer } from './profiles';
import { sharedServicesRecognizer } from './shared-services';
import type { Recognizer } from './recognizer';

export type { ImportContext, Recognizer } from './recognizer';

/**
 * The recognizers of `netpol import`, in the order they run: each is offered what the earlier
 * ones left. Whatever none claims is imported as-is (`src/import/as-is.ts`).
 */
export const RECOGNIZERS: readonly Recognizer[] = [clusterBaselineRecognizer, profilesRecognizer, sharedServicesRecognizer, connectionsRecognizer, namespacesRecognizer];
