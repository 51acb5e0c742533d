import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ArgoConfigResponse,
  EntityArgoDetail,
} from '@internal/plugin-argocd-common';
import { argocdApiRef } from '../api';
import { useArgocdChanges } from '../signals';

export type ArgocdEntityState =
  | { kind: 'loading' }
  | { kind: 'error'; error: Error; retry: () => void }
  | { kind: 'not-configured' }
  | {
      kind: 'loaded';
      config: ArgoConfigResponse;
      detail: EntityArgoDetail;
      retry: () => void;
    };

/**
 * The entity's Argo CD detail, after asking whether Argo CD is configured at all (when it is not,
 * the detail is not requested and the page says so instead of showing an error). It loads again,
 * keeping the last answer on screen meanwhile, when the backend signals that one of its
 * applications changed.
 */
export function useArgocdEntity(entityRef: string): ArgocdEntityState {
  const argocdApi = useApi(argocdApiRef);
  const state = useAsyncRetry(async () => {
    const config = await argocdApi.getConfig();
    if (!config.configured) return { config, detail: undefined };
    return { config, detail: await argocdApi.getEntityDetail(entityRef) };
  }, [argocdApi, entityRef]);
  const detail = state.value?.detail;
  useArgocdChanges(
    detail ? changes => changes.touches(detail.applications) : undefined,
    state.retry,
  );

  if (state.error) {
    return { kind: 'error', error: state.error, retry: state.retry };
  }
  // Keep showing the last answer while a retry (after an action) loads.
  if (!state.value) return { kind: 'loading' };
  if (!state.value.detail) return { kind: 'not-configured' };
  return {
    kind: 'loaded',
    config: state.value.config,
    detail: state.value.detail,
    retry: state.retry,
  };
}
