import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ArgocdStatusCell } from '@internal/plugin-argocd';
import type { BlastRadiusResponse } from '@internal/plugin-service-health-common';
import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { serviceHealthApiRef } from '../../api';

/** Most dependents listed; the count says how many there are. */
const SHOWN = 25;

function how(d: BlastRadiusResponse['dependents'][number]): string {
  const name = (ref: string) => ref.split('/').pop();
  const on = d.depth === 1 ? 'it' : name(d.through);
  return d.via.kind === 'consumesApi'
    ? `consumes ${name(d.via.api)} of ${on}`
    : `depends on ${on}`;
}

function Dependents(props: {
  radius: BlastRadiusResponse;
  entities: Map<string, Entity>;
}) {
  const { radius, entities } = props;
  const shown = radius.dependents.slice(0, SHOWN);
  return (
    <Table size="small" aria-label="Dependents">
      <TableHead>
        <TableRow>
          <TableCell>Dependent</TableCell>
          <TableCell>How</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Deployment</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {shown.map(d => {
          const entity = entities.get(d.ref);
          return (
            <TableRow key={d.ref} data-testid={`dependent-${d.ref}`}>
              <TableCell>
                <EntityRefLink entityRef={d.ref} title={d.title} />
              </TableCell>
              <TableCell>{how(d)}</TableCell>
              <TableCell>
                {d.owner ? <EntityRefLink entityRef={d.owner} hideIcon /> : '—'}
              </TableCell>
              <TableCell>
                {entity ? <ArgocdStatusCell entity={entity} /> : '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * Overview card "Blast radius": who breaks when this component breaks (transitive dependents
 * through dependsOn and consumed APIs), their owners and their live deployment health.
 */
export function EntityBlastRadiusCard() {
  const { entity } = useEntity();
  const api = useApi(serviceHealthApiRef);
  const catalog = useApi(catalogApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(async () => {
    const radius = await api.getBlastRadius(ref);
    const refs = radius.dependents.slice(0, SHOWN).map(d => d.ref);
    // Their annotations, for the deployment cells (one catalog request; the cells one more).
    const { items } = refs.length
      ? await catalog.getEntitiesByRefs({
          entityRefs: refs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        })
      : { items: [] };
    const entities = new Map<string, Entity>();
    items.forEach((e, i) => e && entities.set(refs[i], e));
    return { radius, entities };
  }, [api, catalog, ref]);

  return (
    <InfoCard title="Blast radius" subheader="Who breaks if this breaks">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.radius.count === 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="blast-radius-empty"
        >
          Nothing in the catalog depends on this component.
        </Typography>
      )}
      {value && value.radius.count > 0 && (
        <>
          <Typography variant="body2" data-testid="blast-radius-count">
            {value.radius.count}
            {value.radius.truncated ? '+' : ''} component
            {value.radius.count === 1 ? '' : 's'} depend on it, directly or
            through others, owned by {value.radius.owners.length} team
            {value.radius.owners.length === 1 ? '' : 's'}:
          </Typography>
          <div
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 4,
              margin: '8px 0',
            }}
          >
            {value.radius.owners.map(o => (
              <Chip
                key={o.owner}
                size="small"
                label={`${o.owner.split('/').pop()} · ${o.count}`}
              />
            ))}
          </div>
          <Dependents radius={value.radius} entities={value.entities} />
        </>
      )}
    </InfoCard>
  );
}
