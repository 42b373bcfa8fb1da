import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CallRow } from '../../../../src/domain/report-model';
import {
  CALLS_CSV_MACHINE_COLUMNS,
  callsCsvFilename,
  csvField,
  formatIsoWithOffset,
  neutralizeFormula,
  renderCallsCsv,
  renderCallsCsvHeader,
  renderCallsCsvPages,
  renderCallsCsvRows,
} from '../../../../src/render/csv/calls';
import { LOCALE, TIME_ZONE, expected, sampleCallRows, sampleCallsReport } from '../fixtures-cmp-1-000';

const HEADER =
  'Started at (Asia/Ho_Chi_Minh),Call ID,Customer ID,Phone,Attempt,Status,Result code,Call time (h:mm:ss),Dialing (h:mm:ss),Recording,' +
  'started_at,status,call_duration_ms,dialing_duration_ms';

function parseCsv(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, record_delimiter: '\r\n' });
}

function row(overrides: Partial<CallRow> = {}): CallRow {
  return { ...sampleCallRows()[2], ...overrides };
}

describe('renderCallsCsv on the sample campaign', () => {
  const csv = renderCallsCsv(sampleCallsReport());
  const lines = csv.split('\r\n');

  it('starts with the header and ends every record with CRLF', () => {
    expect(lines[0]).toBe(HEADER);
    expect(renderCallsCsvHeader(TIME_ZONE, LOCALE)).toBe(`${HEADER}\r\n`);
    expect(HEADER.endsWith(CALLS_CSV_MACHINE_COLUMNS.join(','))).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines).toHaveLength(expected.calls.total + 2);
  });

  it('writes each field for people (local time at the second, status in words, h:mm:ss, full phone, link) then for programs', () => {
    expect(lines[1]).toBe(
      '2026-10-30 22:36:02,call-1-0000001,cus-0-00000,+84941777631,1,Error,CU,0:00:00,0:00:22,,2026-10-30T22:36:02.000+07:00,error,0,22000',
    );
    expect(lines[3]).toBe(
      '2026-10-30 22:37:05,call-1-0000003,cus-0-00001,+84936083778,1,Successful,WRONG_PERSON,0:03:38,0:00:12,' +
        'https://report.example.com/r/tok-call-1-0000003,2026-10-30T22:37:05.000+07:00,successful,218000,12000',
    );
    // One precision per column: the machine instant always to the millisecond, the local time to the second.
    expect(lines[4]).toMatch(/^2026-10-30 22:37:31,.*,2026-10-30T22:37:31\.720\+07:00,/);
  });

  it('heads the columns for people in the account language; the machine columns keep their names', () => {
    const vi = renderCallsCsv({ ...sampleCallsReport(), locale: 'vi-VN' }).split('\r\n');
    expect(vi[0]).toBe(
      'Bắt đầu lúc (Asia/Ho_Chi_Minh),Mã cuộc gọi,Mã khách hàng,Số điện thoại,Lần gọi,Trạng thái,Mã kết quả,' +
        'Thời lượng (g:pp:ss),Quay số (g:pp:ss),Ghi âm,started_at,status,call_duration_ms,dialing_duration_ms',
    );
    expect(vi[1]).toBe(
      '30/10/2026 22:36:02,call-1-0000001,cus-0-00000,+84941777631,1,Lỗi,CU,0:00:00,0:00:22,,2026-10-30T22:36:02.000+07:00,error,0,22000',
    );
  });

  it('round-trips through csv-parse with the same figures as the report', () => {
    const records = parseCsv(csv);
    const rows = sampleCallRows();
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      expect(record['Call ID']).toBe(rows[i].callId);
      expect(record.Phone).toBe(rows[i].phone);
      expect(new Date(record.started_at).toISOString()).toBe(rows[i].startedAt);
      expect(Number(record.call_duration_ms)).toBe(rows[i].callDurationMs);
    });
    const total = (key: string) => records.reduce((sum, record) => sum + Number(record[key]), 0);
    expect(total('call_duration_ms')).toBe(expected.costs.totalCallDurationMs);
    expect(total('dialing_duration_ms')).toBe(expected.dialingDurationMs);
    expect(records.filter((record) => record.status === 'successful')).toHaveLength(expected.calls.successful);
    expect(records.filter((record) => Number(record.Attempt) > 1)).toHaveLength(expected.calls.callbacks);
  });

  it('streams: header plus rows page by page equals the whole file', () => {
    const rows = sampleCallRows();
    const streamed =
      renderCallsCsvHeader(TIME_ZONE, LOCALE) +
      renderCallsCsvRows(rows.slice(0, 10), TIME_ZONE, LOCALE) +
      renderCallsCsvRows(rows.slice(10), TIME_ZONE, LOCALE);
    expect(streamed).toBe(csv);
    expect(renderCallsCsv(sampleCallsReport([], 0))).toBe(`${HEADER}\r\n`);
  });
});

