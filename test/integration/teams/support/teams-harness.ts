import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import {
  createTeamsSurface,
  TeamsSurface,
  TeamsSurfaceOptions,
} from '../../../../src/adapters/teams/create-teams-surface';
import { Config, loadConfig } from '../../../../src/config';
import { createHttpApp } from '../../../../src/http/create-app';
import { makeRecordingLinker } from '../../../../src/reports/recording-links';
import { ReportDeps } from '../../../../src/reports/report-context';
import { Db } from '../../../../src/storage/connection';
import { linkWorkspace } from '../../../../src/storage/workspace-links';
import { FakeBotConnector, startFakeBotConnector } from '../../../support/fakes/fake-bot-connector';
import { loadSample } from '../../../support/sample-data';
import { TestDb, createTestDb } from '../../../support/test-db';

export const TENANT = '72f988bf-0000-4000-8000-00000000aaaa';
export const PUBLIC_BASE_URL = 'https://reports.example.com';
export const RECORDING_SECRET = 'teams-test-recording-secret-32-characters';
export const BOT = { id: '28:campaign-report-bot', name: 'Campaign Report' };
export const CHANNEL = '19:general0123456789@thread.tacv2';
export const CHANNEL_THREAD = `${CHANNEL};messageid=1700000000001`;

export interface TeamsHarness {
  url: string;
  surface: TeamsSurface;
  config: Config;
  reportDeps: ReportDeps;
  /** Lines the surface logged (pino, JSON), for checking what was logged and what was not. */
  logs: Record<string, unknown>[];
  post(activity: Record<string, unknown>, authorization?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  surface?: Partial<TeamsSurfaceOptions>;
}

/** The Teams surface behind the one HTTP app (createHttpApp), on 127.0.0.1:<random port>. */
export async function startTeamsHarness(db: Db, options: HarnessOptions = {}): Promise<TeamsHarness> {
  const config = loadConfig({ PUBLIC_BASE_URL, RECORDING_LINK_SECRET: RECORDING_SECRET, ...options.env });
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const reportDeps: ReportDeps = {
    db,
    recordingLinkFor: makeRecordingLinker({
      publicBaseUrl: config.publicBaseUrl,
      secret: RECORDING_SECRET,
      ttlSeconds: 3600,
    }),
  };
  const surface = createTeamsSurface({
    config,
    db,
    logger,
    reportDeps,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...options.surface,
  });
  const server = http.createServer(createHttpApp([surface.router], logger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    surface,
    config,
    reportDeps,
    logs,
    post: (activity, authorization) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function linkTenant(db: Db, tenantId = TENANT, accountId = 'default'): Promise<void> {
  await linkWorkspace(db, 'teams', tenantId, accountId);
}

let sequence = 0;

export interface ActivityOptions {
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  tenantId?: string | null;
  /** Put the tenant only in channelData (not what Teams sends: what a spoofing client might). */
  tenantInChannelData?: boolean;
  /** channelData.tenant.id when it should differ from the conversation's tenant. */
  channelDataTenantId?: string;
  /** The Bot Framework channel: `msteams` unless a test says otherwise (webchat, directline). */
  channelId?: string;
  value?: Record<string, unknown>;
  from?: Record<string, unknown>;
}

/** A message as Teams sends it to the bot, with the fake connector as its serviceUrl. */
export function teamsMessage(
  connector: FakeBotConnector,
  text: string | undefined,
  options: ActivityOptions = {},
): Record<string, unknown> {
  return teamsActivity(connector, 'message', { ...(text === undefined ? {} : { text }) }, options);
}

export function teamsActivity(
  connector: FakeBotConnector,
  type: string,
  fields: Record<string, unknown>,
  options: ActivityOptions = {},
): Record<string, unknown> {
  sequence += 1;
  const tenantId = options.tenantId === undefined ? TENANT : options.tenantId;
  return {
    type,
    id: `1700000${String(sequence).padStart(6, '0')}`,
    timestamp: new Date().toISOString(),
    channelId: options.channelId ?? 'msteams',
    serviceUrl: connector.url,
    from: options.from ?? { id: '29:user-lan', name: 'Lan', aadObjectId: 'aad-user-lan' },
    recipient: BOT,
    conversation: {
      id: options.conversationId ?? CHANNEL_THREAD,
      conversationType: options.conversationType ?? 'channel',
      isGroup: (options.conversationType ?? 'channel') !== 'personal',
      ...(tenantId && !options.tenantInChannelData ? { tenantId } : {}),
    },
    channelData: tenantId
      ? {
          tenant: { id: options.channelDataTenantId ?? tenantId },
          ...(options.conversationType === 'personal' ? {} : { channel: { id: CHANNEL } }),
        }
      : {},
    ...(options.value ? { value: options.value } : {}),
    ...fields,
  };
}

/** The Adaptive Card of an activity the bot sent (the fake recorded it). */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in ${JSON.stringify(activity).slice(0, 300)}`);
  return card.content;
}

/** A TextBlock's text unescaped (Teams reads it as Markdown), a RichTextBlock's runs as they are (literal). */
export function shownTextOf(element: Record<string, unknown>): string | null {
  if (element.type === 'TextBlock' && typeof element.text === 'string') return element.text.replace(/\\(.)/g, '$1');
  if (element.type === 'RichTextBlock' && Array.isArray(element.inlines))
    return (element.inlines as { text?: string }[]).map((run) => run.text ?? '').join('');
  return null;
}

/** Every text of a card as shown (TextBlocks unescaped, RichTextBlocks literally), depth first; not fallbacks. */
export function cardTexts(card: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const shown = shownTextOf(record);
      if (shown !== null) out.push(shown);
      for (const key of ['body', 'items', 'rows', 'cells', 'columns']) if (key in record) visit(record[key]);
    }
  };
  visit(card.body);
  return out;
}

/** FactSet facts, and the label/value column pairs of literal facts, as shown. */
export function cardFacts(card: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'FactSet') {
        for (const fact of record.facts as { title: string; value: string }[])
          out.push([fact.title.replace(/\\(.)/g, '$1'), fact.value.replace(/\\(.)/g, '$1')]);
      }
      const columns = record.type === 'ColumnSet' ? (record.columns as Record<string, unknown>[]) : [];
      if (columns.length === 2) {
        const [title, shown] = columns.map((column) =>
          (column.items as Record<string, unknown>[]).map((item) => shownTextOf(item) ?? '').join(' '),
        );
        out.push([title, shown]);
      }
      for (const key of ['body', 'items', 'rows', 'cells', 'columns']) if (key in record) visit(record[key]);
    }
  };
  visit(card.body);
  return out;
}

/** What most Teams suites start with: the sample data linked to TENANT, a fake Bot Connector and the app. */
export interface SampleTeamsSuite {
  t: TestDb;
  connector: FakeBotConnector;
  harness: TeamsHarness;
  close(): Promise<void>;
}

export async function startSampleTeamsSuite(): Promise<SampleTeamsSuite> {
  const t = await createTestDb();
  await loadSample(t.db);
  await linkTenant(t.db);
  const connector = await startFakeBotConnector();
  const harness = await startTeamsHarness(t.db, { env: { QUICKCHART_BASE_URL: 'https://quickchart.example.com' } });
  return {
    t,
    connector,
    harness,
    async close() {
      await harness.close();
      await connector.close();
      await t.drop();
    },
  };
}

/** Lets the bot meet a channel thread and a personal chat the way Teams does, so that both have a stored reference. */
export async function meetConversations(suite: SampleTeamsSuite, personalConversationId: string): Promise<void> {
  await suite.harness.post(teamsMessage(suite.connector, 'help', { conversationId: CHANNEL_THREAD }));
  await suite.harness.post(
    teamsActivity(
      suite.connector,
      'installationUpdate',
      { action: 'add' },
      { conversationId: personalConversationId, conversationType: 'personal' },
    ),
  );
}
