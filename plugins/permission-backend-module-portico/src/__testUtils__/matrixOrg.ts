/** The organisation the access matrix runs against, in the catalog and in the OIDC provider. */
export const MATRIX_USERS = {
  alice: { email: 'alice@portico.example', name: 'Alice', groups: ['platform-team', 'portico-admins'] },
  bob: { email: 'bob@portico.example', name: 'Bob', groups: ['payments-team'] },
  carol: { email: 'carol@portico.example', name: 'Carol', groups: ['storefront-team'] },
  dan: { email: 'dan@portico.example', name: 'Dan', groups: ['payments-team'] },
  erin: { email: 'erin@portico.example', name: 'Erin', groups: ['auditors'] },
};

const user = (name: string, email: string) => `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ${name} }
spec: { profile: { email: ${email} }, memberOf: [] }
`;
const group = (name: string) => `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${name} }
spec: { type: team, children: [] }
`;

export const MATRIX_CATALOG = [
  ...Object.entries(MATRIX_USERS).map(([name, u]) => user(name, u.email)),
  ...['platform-team', 'portico-admins', 'payments-team', 'storefront-team', 'auditors'].map(group),
  `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: bobs-tool, annotations: { argocd/app-name: bobs-tool } }
spec: { type: service, lifecycle: production, owner: user:default/bob }
`,
  `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-svc, annotations: { argocd/app-name: payments-svc } }
spec: { type: service, lifecycle: production, owner: group:default/payments-team }
`,
].join('---');
