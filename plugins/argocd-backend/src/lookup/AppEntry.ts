/** One application of a list, indexed by these fields, its body kept as JSON until asked for. */
export interface AppEntry {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  json: string;
}

/**
 * A parsed list as the list parser's thread sends it: an application that is byte-for-byte the
 * one at position N of the base list comes back as the number N, anything else as a full entry.
 */
export type ListEntries = Array<AppEntry | number>;
