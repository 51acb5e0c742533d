import {
  AUDIT_CSV_COLUMNS,
  csvCell,
  csvHeader,
  csvLine,
} from './auditEventsCsv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [undefined, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=1\n', `"'=1\n"`],
    ['a=b', 'a=b'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('writes one CRLF line per event, a cell per column', () => {
    expect(csvHeader()).toBe(
      `${AUDIT_CSV_COLUMNS.map(([h]) => h).join(',')}\r\n`,
    );
    const line = csvLine({
      id: '9',
      time: '2024-05-01T00:00:00.000Z',
      plugin: 'catalog',
      eventId: 'entity-mutate',
      action: 'catalog.entity-mutate',
      severity: 'medium',
      outcome: 'failed',
      actor: { id: 'user:default/alice', type: 'user' },
      requestId: 'r',
      meta: { note: 'a,"b"' },
      error: '=cmd|x',
      hash: 'h',
      prevHash: 'p',
    });
    expect(line).toBe(
      '9,2024-05-01T00:00:00.000Z,catalog.entity-mutate,catalog,entity-mutate,medium,failed,' +
        'user:default/alice,user,,,,r,,,\'=cmd|x,"{""note"":""a,\\""b\\""""}",p,h\r\n',
    );
  });
});
