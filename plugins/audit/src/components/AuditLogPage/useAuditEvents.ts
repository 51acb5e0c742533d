import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AuditEvent,
  AuditEventFilter,
} from '@internal/plugin-audit-common';
import { auditApiRef } from '../../api';

/** Events asked for per page. */
export const AUDIT_EVENTS_PAGE_SIZE = 50;

export interface AuditEventsState {
  /** Every event loaded so far for the filter, newest first. */
  items: AuditEvent[];
  /** Cursor of the next page; undefined when there is none. */
  nextCursor?: string;
  /** The first page is loading. */
  loading: boolean;
  /** The first page failed. */
  error?: unknown;
  /** A further page is loading. */
  loadingMore: boolean;
  /** The last further page failed (the events already shown stay). */
  loadMoreError?: unknown;
}

const INITIAL: AuditEventsState = {
  items: [],
  loading: true,
  loadingMore: false,
};

/**
 * The events matching `filter`, a page at a time through the audit client: a new filter starts
 * over from the first page; `loadMore` appends the page at `nextCursor`. Answers to requests
 * made for an earlier filter are ignored.
 */
export function useAuditEvents(filter: AuditEventFilter) {
  const auditApi = useApi(auditApiRef);
  const filterKey = JSON.stringify(filter);
  const [state, setState] = useState<AuditEventsState>(INITIAL);
  const [reloads, setReloads] = useState(0);
  // Bumped for every first-page request; answers carrying an older value are stale.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setState(INITIAL);
    auditApi
      .listEvents({
        filter: JSON.parse(filterKey),
        limit: AUDIT_EVENTS_PAGE_SIZE,
      })
      .then(
        page => {
          if (current === generation.current) {
            setState({
              items: page.items,
              nextCursor: page.nextCursor,
              loading: false,
              loadingMore: false,
            });
          }
        },
        error => {
          if (current === generation.current) {
            setState({ items: [], loading: false, loadingMore: false, error });
          }
        },
      );
  }, [auditApi, filterKey, reloads]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loadingMore: true, loadMoreError: undefined }));
    auditApi
      .listEvents({
        filter: JSON.parse(filterKey),
        cursor: nextCursor,
        limit: AUDIT_EVENTS_PAGE_SIZE,
      })
      .then(
        page => {
          if (current === generation.current) {
            setState(s => ({
              ...s,
              items: [...s.items, ...page.items],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }));
          }
        },
        loadMoreError => {
          if (current === generation.current) {
            setState(s => ({ ...s, loadingMore: false, loadMoreError }));
          }
        },
      );
  }, [auditApi, filterKey, nextCursor, loadingMore]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  return { ...state, loadMore, reload };
}
