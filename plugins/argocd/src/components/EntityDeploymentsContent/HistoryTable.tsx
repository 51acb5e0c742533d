import { Table, type TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ArgoHistoryEntry } from '@internal/plugin-argocd-common';
import { relativeTime, shortRevision } from '../relativeTime';
import { EmptyTableText, compactTableOptions } from './compactTable';

/** Author without the e-mail part: "Ada Lovelace <ada@example.com>" -> "Ada Lovelace". */
function authorName(author: string | undefined): string | undefined {
  return author?.replace(/\s*<[^>]*>\s*$/, '') || author;
}

const columns: TableColumn<ArgoHistoryEntry>[] = [
  {
    title: 'Revision',
    field: 'revision',
    render: row => (
      <Typography variant="body2" component="code" title={row.revision}>
        {shortRevision(row.revision)}
      </Typography>
    ),
  },
  {
    title: 'Author',
    field: 'author',
    render: row => authorName(row.author) ?? '—',
  },
  {
    title: 'Message',
    field: 'message',
    render: row =>
      row.message ?? (
        <Typography variant="body2" color="textSecondary">
          {row.metadata === 'unavailable' ? 'commit details unavailable' : '—'}
        </Typography>
      ),
  },
  {
    title: 'Deployed',
    field: 'deployedAt',
    render: row => (
      <span title={new Date(row.deployedAt).toLocaleString()}>
        {relativeTime(row.deployedAt)}
      </span>
    ),
  },
];

/** The application's recent deployments, newest first (all entries Argo CD keeps, 5 per page). */
export function HistoryTable(props: { history: ArgoHistoryEntry[] }) {
  const { history } = props;
  return (
    <Table<ArgoHistoryEntry>
      title="Recent deployments"
      columns={columns}
      data={history}
      options={compactTableOptions(history.length, 5, [5, 10, 20])}
      emptyContent={
        <EmptyTableText>
          Argo CD has no deployment history for this application yet.
        </EmptyTableText>
      }
    />
  );
}
