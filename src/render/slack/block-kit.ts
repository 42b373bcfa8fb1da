import {
  ELLIPSIS,
  MAX_ACTION_ELEMENTS,
  MAX_ALT_TEXT,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_ELEMENTS,
  MAX_CONTEXT_TEXT,
  MAX_FIELD_TEXT,
  MAX_FIELDS,
  MAX_HEADER_TEXT,
  MAX_IMAGE_TITLE,
  MAX_IMAGE_URL,
  MAX_SECTION_TEXT,
  truncateText,
} from './limits';
import { DataVisualizationBlock } from './data-visualization';
import { DataTableBlock, TableBlock } from './tables';
import type { SelectElement } from './select-elements';

/**
 * Block Kit as plain local types (render stays free of @slack/*), and builders that enforce the limits.
 * Every builder takes text that is already Slack-ready: user text escaped with escapeSlackText.
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** `verbatim: true` so that Slack does not auto-link names or mentions found in user text. */
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}

export interface SectionBlock {
  type: 'section';
  text?: MrkdwnText;
  fields?: MrkdwnText[];
  accessory?: ButtonElement;
}

export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}

export interface DividerBlock {
  type: 'divider';
}

export interface ImageBlock {
  type: 'image';
  alt_text: string;
  title?: PlainText;
  image_url?: string;
  slack_file?: { id: string };
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  /** Buttons, and the menus of select-elements.ts (the campaign picker). */
  elements: (ButtonElement | SelectElement)[];
}

export type Block =
  | HeaderBlock
  | SectionBlock
  | ContextBlock
  | DividerBlock
  | ImageBlock
  | ActionsBlock
  | TableBlock
  | DataTableBlock
  | DataVisualizationBlock;

/** What every Slack renderer returns: `text` is the notification and accessibility fallback, never empty. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function mrkdwn(text: string, max = MAX_SECTION_TEXT): MrkdwnText {
  return { type: 'mrkdwn', text: truncateText(text, max), verbatim: true };
}

export function plainText(text: string, max: number): PlainText {
  return { type: 'plain_text', text: truncateText(text, max), emoji: true };
}

export function headerBlock(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, MAX_HEADER_TEXT) };
}

export function sectionBlock(text: string, accessory?: ButtonElement): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwn(text) };
  if (accessory) block.accessory = accessory;
  return block;
}

/** A titled group of fields; more than MAX_FIELDS fields continue in further sections. */
export function fieldSections(title: string | null, fields: readonly string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let start = 0; start < fields.length; start += MAX_FIELDS) {
    const chunk = fields.slice(start, start + MAX_FIELDS).map((field) => mrkdwn(field, MAX_FIELD_TEXT));
    sections.push({ type: 'section', fields: chunk });
  }
  if (title !== null) {
    const first = sections[0];
    sections[0] = first ? { type: 'section', text: mrkdwn(title), fields: first.fields } : sectionBlock(title);
  }
  return sections;
}

/** At most MAX_CONTEXT_ELEMENTS elements: any beyond the last are joined into it. */
export function contextBlock(elements: readonly string[]): ContextBlock {
  const head = elements.slice(0, MAX_CONTEXT_ELEMENTS - 1);
  const rest = elements.slice(MAX_CONTEXT_ELEMENTS - 1);
  const all = rest.length > 0 ? [...head, rest.join('\n')] : head;
  return { type: 'context', elements: all.map((element) => mrkdwn(element, MAX_CONTEXT_TEXT)) };
}

export interface ImageSource {
  imageUrl?: string;
  slackFileId?: string;
  altText: string;
  title?: string;
}

/** Null when there is no usable source (no file id, and no URL or one longer than Slack takes). */
export function imageBlock(source: ImageSource): ImageBlock | null {
  const altText = truncateText(source.altText || 'chart', MAX_ALT_TEXT);
  const block: ImageBlock = { type: 'image', alt_text: altText };
  if (source.slackFileId) block.slack_file = { id: source.slackFileId };
  else if (source.imageUrl && source.imageUrl.length <= MAX_IMAGE_URL) block.image_url = source.imageUrl;
  else return null;
  if (source.title) block.title = plainText(source.title, MAX_IMAGE_TITLE);
  return block;
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

/**
 * Null when the value is too long to carry (cutting it would point the action at the wrong thing), or
 * when the URL is too long and there is no value to fall back on.
 */
export function buttonElement(spec: ButtonSpec): ButtonElement | null {
  if (spec.value !== undefined && spec.value.length > MAX_BUTTON_VALUE) return null;
  if (spec.url && spec.url.length > MAX_BUTTON_URL && spec.value === undefined) return null;
  const button: ButtonElement = {
    type: 'button',
    text: plainText(spec.text, MAX_BUTTON_TEXT),
    action_id: spec.actionId,
  };
  if (spec.value !== undefined) button.value = spec.value;
  if (spec.url && spec.url.length <= MAX_BUTTON_URL) button.url = spec.url;
  if (spec.style) button.style = spec.style;
  return button;
}

/** Buttons in rows of at most MAX_ACTION_ELEMENTS; no block at all without buttons. */
export function actionsBlocks(buttons: readonly (ButtonElement | null)[]): ActionsBlock[] {
  const present = buttons.filter((button): button is ButtonElement => button !== null);
  const blocks: ActionsBlock[] = [];
  for (let start = 0; start < present.length; start += MAX_ACTION_ELEMENTS) {
    blocks.push({ type: 'actions', elements: present.slice(start, start + MAX_ACTION_ELEMENTS) });
  }
  return blocks;
}

/**
 * The last guard of MAX_BLOCKS: renderers plan to stay under it, but if a model ever gives more, the
 * middle is cut with a note and trailing action rows are kept.
 */
export function fitBlocks(blocks: readonly Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return [...blocks];
  let tailStart = blocks.length;
  while (tailStart > 0 && blocks[tailStart - 1].type === 'actions') tailStart -= 1;
  const tail = blocks.slice(tailStart).slice(-(MAX_BLOCKS - 2));
  const head = blocks.slice(0, MAX_BLOCKS - 1 - tail.length);
  const omitted = blocks.length - head.length - tail.length;
  const note = contextBlock([`${ELLIPSIS} ${omitted} more blocks left out: Slack shows at most ${MAX_BLOCKS}.`]);
  return [...head, note, ...tail];
}
