import {
  allContainers,
  workloadFailure,
  workloadsOf,
} from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';
import { unpinnedReason } from './imageReference';

/** Every container's image names a digest or a tag other than `latest` (see unpinnedReason). */
export const imagePinnedCheck: PolicyCheck = {
  id: 'portico:image-pinned',
  title: 'Images pinned to a digest or a version tag',
  severity: 'medium',
  howToFix:
    'Reference each image by digest (repository@sha256:...) or by an immutable tag the pipeline pushed (the commit SHA or a version such as 1.4.2), never :latest or no tag. A floating tag makes a restart pull different code than the one that was reviewed and deployed.',
  evaluate(objects) {
    const failures: FailedObject[] = [];
    let checked = 0;
    for (const w of workloadsOf(objects)) {
      for (const { container } of allContainers(w.podSpec)) {
        checked++;
        const reason = unpinnedReason(container.image);
        if (reason) {
          failures.push(workloadFailure(w, reason, container));
        }
      }
    }
    return outcome(checked, failures);
  },
};
