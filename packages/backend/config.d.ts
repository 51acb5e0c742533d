export interface Config {
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Read by @backstage/plugin-techdocs-node (generate stage) but missing from the upstream
         * schema in the 1.55 line: when true, the `techdocs-core` MkDocs plugin is not added, so
         * Debian's mkdocs + mkdocs-material can build the docs.
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
  };
}
