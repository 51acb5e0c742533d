import type { TableOptions } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * How the entity page's tables look: dense, no search, sorting or dragging, paged only when the
 * rows do not fit on one page.
 */
export function compactTableOptions(
  rows: number,
  pageSize: number,
  pageSizeOptions?: number[],
): TableOptions {
  return {
    search: false,
    padding: 'dense',
    paging: rows > pageSize,
    pageSize,
    ...(pageSizeOptions ? { pageSizeOptions } : {}),
    sorting: false,
    draggable: false,
  };
}

/** What an empty table says instead of rows. */
export function EmptyTableText(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" style={{ padding: 16 }}>
      {props.children}
    </Typography>
  );
}
