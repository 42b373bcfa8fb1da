import { App } from '@slack/bolt';
import { InstallationStore } from '@slack/oauth';
import { SlackRuntime } from '../slack-runtime';
import { registerAppEvents } from './app-events';
import { registerCampaignReportCommand } from './campaign-report-command';
import { registerDownloadCallsCsv } from './download-calls-csv-action';
import { registerListenRecording } from './listen-recording-action';
import { registerOpenCalls } from './open-calls-action';
import { registerShareReport } from './share-report-action';

/** One group of listeners (a command, an action, events), in its own file in this folder. */
export type RegisterListeners = (app: App, runtime: SlackRuntime, store: InstallationStore | null) => void;

/** Every listener group of the app: a new one is a new file here plus one line in this list. */
export const SLACK_LISTENERS: readonly RegisterListeners[] = [
  registerCampaignReportCommand,
  registerShareReport,
  registerOpenCalls,
  registerDownloadCallsCsv,
  registerListenRecording,
  registerAppEvents,
];

export function registerSlackListeners(app: App, runtime: SlackRuntime, store: InstallationStore | null): void {
  for (const register of SLACK_LISTENERS) register(app, runtime, store);
}
