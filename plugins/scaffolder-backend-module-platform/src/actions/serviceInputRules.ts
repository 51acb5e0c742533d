import { PlatformSettings } from '../settings';
import { ownership } from '../manifests/labels';
import {
  assertNotReserved,
  forceRemoteKeys,
} from '../validation/platformRules';
import { ServiceInput } from './schemas/service';

/** The service name and its namespace may not be reserved (checked before anything else). */
export function assertServiceNotReserved(
  actionId: string,
  input: Pick<ServiceInput, 'name' | 'namespace'>,
  settings: Pick<PlatformSettings, 'reservedNamespaces'>,
) {
  assertNotReserved(actionId, settings.reservedNamespaces, [
    ['name', input.name],
    ['namespace', input.namespace],
  ]);
}

/** The input with every extra secret's key forced under `<remoteKeyPrefix>/<team>/<service>/`. */
export function withForcedKeys(
  actionId: string,
  input: ServiceInput,
  settings: Pick<PlatformSettings, 'remoteKeyPrefix'>,
): ServiceInput {
  const who = ownership(input.name, input.owner);
  return {
    ...input,
    extraSecrets: forceRemoteKeys(
      actionId,
      settings.remoteKeyPrefix,
      who,
      input.extraSecrets,
      'extraSecrets',
    ),
  };
}
