import { quoteLabelValue } from './escapeLabelValue';
import { labelNameProblem, labelValueProblem } from './labels';

/** One equality matcher; names and values have been validated. */
export interface LabelMatcher {
  name: string;
  value: string;
}

/** One of a set of values, which the backend chose (the namespaces a team holds). */
export interface LabelSetMatcher {
  name: string;
  values: readonly string[];
}

/** RE2 metacharacters: a value in a set matcher is matched literally. */
const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

function checkMatchers(matchers: readonly LabelMatcher[]) {
  const seen = new Set<string>();
  for (const { name, value } of matchers) {
    const problem = labelNameProblem(name) ?? labelValueProblem(value);
    if (problem) {
      throw new Error(problem);
    }
    if (seen.has(name)) {
      throw new Error(`label "${name}" is given twice`);
    }
    seen.add(name);
  }
}

/**
 * The label matchers that pick one service's series. Values from annotations are only ever
 * equality matchers: a value is never a regular expression, so nothing in it can widen the
 * match. The one exception is the set matcher the backend builds itself from platform facts (the
 * namespaces of the owning team), whose values are escaped to match literally.
 */
export class LabelSelector {
  private constructor(
    readonly matchers: readonly LabelMatcher[],
    readonly set?: LabelSetMatcher,
  ) {}

  /** Checks every name and value; throws an Error naming the first bad one. */
  static of(matchers: LabelMatcher[]): LabelSelector {
    if (matchers.length === 0) {
      throw new Error('selector has no labels');
    }
    checkMatchers(matchers);
    return new LabelSelector(matchers.map(m => ({ ...m })));
  }

  /**
   * `set.name` is one of `set.values` (one value: an equality matcher), and every other matcher
   * holds. `set` comes from the platform, never from the entity; `others` may not name its label.
   */
  static scoped(set: LabelSetMatcher, others: LabelMatcher[]): LabelSelector {
    if (set.values.length === 0) {
      throw new Error(`no values for label "${set.name}"`);
    }
    checkMatchers([
      ...set.values.map(value => ({ name: set.name, value })).slice(0, 1),
      ...others,
    ]);
    for (const value of set.values) {
      const problem = labelValueProblem(value);
      if (problem) throw new Error(problem);
    }
    const values = [...new Set(set.values)].sort();
    return values.length === 1
      ? new LabelSelector([
          { name: set.name, value: values[0] },
          ...others.map(m => ({ ...m })),
        ])
      : new LabelSelector(
          others.map(m => ({ ...m })),
          { name: set.name, values },
        );
  }

  /** Value of one equality matcher, if the selector has it. */
  get(name: string): string | undefined {
    return this.matchers.find(m => m.name === name)?.value;
  }

  /** The values a label may have: one for an equality matcher, several for the set. */
  values(name: string): readonly string[] | undefined {
    if (this.set?.name === name) return this.set.values;
    const value = this.get(name);
    return value === undefined ? undefined : [value];
  }

  /** `name="value",...` (and `name=~"a|b"` for the set) with every value escaped, for `{...}`. */
  toMatchers(): string {
    const parts = this.set
      ? [
          `${this.set.name}=~${quoteLabelValue(
            this.set.values.map(v => v.replace(REGEX_META, '\\$&')).join('|'),
          )}`,
        ]
      : [];
    return [
      ...parts,
      ...this.matchers.map(
        ({ name, value }) => `${name}=${quoteLabelValue(value)}`,
      ),
    ].join(',');
  }

  /** A stable key for caches. */
  key(): string {
    return JSON.stringify([this.set ?? null, this.matchers]);
  }
}
