import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { serviceHealthApiRef } from '../../api';

/** The current entity's code overview (shared by the Code and CI/CD cards: one request). */
export function useEntityCode() {
  const { entity } = useEntity();
  const api = useApi(serviceHealthApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsync(() => api.getCode(ref), [api, ref]);
}
