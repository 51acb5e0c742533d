import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import { signedInUser, userNotGranted } from './gateCaller';

const basic = createPermission({ name: 'test.basic', attributes: {} });
const resource = createPermission({
  name: 'test.resource',
  attributes: {},
  resourceType: 'test-thing',
});
const req = { headers: {} } as Request;

describe('signedInUser', () => {
  it("is a user's credentials, and undefined for a service principal", async () => {
    const asUser = mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/bob'),
    });
    expect((await signedInUser(asUser, req))?.principal).toEqual({
      type: 'user',
      userEntityRef: 'user:default/bob',
    });
    const asService = mockServices.httpAuth({
      defaultCredentials: mockCredentials.service('plugin:catalog'),
    });
    expect(await signedInUser(asService, req)).toBeUndefined();
  });
});

describe('userNotGranted', () => {
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user('user:default/bob'),
  });

  it('asks a basic permission with authorize and a resource one with authorizeConditional', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    permissions.authorizeConditional.mockResolvedValue([
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'test',
        resourceType: 'test-thing',
        conditions: {
          rule: 'IS_OWNER',
          resourceType: 'test-thing',
          params: {},
        },
      },
    ]);
    const denied = await userNotGranted({ httpAuth, permissions }, req, basic);
    expect(denied?.decision.result).toBe(AuthorizeResult.DENY);
    expect(denied?.credentials.principal.userEntityRef).toBe(
      'user:default/bob',
    );
    const conditional = await userNotGranted(
      { httpAuth, permissions },
      req,
      resource,
    );
    expect(conditional?.decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
  });

  it('is undefined when the policy grants it outright, or for a service principal', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    expect(
      await userNotGranted({ httpAuth, permissions }, req, basic),
    ).toBeUndefined();
    const asService = mockServices.httpAuth({
      defaultCredentials: mockCredentials.service('plugin:catalog'),
    });
    expect(
      await userNotGranted({ httpAuth: asService, permissions }, req, basic),
    ).toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
  });
});
