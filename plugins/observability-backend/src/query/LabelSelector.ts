import { quoteLabelValue } from './escapeLabelValue';
import { labelNameProblem, labelValueProblem } from './labels';

/** One equality matcher; names and values have been validated. */
export interface LabelMatcher {
  name: string;
  value: string;
}

/**
 * The label matchers that pick one service's series. Only equality matchers: a value is never a
 * regular expression, so nothing in it can widen the match.
 */
export class LabelSelector {
  private constructor(readonly matchers: readonly LabelMatcher[]) {}

  /** Checks every name and value; throws an Error naming the first bad one. */
  static of(matchers: LabelMatcher[]): LabelSelector {
    if (matchers.length === 0) {
      throw new Error('selector has no labels');
    }
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
    return new LabelSelector(matchers.map(m => ({ ...m })));
  }

  /** Value of one label, if the selector has it. */
  get(name: string): string | undefined {
    return this.matchers.find(m => m.name === name)?.value;
  }

  /** `name="value",...` with every value escaped, for inside `{...}`. */
  toMatchers(): string {
    return this.matchers
      .map(({ name, value }) => `${name}=${quoteLabelValue(value)}`)
      .join(',');
  }

  /** A stable key for caches. */
  key(): string {
    return JSON.stringify(this.matchers);
  }
}
