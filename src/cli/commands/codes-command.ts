import { defaultResultCode } from '../../domain/platform-outcome';
import { normalizeResultCode } from '../../domain/call-status';
import { findConnector } from '../../ingest/connectors/connector-registry';
import { requireAccount } from '../../reports/report-context';
import { listCodeMap, listOutcomeFields, listPlatformReasons } from '../../storage/connectors';
import { parseCommandArgs, printJson } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '[--account A] [--json]';

export interface CodeListing {
  platform: string;
  reason: string;
  calls: number;
  /** The result code the reason maps to; for answered calls with an outcome field, the code when the field is empty. */
  resultCode: string;
  source: 'code-map' | 'default' | 'outcome-field' | 'unmapped';
  note: string;
}

function describeReason(
  platform: string,
  reason: string,
  calls: number,
  mapped: string | undefined,
  outcomeField: string | null,
): CodeListing {
  const base = { platform, reason, calls };
  if (mapped !== undefined) return { ...base, resultCode: mapped, source: 'code-map', note: 'set with code-map' };
  const category = findConnector(platform)?.categorize(reason) ?? null;
  const fallback = normalizeResultCode(reason);
  if (category === null)
    return {
      ...base,
      resultCode: `CU or ${fallback}`,
      source: 'unmapped',
      note: 'unmapped: CU when not answered, else the reason; map it with code-map',
    };
  const code = defaultResultCode(category);
  if (code !== null)
    return { ...base, resultCode: code, source: 'default', note: `default for ${category.replace('_', ' ')}` };
  if (outcomeField)
    return {
      ...base,
      resultCode: fallback,
      source: 'outcome-field',
      note: `answered: the value of ${outcomeField}, else ${fallback}`,
    };
  return { ...base, resultCode: fallback, source: 'default', note: 'answered: the reason (no --outcome-field set)' };
}

/** `codes`: every platform reason the account's calls carry, how many calls, and the result code it maps to. */
export async function codesCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('codes', argv, { account: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const accountId = values.account ?? 'default';
  await requireAccount(ctx.db, accountId);
  const [reasons, codeMap, outcomeFields] = await Promise.all([
    listPlatformReasons(ctx.db, accountId),
    listCodeMap(ctx.db, accountId),
    listOutcomeFields(ctx.db, accountId),
  ]);
  const mapped = new Map(codeMap.map((entry) => [`${entry.platform}\n${entry.reason}`, entry.resultCode]));
  const seen = new Set(reasons.map((entry) => `${entry.platform}\n${entry.reason}`));
  const rows = [
    ...reasons.map((r) =>
      describeReason(
        r.platform,
        r.reason,
        r.calls,
        mapped.get(`${r.platform}\n${r.reason}`),
        outcomeFields.get(r.platform) ?? null,
      ),
    ),
    ...codeMap
      .filter((e) => !seen.has(`${e.platform}\n${e.reason}`))
      .map((e) => describeReason(e.platform, e.reason, 0, e.resultCode, null)),
  ];
  if (values.json) {
    printJson(ctx.out, rows);
    return 0;
  }
  if (rows.length === 0) {
    ctx.out(
      `no connector calls yet for account ${accountId}; set a connector up with: npm run cli -- connector <retell or vapi or twilio>`,
    );
    return 0;
  }
  const header = ['platform', 'reason', 'calls', 'result code', 'how'];
  const cells = rows.map((r) => [r.platform, r.reason, String(r.calls), r.resultCode, r.note]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  ctx.out([line(header), ...cells.map(line)].join('\n'));
  const unmapped = rows.filter((r) => r.source === 'unmapped');
  if (unmapped.length > 0)
    ctx.out(
      `${unmapped.length} reason(s) unmapped: npm run cli -- code-map <platform> <reason> <RESULT_CODE> --account ${accountId}`,
    );
  return 0;
}
