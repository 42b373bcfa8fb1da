import { SUBSCRIBE_FORM_OPTIONS } from '../domain/native-surfaces';
import { ChatAnswer, ChatPlace, answerChatCommand, linkedLocaleOf } from './chat-command-service';
import { ReportDeps } from './report-context';

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
      ? (['Pick what to subscribe to: all campaigns, a bot or a campaign.', 'pickSubscribeTarget'] as const)
      : (['Tick at least one kind of report to post.', 'pickSubscribeOption'] as const);
    return { kind: 'message', text, said: { key }, ...(locale ? { locale } : {}) };
  }
  return answerChatCommand(deps, place, `subscribe ${word} ${options.join(' ')}`);
}
