import type { AuditApi } from '../api';

/** An {@link AuditApi} whose methods are jest mocks; `overrides` give some behaviour. */
export function mockAuditApi(
  overrides: Partial<AuditApi> = {},
): jest.Mocked<AuditApi> {
  return {
    listEvents: jest.fn().mockResolvedValue({ items: [] }),
    getEvent: jest.fn(),
    exportCsv: jest.fn(),
    verifyChain: jest.fn(),
    getWriterStatus: jest.fn().mockResolvedValue({
      buffered: 0,
      capacity: 1000,
      dropped: 0,
      written: 0,
    }),
    ...overrides,
  } as jest.Mocked<AuditApi>;
}
