import type {
  IndexableResultSet,
  QueryRequestOptions,
  QueryTranslator,
  SearchEngine,
  SearchQuery,
} from '@backstage/plugin-search-common';

/**
 * A search engine that answers an empty result set for a document type without an index yet,
 * where Lunr throws MissingIndexError (the router turns it into a 500). Lunr creates no index
 * for a type whose collator found no documents: TechDocs before any docs are built, which is
 * every first run of make start. Every other error still fails the query.
 */
export class EmptyForMissingIndex implements SearchEngine {
  constructor(private readonly engine: SearchEngine) {}

  setTranslator(translator: QueryTranslator): void {
    this.engine.setTranslator(translator);
  }

  getIndexer(type: string) {
    return this.engine.getIndexer(type);
  }

  async query(
    query: SearchQuery,
    options?: QueryRequestOptions,
  ): Promise<IndexableResultSet> {
    try {
      return await this.engine.query(query, options);
    } catch (error) {
      if ((error as Error)?.name === 'MissingIndexError') {
        return { results: [], numberOfResults: 0 };
      }
      throw error;
    }
  }
}
