import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import type {
  RunListPage,
  RunListQuery,
} from '@internal/plugin-provisioning-common';
import { provisioningApiRef } from '../../api';
import { RunDetails } from '../RunDetails/RunDetails';
import { isActive } from '../RunStatus/RunStatus';
import { RunsTable } from '../RunsTable/RunsTable';
import { usePolled } from '../usePolled';

/** Runs shown at once. */
export const RUNS_PAGE_SIZE = 50;

/**
 * A list of runs (refreshed while any is going) next to the selected run's live timeline. The
 * newest run is selected until the user picks another.
 */
export function RunsView(props: {
  query: RunListQuery;
  selectedId?: string;
  onSelect(id: string): void;
  emptyTitle: string;
  emptyDescription: string;
  showEntity?: boolean;
}) {
  const api = useApi(provisioningApiRef);
  const query = { ...props.query, limit: RUNS_PAGE_SIZE };
  const { value, error } = usePolled<RunListPage>(
    JSON.stringify(query),
    () => api.listRuns(query),
    page => page.items.some(r => isActive(r.status)),
  );
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={props.emptyTitle}
        description={props.emptyDescription}
      />
    );
  }
  const selected =
    value.items.find(r => r.id === props.selectedId)?.id ??
    props.selectedId ??
    value.items[0].id;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={5} xl={4}>
        <InfoCard title="Runs" noPadding>
          <RunsTable
            runs={value.items}
            selectedId={selected}
            onSelect={props.onSelect}
            showEntity={props.showEntity}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={7} xl={8}>
        <RunDetails runId={selected} />
      </Grid>
    </Grid>
  );
}
