/*
 * Field-level validators shared by every action's input schema. Each refuses hostile input
 * (path traversal, YAML/JSON injection, template expressions) with a message naming the rule;
 * zod adds the field path.
 */
import { z } from 'zod/v3';

/** Kubernetes DNS-1123 label that also starts with a letter (DNS-1035: Service names need it). */
export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Longest service name: derived object names (`<name>-postgres-credentials`) stay valid labels. */
const MAX_SERVICE_NAME = 40;

export const serviceName = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(
      MAX_SERVICE_NAME,
      `must be at most ${MAX_SERVICE_NAME} characters (a Kubernetes DNS-1123 label with room for suffixes)`,
    )
    .regex(
      DNS_LABEL,
      'must be a DNS-1123 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
    );

export const dnsLabel = (max = 63) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(
      DNS_LABEL,
      'must be a DNS-1123 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
    );

/** DNS-1123 subdomain (ExternalSecret, Secret and store names). */
export const dnsSubdomain = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(253, 'must be at most 253 characters')
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and "."',
    );

const INJECTION_PATTERNS: Array<[RegExp, string]> = [
  [/[\r\n\u2028\u2029\u0085]/, 'must be a single line (no line breaks)'],
  [
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/,
    'must not contain control characters',
  ],
  [
    /\$\{\{|\{\{|\}\}|\{%|%\}/,
    'must not contain template expressions ("{{", "}}", "{%")',
  ],
  [
    /(^|\s)---(\s|$)|^\.\.\.$/,
    'must not contain YAML document markers ("---")',
  ],
];

/** One line of free text (description): printable, no YAML/JSON/template injection. */
export const singleLineText = (max = 200) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      for (const [pattern, message] of INJECTION_PATTERNS) {
        if (pattern.test(value)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message });
          return;
        }
      }
    });

/**
 * A key in the platform's secret store, e.g. `teams/payments/stripe` — path-like but never
 * escaping: no `..`, no leading `/`, no empty segments.
 */
export const remoteKey = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.-]+)*$/,
      'must be a secret store key: letters, digits, "_", ".", "-" separated by "/", not starting with "/"',
    )
    .refine(v => !v.split('/').some(s => s === '..' || s === '.'), {
      message: 'must not contain "." or ".." path segments',
    });

/** Property inside a remote secret (a JSON key of the stored value). */
export const remoteProperty = () =>
  z
    .string()
    .min(1)
    .max(100, 'must be at most 100 characters')
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, "_", "." or "-"')
    .refine(v => v !== '.' && v !== '..', {
      message: 'must not be "." or ".."',
    });

/** Environment variable / Secret data key. */
export const envVarName = () =>
  z
    .string()
    .min(1)
    .max(100, 'must be at most 100 characters')
    .regex(
      /^[A-Z_][A-Z0-9_]*$/,
      'must be an environment variable name: uppercase letters, digits and "_", not starting with a digit',
    );

/** Entity ref of a group, `group:default/team-a` or `team-a`. */
export const groupRef = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(200)
    .regex(
      /^(group:)?([a-z0-9][a-z0-9_.-]*\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
      'must be a group entity ref such as "group:default/team-a" or "team-a"',
    );

/** Any entity ref, `component:default/payments`. */
export const entityRef = () =>
  z
    .string()
    .min(1)
    .max(300)
    .regex(
      /^[a-zA-Z][a-zA-Z0-9-]*:([a-z0-9][a-z0-9_.-]*\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
      'must be an entity ref such as "component:default/payments"',
    );

/** Relative path in a repository: no traversal, no absolute path, no .git. */
export const repoPath = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters')
    .regex(
      /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
      'must be a relative path of letters, digits, "_", "." and "-" separated by "/"',
    )
    .refine(
      v => !v.split('/').some(s => s === '..' || s === '.' || s === '.git'),
      { message: 'must not contain ".", ".." or ".git" segments' },
    );

/** Kubernetes duration as ESO accepts it, e.g. `1h`, `15m`, `30s`. */
export const duration = () =>
  z
    .string()
    .regex(
      /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/,
      'must be a duration such as "1h", "15m" or "30s"',
    );

/**
 * `host?owner=org&repo=name` as RepoUrlPicker produces it; owner and repo are checked
 * as safe path segments.
 */
export const repoUrl = () =>
  z
    .string()
    .min(1)
    .max(300)
    .superRefine((value, ctx) => {
      try {
        parseRepoUrlString(value);
      } catch (e) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: (e as Error).message,
        });
      }
    });

export interface RepoCoordinates {
  host: string;
  owner: string;
  repo: string;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function parseRepoUrlString(value: string): RepoCoordinates {
  if (/[\r\n]/.test(value)) {
    throw new Error('must be a single line');
  }
  const q = value.indexOf('?');
  if (q <= 0) {
    throw new Error('must look like "host?owner=<org>&repo=<name>"');
  }
  const host = value.slice(0, q);
  const params = new URLSearchParams(value.slice(q + 1));
  const owner = params.get('owner') ?? '';
  const repo = params.get('repo') ?? '';
  if (!/^[A-Za-z0-9.-]+(:[0-9]+)?$/.test(host)) {
    throw new Error(`host "${host}" is not a host name`);
  }
  for (const [field, segment] of [
    ['owner', owner],
    ['repo', repo],
  ]) {
    if (
      !SEGMENT.test(segment) ||
      segment.endsWith('.git') ||
      segment.includes('..')
    ) {
      throw new Error(
        `${field} must be letters, digits, "_", "." and "-" (no "..", no ".git" suffix)`,
      );
    }
  }
  return { host, owner, repo };
}
