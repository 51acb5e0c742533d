import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { catalogEntityRouteRef } from '../../routes';
import { parseEntityRef } from './parseEntityRef';

/** An event's entity ref: a link to the entity page when it is one and a catalog is installed. */
export function AuditEntityRef(props: { entityRef?: string }) {
  const { entityRef } = props;
  const entityRoute = useRouteRef(catalogEntityRouteRef);
  if (!entityRef) {
    return null;
  }
  const params = parseEntityRef(entityRef);
  if (!params || !entityRoute) {
    return <>{entityRef}</>;
  }
  return (
    <Link to={entityRoute(params)} onClick={event => event.stopPropagation()}>
      {entityRef}
    </Link>
  );
}
