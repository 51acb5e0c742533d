/** Queries Prometheus has answered on its HTTP API so far, from its own /metrics. */
export async function prometheusQueryCount(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m =
      /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/(query|query_range)"[^}]*\} (\S+)$/.exec(
        line,
      );
    if (m) total += Number(m[2]);
  }
  return total;
}
