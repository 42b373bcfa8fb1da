import { Activity, ActivityTypes, CardFactory } from 'botbuilder';
import { AdaptiveCard, CardElement } from '../../render/teams/card';

const SUMMARY_MAX_CHARS = 200;

/** The first line of text of a card: what Teams shows in notifications and the chat list. */
export function cardSummary(card: AdaptiveCard): string {
  const texts: string[] = [];
  const visit = (elements: readonly CardElement[]) => {
    for (const element of elements) {
      if (element.type === 'TextBlock' && typeof element.text === 'string')
        texts.push(element.text.replace(/\\(.)/g, '$1'));
      if (element.type === 'RichTextBlock' && Array.isArray(element.inlines))
        texts.push((element.inlines as { text?: unknown }[]).map((run) => String(run.text ?? '')).join(''));
      if (Array.isArray(element.items)) visit(element.items as CardElement[]);
      if (texts.length >= 2) return;
    }
  };
  visit(card.body);
  const summary = texts.slice(0, 2).join(': ');
  return summary.length > SUMMARY_MAX_CHARS ? `${summary.slice(0, SUMMARY_MAX_CHARS - 1)}…` : summary;
}

/** A message carrying one Adaptive Card. */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary: cardSummary(card), attachments: [CardFactory.adaptiveCard(card)] };
}
