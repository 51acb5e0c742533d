import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { TeamNamespacesService } from '@internal/plugin-portico-node';
import { PlatformSettings } from '../settings';
import { GitTokenProvider } from '../git/tokenProviders';
import { TokenVault } from '../git/tokenVault';
import { SecretStoreChecker } from '../kubernetes/secretStoreChecker';
import { OwnerCheck } from '../owner/ownerCheck';
import { TaskLedger } from './taskLedger';

/** What the actions need, built once by the module (tests build their own). */
export interface PlatformActionDeps {
  settings: PlatformSettings;
  ownerCheck: OwnerCheck;
  vault: TokenVault;
  /** What earlier steps of each task created (named when a later step fails). */
  ledger: TaskLedger;
  tokenProvider?: GitTokenProvider;
  storeChecker?: SecretStoreChecker;
  /** Which team holds which namespace in the cluster (absent in some unit tests). */
  teamNamespaces?: TeamNamespacesService;
  /** Side effects (pushes, commits, token mint/revoke) are audited; absent in some unit tests. */
  auditor?: AuditorService;
}

/** Adds a secret to the task logger's redactions (the scaffolder's task logger supports it). */
export function redact(logger: LoggerService, secret: string) {
  const redactor = logger as LoggerService & {
    addRedactions?: (values: string[]) => void;
  };
  redactor.addRedactions?.([secret]);
}
