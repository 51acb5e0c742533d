import { PlatformActionDeps } from './deps';
import { createArgocdApplicationAction } from './argocdApplication';
import { createExternalSecretAction } from './externalSecretCreate';
import { createGitTokenAction } from './gitToken';
import { createGitTokenRevokeAction } from './gitTokenRevoke';
import { createGitopsCommitAction } from './gitopsCommit';
import { createNamespaceAction } from './namespaceCreate';
import { createOwnerVerifyAction } from './ownerVerify';
import { createPublishGitAction } from './publishGit';
import { createServiceManifestsAction } from './serviceManifests';
import { createServiceValidateAction } from './serviceValidate';

/** Every Portico action, sharing one set of dependencies. */
export function createPlatformActions(deps: PlatformActionDeps) {
  return [
    createServiceValidateAction(deps),
    createOwnerVerifyAction(deps),
    createServiceManifestsAction(deps),
    createNamespaceAction(deps),
    createArgocdApplicationAction(deps),
    createExternalSecretAction(deps),
    createGitopsCommitAction(deps),
    createGitTokenAction(deps),
    createGitTokenRevokeAction(deps),
    createPublishGitAction(deps),
  ];
}
