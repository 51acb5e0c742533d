import { ManifestFile, toFiles } from '../manifests/serialise';

/**
 * The outputs every manifest-building action gives (schemas/shared.ts manifestOutputs): `files`
 * (path → YAML, ready for portico:gitops:commit) and `objects` (in apply order).
 */
export function outputManifests(
  ctx: { output(name: 'files' | 'objects', value: any): void },
  manifests: ManifestFile[],
  files: Record<string, string> = toFiles(manifests),
) {
  ctx.output('files', files);
  ctx.output(
    'objects',
    manifests.map(f => f.object as Record<string, unknown>),
  );
}
