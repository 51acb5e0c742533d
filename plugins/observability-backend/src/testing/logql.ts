import { parser } from '@grafana/lezer-logql';

/** Parse errors of a LogQL query, as @grafana/lezer-logql finds them. */
export function logqlProblem(query: string): string | undefined {
  const tree = parser.parse(query);
  let problem: string | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError && !problem) {
        problem = `error at ${node.from}`;
      }
    },
  });
  return problem;
}

/**
 * The stream matchers (equality in `matchers`, `=~` in `regexMatchers`) and line filters of a
 * parsed LogQL query, with strings unescaped.
 */
export function parseLogql(query: string) {
  const tree = parser.parse(query);
  const matchers: Record<string, string> = {};
  const regexMatchers: Record<string, string> = {};
  const lineFilters: string[] = [];
  const labelFilters: Record<string, string> = {};
  const text = (from: number, to: number) => query.slice(from, to);
  tree.iterate({
    enter(node) {
      if (node.name === 'Matcher') {
        const identifier = node.node.getChild('Identifier');
        const string = node.node.getChild('String');
        if (identifier && string) {
          const inSelector = Boolean(
            node.node.parent && node.node.parent.name === 'Matchers',
          );
          const regex = Boolean(node.node.getChild('Re'));
          let target = inSelector ? matchers : labelFilters;
          if (inSelector && regex) target = regexMatchers;
          target[text(identifier.from, identifier.to)] = JSON.parse(
            text(string.from, string.to),
          );
        }
      }
      if (node.name === 'LineFilter') {
        const string = node.node.getChild('String');
        if (string) lineFilters.push(JSON.parse(text(string.from, string.to)));
      }
    },
  });
  return { matchers, regexMatchers, lineFilters, labelFilters };
}
