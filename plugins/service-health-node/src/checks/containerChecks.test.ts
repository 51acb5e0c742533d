import { parseServiceObjects } from '../objects/parse';
import { compliantServiceObjects } from '../testing/serviceObjects';
import { imagePinnedCheck } from './imagePinned';
import { nonRootCheck } from './nonRoot';
import { probesCheck } from './probes';
import { resourcesCheck } from './resources';
import { PolicyCheck } from './check';

type Objects = ReturnType<typeof compliantServiceObjects>;

/** The compliant objects with one change to the first Deployment's pod spec. */
function withPod(change: (pod: any, objects: Objects) => void) {
  const objects = compliantServiceObjects();
  change(objects.deployments[0].spec.template.spec, objects);
  return parseServiceObjects(objects);
}

const evaluate = (
  check: PolicyCheck,
  objects = parseServiceObjects(compliantServiceObjects()),
) => check.evaluate(objects);

describe('container checks', () => {
  it.each([resourcesCheck, probesCheck, nonRootCheck, imagePinnedCheck])(
    '$id passes on the compliant service and is not applicable without workloads',
    check => {
      expect(evaluate(check)).toEqual({ result: 'pass', failures: [] });
      expect(evaluate(check, parseServiceObjects({}))).toEqual({
        result: 'not-applicable',
        failures: [],
      });
    },
  );

  it('resources: names the container and the missing request or limit, init containers too', () => {
    const objects = withPod(pod => {
      delete pod.containers[0].resources.limits.memory;
      pod.initContainers = [{ name: 'migrate', image: 'migrate:1.0.0' }];
    });
    expect(resourcesCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          container: 'migrate',
          message:
            'no requests.cpu, requests.memory, limits.cpu, limits.memory',
        },
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          container: 'payments',
          message: 'no limits.memory',
        },
      ],
    });
  });

  it('probes: fails on a missing liveness probe and on a probe without a handler, not on init containers', () => {
    const objects = withPod((pod, all) => {
      delete pod.containers[0].livenessProbe;
      pod.initContainers = [{ name: 'migrate', image: 'migrate:1.0.0' }];
      all.statefulSets.push({
        metadata: { name: 'cache', namespace: 'payments' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'redis',
                  readinessProbe: {},
                  livenessProbe: { tcpSocket: { port: 6379 } },
                },
              ],
            },
          },
        },
      });
    });
    const { result, failures } = probesCheck.evaluate(objects);
    expect(result).toBe('fail');
    expect(failures).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'payments',
        container: 'payments',
        message: 'no livenessProbe',
      }),
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'cache',
        container: 'redis',
        message: 'no readinessProbe',
      }),
    ]);
  });

  it('non-root: the container context overrides the pod one; runAsUser above 0 is enough; 0 fails', () => {
    const asUser = withPod(pod => {
      pod.securityContext = { runAsUser: 10001 };
    });
    expect(nonRootCheck.evaluate(asUser).result).toBe('pass');

    const overridden = withPod(pod => {
      pod.containers[0].securityContext = { runAsNonRoot: false };
    });
    expect(nonRootCheck.evaluate(overridden).failures).toEqual([
      expect.objectContaining({
        name: 'payments',
        container: 'payments',
        message: 'runAsNonRoot is false and no runAsUser above 0',
      }),
    ]);

    const root = withPod(pod => {
      pod.containers[0].securityContext = { runAsUser: 0 };
    });
    expect(nonRootCheck.evaluate(root).failures).toEqual([
      expect.objectContaining({
        container: 'payments',
        message: 'runAsUser is 0 (root)',
      }),
    ]);

    const unset = withPod(pod => {
      delete pod.securityContext;
    });
    expect(nonRootCheck.evaluate(unset)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          container: 'payments',
          message: 'neither runAsNonRoot: true nor a runAsUser above 0',
        },
      ],
    });
  });

  it.each([
    [
      'registry.local/portico/payments:latest',
      'registry.local/portico/payments:latest uses the tag latest',
    ],
    [
      'registry.local:5000/portico/payments',
      'registry.local:5000/portico/payments has no tag (it means latest)',
    ],
    ['payments@sha256:abc', 'malformed digest in payments@sha256:abc'],
  ])('image pinned: %s fails', (image, message) => {
    const objects = withPod(pod => {
      pod.containers[0].image = image;
    });
    expect(imagePinnedCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          container: 'payments',
          message,
        },
      ],
    });
  });

  it.each([
    'registry.local:5000/portico/payments:1.4.2',
    `payments@sha256:${'a'.repeat(64)}`,
    `ghcr.io/acme/payments:latest@sha256:${'b'.repeat(64)}`,
  ])('image pinned: %s passes', image => {
    const objects = withPod(pod => {
      pod.containers[0].image = image;
    });
    expect(imagePinnedCheck.evaluate(objects).result).toBe('pass');
  });
});
