import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import { RunsView } from '../RunsView/RunsView';

/**
 * The "Provisioning" tab: runs for this entity, or for a team (group) the runs it owns, each
 * with its live timeline.
 */
export function EntityProvisioningContent() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const [selected, setSelected] = useState<string>();
  return (
    <RunsView
      query={isGroup ? { owner: ref } : { entityRef: ref }}
      selectedId={selected}
      onSelect={setSelected}
      showEntity={isGroup}
      emptyTitle={
        isGroup
          ? 'No provisioning runs for this team'
          : 'No provisioning runs for this entity'
      }
      emptyDescription={
        isGroup
          ? 'Runs of the entities this team owns appear here. Start one from a template such as "New environment".'
          : 'Start one from a template such as "New environment" (action argo-events:trigger); its steps appear here as the workflow reports them.'
      }
    />
  );
}
