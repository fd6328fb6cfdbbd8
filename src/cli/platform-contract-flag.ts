import { readPlatformContract, type ReadContract } from '../contract/read-contract';

/** The `--platform-contract <file>` flag of lint, probe, explain and diff. */
export const PLATFORM_CONTRACT_FLAG = { 'platform-contract': { type: 'string' } } as const;

/**
 * Reads `--platform-contract` when given (see `readPlatformContract`): the contract and its
 * manifests, whose sources name the file as given.
 *
 * @param file the flag's value
 * @param cwd the directory a relative path is resolved against
 * @returns the contract, or undefined without the flag
 * @throws InputError naming the file and the field when it cannot be read or is not a valid contract
 */
export function readPlatformContractFlag(file: string | undefined, cwd: string): ReadContract | undefined {
  return file === undefined ? undefined : readPlatformContract(file, cwd);
}
