import fs from 'node:fs';
import path from 'node:path';
import { SLASH_COMMAND } from '../../../src/adapters/slack/answer-view';
import { INSTALL_PATH, REDIRECT_PATH } from '../../../src/adapters/slack/oauth-routes';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/slack-surface';
import { SLACK_BOT_SCOPES } from '../../../src/adapters/slack/slack-scopes';

const DIR = path.resolve(__dirname, '../../../manifests/slack');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
const HOST = 'https://YOUR_PUBLIC_HOST';

describe('manifests/slack', () => {
  const http = read('manifest.json');
  const socket = read('manifest.socket-mode.json');

  it('declares the command on the events URL', () => {
    expect(http.features.slash_commands).toEqual([
      expect.objectContaining({ command: SLASH_COMMAND, url: `${HOST}${SLACK_EVENTS_PATH}`, should_escape: false }),
    ]);
  });

  it('sends interactivity and events to the same URL', () => {
    expect(http.settings.interactivity).toMatchObject({ is_enabled: true, request_url: `${HOST}${SLACK_EVENTS_PATH}` });
    expect(http.settings.event_subscriptions.request_url).toBe(`${HOST}${SLACK_EVENTS_PATH}`);
    expect(http.settings.event_subscriptions.bot_events).toEqual([
      'app_uninstalled',
      'tokens_revoked',
      'app_home_opened',
      'link_shared',
    ]);
    // block_suggestion (the campaign menus) comes to the same URL too.
    expect(http.settings.interactivity.message_menu_options_url).toBe(`${HOST}${SLACK_EVENTS_PATH}`);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('redirects OAuth to our callback', () => {
    expect(http.oauth_config.redirect_urls).toEqual([`${HOST}${REDIRECT_PATH}`]);
    expect(INSTALL_PATH).toBe('/slack/install');
  });

  it.each([
    ['manifest.json', http],
    ['manifest.socket-mode.json', socket],
  ])('%s asks for exactly the scopes the install asks for', (_name, manifest) => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
  });

  it('turns on the Home tab, and previews report page links of our host', () => {
    for (const manifest of [http, socket]) {
      expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true });
      expect(manifest.settings.event_subscriptions.bot_events).toEqual(
        expect.arrayContaining(['app_home_opened', 'link_shared']),
      );
    }
    expect(http.features.unfurl_domains).toEqual(['YOUR_PUBLIC_HOST']);
  });

  it('has a Socket Mode variant with no host to fill in', () => {
    expect(JSON.stringify(socket)).not.toContain('YOUR_PUBLIC_HOST');
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands[0].command).toBe(SLASH_COMMAND);
  });

  it('has a long description Slack accepts (175 to 4000 characters)', () => {
    expect(http.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(http.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
