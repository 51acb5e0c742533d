import { Table, type TableColumn } from '@backstage/core-components';
import type { ArgoResource } from '@internal/plugin-argocd-common';
import { HealthStatusChip } from '../StatusChips';
import { relativeTime } from '../relativeTime';
import { EmptyTableText, compactTableOptions } from './compactTable';

const columns: TableColumn<ArgoResource>[] = [
  { title: 'Kind', field: 'kind' },
  { title: 'Name', field: 'name' },
  {
    title: 'Namespace',
    field: 'namespace',
    render: row => row.namespace ?? '—',
  },
  {
    title: 'Sync status',
    field: 'syncStatus',
    render: row => row.syncStatus ?? '—',
  },
  {
    title: 'Health',
    field: 'healthStatus',
    render: row =>
      row.healthStatus ? (
        <span title={row.healthMessage}>
          <HealthStatusChip status={row.healthStatus} />
        </span>
      ) : (
        '—'
      ),
  },
];

const messageColumn: TableColumn<ArgoResource> = {
  title: 'Message',
  field: 'healthMessage',
  render: row => row.healthMessage ?? '',
};

/** The Kubernetes resources Argo CD manages for the application, with their health. */
export function ResourcesTable(props: {
  resources: ArgoResource[];
  fetchedAt?: string;
}) {
  const { resources, fetchedAt } = props;
  const age = relativeTime(fetchedAt);
  return (
    <Table<ArgoResource>
      title="Resources"
      subtitle={age ? `as of ${age}` : undefined}
      columns={
        resources.some(r => r.healthMessage)
          ? [...columns, messageColumn]
          : columns
      }
      data={resources}
      options={compactTableOptions(resources.length, 10)}
      emptyContent={
        <EmptyTableText>
          No resources reported for this application.
        </EmptyTableText>
      }
    />
  );
}