describe('CSV quoting', () => {
  it('quotes fields with comma, quote, CR or LF and doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
  });

  it('round-trips awkward values in any field', () => {
    const awkward = row({ callId: 'id,"1"\r\n2', customerId: 'Nguyễn, "Văn"\nĐức', resultCode: 'A"B' });
    const [record] = parseCsv(renderCallsCsv(sampleCallsReport([awkward])));
    expect(record['Call ID']).toBe(awkward.callId);
    expect(record['Customer ID']).toBe(awkward.customerId);
    expect(record['Result code']).toBe('A"B');
  });

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string(),
        (callId, customerId, resultCode) => {
          const input = row({ callId, customerId, resultCode });
          const [record] = parseCsv(renderCallsCsv(sampleCallsReport([input])));
          expect(record['Call ID']).toBe(neutralizeFormula(callId));
          expect(record['Customer ID']).toBe(neutralizeFormula(customerId));
          expect(record['Result code']).toBe(neutralizeFormula(resultCode));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=1', `'=1`],
  ])('neutralises %j', (value, cell) => {
    expect(csvField(value)).toBe(cell);
  });

  it.each(['+84901234567', '+84 90 123-4567', '+1 (555) 010-9999', '-12.5', '12', 'PAID', 'a=b', 'cus-0-00001'])(
    'leaves %j alone',
    (value) => {
      expect(csvField(value)).toBe(value);
    },
  );

  it('keeps full phone numbers as written in the phone column', () => {
    const [record] = parseCsv(renderCallsCsv(sampleCallsReport([row({ phone: '+84901234567' })])));
    expect(record.Phone).toBe('+84901234567');
  });

  it('neutralises a hostile customer id and recording link', () => {
    const [record] = parseCsv(
      renderCallsCsv(sampleCallsReport([row({ customerId: '=IMPORTXML("http://x")', recordingLink: '@evil' })])),
    );
    expect(record['Customer ID']).toBe(`'=IMPORTXML("http://x")`);
    expect(record.Recording).toBe(`'@evil`);
  });
});

describe('formatIsoWithOffset', () => {
  it.each([
    ['2026-10-30T15:36:02Z', 'Asia/Ho_Chi_Minh', '2026-10-30T22:36:02.000+07:00'],
    ['2026-10-31T17:30:00Z', 'Asia/Ho_Chi_Minh', '2026-11-01T00:30:00.000+07:00'],
    ['2026-10-30T15:37:31.720Z', 'Asia/Ho_Chi_Minh', '2026-10-30T22:37:31.720+07:00'],
    ['2026-10-30T15:36:02Z', 'UTC', '2026-10-30T15:36:02.000+00:00'],
    ['2026-10-30T15:36:02Z', 'Asia/Kathmandu', '2026-10-30T21:21:02.000+05:45'],
    ['2026-03-08T06:30:00Z', 'America/New_York', '2026-03-08T01:30:00.000-05:00'],
    ['2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08T03:30:00.000-04:00'],
    ['2026-01-15T12:00:00Z', 'America/St_Johns', '2026-01-15T08:30:00.000-03:30'],
  ])('%s in %s is %s', (iso, zone, text) => {
    expect(formatIsoWithOffset(iso, zone)).toBe(text);
  });

  it('always names the same instant (property)', () => {
    const zones = [
      'Asia/Ho_Chi_Minh',
      'UTC',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const text = formatIsoWithOffset(new Date(ms).toISOString(), zone);
          expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
          expect(new Date(text).getTime()).toBe(ms);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects text that is not an instant', () => {
    expect(() => formatIsoWithOffset('yesterday', 'UTC')).toThrow(RangeError);
  });
});

describe('the CSV as pages, for the CLI, the email and Slack', () => {
  it('is the same bytes as the whole report at once, and counts the rows it wrote', async () => {
    const report = sampleCallsReport();
    async function* pages() {
      yield report.rows.slice(0, 7);
      yield [];
      yield report.rows.slice(7);
    }
    let csv = '';
    let rows = 0;
    for await (const chunk of renderCallsCsvPages(pages(), report)) {
      csv += chunk.csv;
      rows += chunk.rows;
    }
    expect(csv).toBe(renderCallsCsv(report));
    expect(rows).toBe(report.rows.length);
  });

  it('names the file after the campaign, made safe for a file name', () => {
    expect(callsCsvFilename('cmp-1-000')).toBe('calls-cmp-1-000.csv');
    expect(callsCsvFilename('Tết 2026 / <b>')).toMatch(/^calls-T_t_2026_b_~[0-9a-f]{8}\.csv$/);
  });
});
