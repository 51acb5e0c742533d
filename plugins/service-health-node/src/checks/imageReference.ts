/** The parts of a container image reference that decide whether it is pinned. */
export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}$/;

/**
 * Splits `[registry[:port]/]path[:tag][@digest]`. The tag is the part after the last ":" of the
 * last path segment (a registry's port sits in an earlier segment).
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  return {
    repository: colon >= 0 ? named.slice(0, colon) : named,
    ...(colon >= 0 ? { tag: named.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/**
 * Pinned: a digest (`@sha256:...`), or a tag other than `latest`. No tag means `latest`. The
 * rule accepts tags because the platform's pipelines push immutable tags (the commit, or a
 * version): a mutable tag other than `latest` (`main`, `stable`) passes, and is the PolicyReport
 * engine's to refuse where a cluster wants digests only.
 */
export function unpinnedReason(image: string | undefined): string | undefined {
  if (!image) {
    return 'no image';
  }
  const ref = parseImageReference(image);
  if (ref.digest !== undefined) {
    return DIGEST.test(ref.digest) ? undefined : `malformed digest in ${image}`;
  }
  if (ref.tag === undefined || ref.tag === '') {
    return `${image} has no tag (it means latest)`;
  }
  if (ref.tag === 'latest') {
    return `${image} uses the tag latest`;
  }
  return undefined;
}
