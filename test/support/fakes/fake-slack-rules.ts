/**
 * How the fake reads Web API arguments and the cheap part of what Slack checks before it accepts a
 * message: Block Kit limits and metadata shape. The `...Problems` functions return what is wrong
 * (empty when the input is fine), worded like Slack's `errors`.
 */

export type SlackArgs = Record<string, unknown>;

/** Thrown by a method to answer `{ ok: false, error, errors? }`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly errors: string[] = [],
  ) {
    super(error);
  }
}

/** Form-encoded arguments are all strings: read them like Slack does. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
export const num = (value: unknown): number | undefined =>
  value === undefined || value === '' ? undefined : Number(value);
export const bool = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;
export const compact = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_HEADER_CHARS = 150;
export const SLACK_MAX_SECTION_TEXT_CHARS = 3000;
export const SLACK_MAX_SECTION_FIELDS = 10;
export const SLACK_MAX_FIELD_CHARS = 2000;
export const SLACK_MAX_IMAGE_URL_CHARS = 3000;
export const SLACK_MAX_CONTEXT_ELEMENTS = 10;
export const SLACK_MAX_ACTIONS_ELEMENTS = 25;
export const SLACK_MAX_BUTTON_TEXT_CHARS = 75;
export const SLACK_MAX_MESSAGE_TEXT_CHARS = 40000;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value.text === 'string' ? value.text : undefined;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function blockProblems(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  if (blocks.length > SLACK_MAX_BLOCKS)
    problems.push(`no more than ${SLACK_MAX_BLOCKS} items allowed [json-pointer:/blocks]`);
  blocks.forEach((block, i) =>
    problems.push(...oneBlockProblems(block).map((p) => `${p} [json-pointer:/blocks/${i}]`)),
  );
  return problems;
}

function oneBlockProblems(block: unknown): string[] {
  if (!isObject(block) || typeof block.type !== 'string') return ['missing required field: type'];
  const problems: string[] = [];
  const tooLong = (text: string | undefined, max: number, what: string): void => {
    if (text !== undefined && text.length > max) problems.push(`must be less than ${max + 1} characters: ${what}`);
  };
  switch (block.type) {
    case 'header':
      if (!isObject(block.text) || block.text.type !== 'plain_text') problems.push('header text must be plain_text');
      tooLong(textOf(block.text), SLACK_MAX_HEADER_CHARS, 'text');
      break;
    case 'section': {
      const fields = listOf(block.fields);
      if (block.text === undefined && fields.length === 0) problems.push('must provide text or fields');
      tooLong(textOf(block.text), SLACK_MAX_SECTION_TEXT_CHARS, 'text');
      if (fields.length > SLACK_MAX_SECTION_FIELDS)
        problems.push(`no more than ${SLACK_MAX_SECTION_FIELDS} items allowed: fields`);
      fields.forEach((field) => tooLong(textOf(field), SLACK_MAX_FIELD_CHARS, 'fields'));
      break;
    }
    case 'image':
      if (typeof block.image_url !== 'string' && !isObject(block.slack_file))
        problems.push('missing required field: image_url');
      tooLong(
        typeof block.image_url === 'string' ? block.image_url : undefined,
        SLACK_MAX_IMAGE_URL_CHARS,
        'image_url',
      );
      if (typeof block.alt_text !== 'string') problems.push('missing required field: alt_text');
      break;
    case 'context':
      if (listOf(block.elements).length > SLACK_MAX_CONTEXT_ELEMENTS)
        problems.push(`no more than ${SLACK_MAX_CONTEXT_ELEMENTS} items allowed: elements`);
      break;
    case 'actions': {
      const elements = listOf(block.elements);
      if (elements.length > SLACK_MAX_ACTIONS_ELEMENTS)
        problems.push(`no more than ${SLACK_MAX_ACTIONS_ELEMENTS} items allowed: elements`);
      elements.forEach((el) => {
        if (isObject(el) && el.type === 'button') tooLong(textOf(el.text), SLACK_MAX_BUTTON_TEXT_CHARS, 'button text');
      });
      break;
    }
    default:
      break;
  }
  return problems;
}

export function metadataProblems(metadata: unknown): string[] {
  if (metadata === undefined) return [];
  if (!isObject(metadata)) return ['metadata must be an object'];
  const problems: string[] = [];
  if (typeof metadata.event_type !== 'string' || metadata.event_type === '')
    problems.push('missing required field: event_type');
  if (!isObject(metadata.event_payload)) problems.push('missing required field: event_payload');
  return problems;
}

export function requireChannel(value: unknown): string {
  const channel = str(value);
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}

/** What chat.postMessage / update / postEphemeral refuse: no content, too long, bad blocks, bad metadata. */
export function checkMessageContent(args: SlackArgs): void {
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (!str(args.text) && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (typeof args.text === 'string' && args.text.length > SLACK_MAX_MESSAGE_TEXT_CHARS)
    throw new SlackApiError('msg_too_long');
  if (args.blocks !== undefined) {
    const problems = blockProblems(args.blocks);
    if (problems.length) throw new SlackApiError('invalid_blocks', problems);
  }
  const metadata = metadataProblems(args.metadata);
  if (metadata.length) throw new SlackApiError('invalid_metadata_format', metadata);
}
