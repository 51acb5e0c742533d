/** How a dependent depends on the entity it breaks with. */
export type DependentVia =
  | { kind: 'dependsOn' }
  | { kind: 'consumesApi'; api: string };

/** One entity that breaks, directly or transitively, when the entity breaks. */
export interface BlastRadiusDependent {
  ref: string;
  title: string;
  /** 1: depends on the entity itself; 2: on a direct dependent; ... */
  depth: number;
  /** The entity it depends on, on one shortest path. */
  through: string;
  via: DependentVia;
  /** Its owner's entity ref (the catalog's ownedBy relation). */
  owner?: string;
}

/** `GET /entities/:kind/:namespace/:name/blast-radius`. */
export interface BlastRadiusResponse {
  entityRef: string;
  count: number;
  dependents: BlastRadiusDependent[];
  /** Dependents per owner, most first. */
  owners: Array<{ owner: string; count: number }>;
  /** The walk stopped at its limit: there are more. */
  truncated: boolean;
}
