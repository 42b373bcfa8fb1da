import {
  ButtonElement,
  HeaderBlock,
  MrkdwnText,
  PlainText,
  SectionBlock,
  ContextBlock,
  DividerBlock,
  ActionsBlock,
  plainText,
} from './block-kit';
import { truncateText } from './limits';

/**
 * Block Kit's menus, inputs and cards (what pickers, modals and App Home are made of), as plain local types
 * with their limits enforced by the builders. Limits: docs.slack.dev reference, Block Kit composition objects.
 */
export const MAX_OPTIONS = 100;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
export const MAX_PLACEHOLDER_TEXT = 150;
export const MAX_INPUT_LABEL = 2000;
export const MAX_VIEW_TITLE = 24;
export const MAX_VIEW_BUTTON = 24;
export const MAX_VIEW_BLOCKS = 100;
export const MAX_PRIVATE_METADATA = 3000;
export const MAX_CARD_TITLE = 150;
export const MAX_CARD_BODY = 200;
export const MAX_CARD_ACTIONS = 3;

export interface OptionObject {
  text: PlainText;
  value: string;
  description?: PlainText;
}

export interface ExternalSelectElement {
  type: 'external_select';
  action_id: string;
  placeholder: PlainText;
  min_query_length: number;
  initial_option?: OptionObject;
}

export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  placeholder: PlainText;
  options: OptionObject[];
}

export interface ConversationsSelectElement {
  type: 'conversations_select';
  action_id: string;
  placeholder: PlainText;
  default_to_current_conversation?: boolean;
  initial_conversation?: string;
  filter?: { include?: ('public' | 'private' | 'im' | 'mpim')[]; exclude_bot_users?: boolean };
}

export interface CheckboxesElement {
  type: 'checkboxes';
  action_id: string;
  options: OptionObject[];
  initial_options?: OptionObject[];
}

export type SelectElement = ExternalSelectElement | StaticSelectElement;

export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: ExternalSelectElement | StaticSelectElement | ConversationsSelectElement | CheckboxesElement;
  optional?: boolean;
  hint?: PlainText;
}

export interface CardBlock {
  type: 'card';
  title?: MrkdwnText;
  subtitle?: MrkdwnText;
  body?: MrkdwnText;
  actions?: ButtonElement[];
}

/** What modals and Home tabs are made of (up to 100 blocks). */
export type ViewBlock =
  HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock | InputBlock | CardBlock;

export interface SlackModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: ViewBlock[];
}

export interface SlackHomeView {
  type: 'home';
  callback_id?: string;
  blocks: ViewBlock[];
}

/** A menu option, or null when its value is too long to carry (cutting it would point at something else). */
export function optionObject(text: string, value: string, description?: string): OptionObject | null {
  if (value.length === 0 || value.length > MAX_OPTION_VALUE) return null;
  const option: OptionObject = { text: plainText(text, MAX_OPTION_TEXT), value };
  if (description) option.description = plainText(description, MAX_OPTION_TEXT);
  return option;
}

/** At most MAX_OPTIONS options, the unusable ones left out. */
export function optionList(options: readonly (OptionObject | null)[]): OptionObject[] {
  return options.filter((option): option is OptionObject => option !== null).slice(0, MAX_OPTIONS);
}

export function placeholder(text: string): PlainText {
  return plainText(text, MAX_PLACEHOLDER_TEXT);
}

/** The last guard of MAX_VIEW_BLOCKS: renderers plan to stay under it; a longer view loses its end. */
export function fitViewBlocks(blocks: readonly ViewBlock[]): ViewBlock[] {
  return blocks.slice(0, MAX_VIEW_BLOCKS);
}

export function viewTitle(text: string): PlainText {
  return plainText(truncateText(text, MAX_VIEW_TITLE), MAX_VIEW_TITLE);
}
