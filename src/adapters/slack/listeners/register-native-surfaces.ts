import { App } from '@slack/bolt';
import { linkSecretsOf } from '../../../reports/recording-links';
import { SlackRuntime } from '../slack-runtime';
import { registerAppHome } from './app-home';
import { registerCampaignPickerOptions } from './campaign-picker-options';
import { registerPickerActions } from './picker-actions';
import { UnfurlSettings, registerReportLinkUnfurl } from './report-link-unfurl';
import { registerSubscribeModal } from './subscribe-modal';

/** What the native surfaces read of the configuration (src/config.ts Config fits). */
export interface NativeSurfaceSettings {
  publicBaseUrl: string;
  encryptionKey: Buffer | undefined;
  recordingLinks: { secret: string | undefined; previousSecret?: string; ttlSeconds: number };
}

/** What report link previews read of the settings (the web process's and each answer thread's). */
export function unfurlSettingsOf(settings: NativeSurfaceSettings): UnfurlSettings {
  return { publicBaseUrl: settings.publicBaseUrl, linkSecrets: linkSecretsOf(settings) };
}

/** Pick, don't type (the campaign picker, the subscribe modal), App Home and report link previews (issue 16). */
export function registerNativeSurfaces(app: App, runtime: SlackRuntime, settings: NativeSurfaceSettings): void {
  registerCampaignPickerOptions(app, runtime);
  registerPickerActions(app, runtime);
  registerSubscribeModal(app, runtime);
  registerAppHome(app, runtime);
  registerReportLinkUnfurl(app, runtime, unfurlSettingsOf(settings));
}
