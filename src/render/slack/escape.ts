const SLACK_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes user text for any Slack text (mrkdwn, plain_text, the message's `text`): only `&`, `<` and `>`,
 * as Slack asks. With `<` gone, a name like `<!channel>` or `<@U123>` shows as text and never pings.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/[&<>]/g, (char) => SLACK_ESCAPES[char]);
}
