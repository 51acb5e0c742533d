/**
 * JSON Schema of Loki's `GET /loki/api/v1/query_range` answer for a log query, written from
 * Loki's HTTP API reference (no machine-readable spec is published): `status`, and `data` with
 * `resultType: "streams"`, `result` (streams: label map + `[ns timestamp string, line]` values,
 * optionally a third element of structured metadata) and `stats`.
 */
export const lokiQueryRangeSchema = {
  type: 'object',
  required: ['status', 'data'],
  properties: {
    status: { const: 'success' },
    data: {
      type: 'object',
      required: ['resultType', 'result'],
      properties: {
        resultType: { const: 'streams' },
        result: {
          type: 'array',
          items: {
            type: 'object',
            required: ['stream', 'values'],
            additionalProperties: false,
            properties: {
              stream: {
                type: 'object',
                additionalProperties: { type: 'string' },
              },
              values: {
                type: 'array',
                items: {
                  type: 'array',
                  minItems: 2,
                  maxItems: 3,
                  prefixItems: [
                    { type: 'string', pattern: '^[0-9]{19}$' },
                    { type: 'string' },
                    {
                      type: 'object',
                      additionalProperties: { type: 'string' },
                    },
                  ],
                },
              },
            },
          },
        },
        stats: { type: 'object' },
      },
    },
  },
} as const;
