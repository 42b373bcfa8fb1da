import { ChatAnswer, ChatPlace, answerChatCommand, linkedLocaleOf } from './chat-command-service';
import { ReportDeps } from './report-context';

/**
 * The options a subscription can be made with from a form (Slack's subscribe modal), as words of the
 * `subscribe` grammar. The one list to extend when the grammar gets more (e.g. `live`, `alerts`): each word
 * also needs its label `subscribeModal.option.<word>` in the catalog.
 */
export const SUBSCRIBE_FORM_OPTIONS = ['summaries', 'digest'] as const;
export type SubscribeFormOption = (typeof SUBSCRIBE_FORM_OPTIONS)[number];

/** A subscription target as a form carries it: `all`, `bot:<id>` or `campaign:<id>`. */
export function subscribeTargetValue(target: { kind: 'all' | 'bot' | 'campaign'; id: string }): string {
  return target.kind === 'all' ? 'all' : `${target.kind}:${target.id}`;
}

/** The target word of the typed command, or null when the value is not one a form offered. */
function targetWord(value: string): string | null {
  if (value === 'all') return 'all';
  const match = /^(?:bot|campaign):(\S{1,200})$/.exec(value);
  return match ? match[1] : null;
}

export interface SubscribeForm {
  target: string;
  options: readonly string[];
}

/**
 * Subscribes `place` (its destination is the channel chosen in the form) exactly as the typed command
 * `subscribe <target> <options…>` does; a form that names nothing usable is answered with a message.
 */
export async function subscribeFromForm(deps: ReportDeps, place: ChatPlace, form: SubscribeForm): Promise<ChatAnswer> {
  const word = targetWord(form.target);
  const options = SUBSCRIBE_FORM_OPTIONS.filter((option) => form.options.includes(option));
  if (!word || options.length === 0) {
    const locale = await linkedLocaleOf(deps, place);
    const [text, key] = !word
      ? ['Pick what to subscribe to: all campaigns, a bot or a campaign.', 'pickSubscribeTarget']
      : ['Tick at least one kind of report to post.', 'pickSubscribeOption'];
    return { kind: 'message', text, said: { key }, ...(locale ? { locale } : {}) };
  }
  return answerChatCommand(deps, place, `subscribe ${word} ${options.join(' ')}`);
}
