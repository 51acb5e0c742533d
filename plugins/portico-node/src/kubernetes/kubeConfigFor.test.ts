import { kubeConfigFor } from './kubeConfigFor';

describe('kubeConfigFor', () => {
  it('points at the configured server with its token and CA', () => {
    const kc = kubeConfigFor({
      url: 'https://kube.example:6443',
      token: 'sa-token',
      caData: 'Q0E=',
    });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://kube.example:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
    });
    expect(kc.getCurrentUser()?.token).toBe('sa-token');
  });

  it("uses the pod's service account without a URL", () => {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT;
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    try {
      const kc = kubeConfigFor({});
      expect(kc.getCurrentCluster()?.server).toBe('https://10.0.0.1:443');
      expect(kc.getCurrentUser()?.name).toBe('inClusterUser');
    } finally {
      if (host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
      else process.env.KUBERNETES_SERVICE_HOST = host;
      if (port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
      else process.env.KUBERNETES_SERVICE_PORT = port;
    }
  });
});
