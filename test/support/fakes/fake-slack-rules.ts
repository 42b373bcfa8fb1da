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

/** A view (modal, App Home) holds more blocks than a message. */
export const SLACK_MAX_VIEW_BLOCKS = 100;
/** Tables (`table` or `data_table`) in one message. */
export const SLACK_MAX_TABLES = 1;
export const SLACK_MAX_DATA_VISUALIZATIONS = 2;
export const SLACK_MAX_CHART_TITLE_CHARS = 50;
export const SLACK_MAX_PIE_SEGMENTS = 6;
export const SLACK_MAX_BAR_SERIES = 6;
export const SLACK_MAX_CHART_POINTS = 20;
export const SLACK_MAX_CHART_LABEL_CHARS = 20;
export const SLACK_MAX_AXIS_TITLE_CHARS = 50;
export const SLACK_MAX_TABLE_ROWS = 100;
export const SLACK_MAX_TABLE_COLUMNS = 20;
export const SLACK_MAX_DATA_TABLE_ROWS = 101; // the header and 100 rows
export const SLACK_MAX_DATA_TABLE_CHARS = 10_000;
export const SLACK_MAX_DATA_TABLE_PAGE_SIZE = 100;

/** What this fake is told beyond Slack's fixed rules: a block type this workspace refuses (an older Slack). */
export interface BlockRuleOptions {
  refusedTypes?: ReadonlySet<string>;
  /** 50 in a message (the default), 100 in a view. */
  maxBlocks?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value.text === 'string' ? value.text : undefined;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const tooLong = (problems: string[], text: string | undefined, max: number, what: string): void => {
  if (text !== undefined && text.length > max) problems.push(`must be less than ${max + 1} characters: ${what}`);
};
const tooMany = (problems: string[], list: readonly unknown[], max: number, what: string, min = 0): void => {
  if (list.length > max) problems.push(`no more than ${max} items allowed: ${what}`);
  if (list.length < min) problems.push(`at least ${min} items required: ${min === 1 ? what : what}`);
};

/** What Slack checks of one block of a type, worded like its `errors`. Add a type by adding an entry. */
export const BLOCK_RULES: Record<string, (block: Json) => string[]> = {
  header(block) {
    const problems: string[] = [];
    if (!isObject(block.text) || block.text.type !== 'plain_text') problems.push('header text must be plain_text');
    tooLong(problems, textOf(block.text), SLACK_MAX_HEADER_CHARS, 'text');
    return problems;
  },
  section(block) {
    const problems: string[] = [];
    const fields = listOf(block.fields);
    if (block.text === undefined && fields.length === 0) problems.push('must provide text or fields');
    tooLong(problems, textOf(block.text), SLACK_MAX_SECTION_TEXT_CHARS, 'text');
    tooMany(problems, fields, SLACK_MAX_SECTION_FIELDS, 'fields');
    fields.forEach((field) => tooLong(problems, textOf(field), SLACK_MAX_FIELD_CHARS, 'fields'));
    return problems;
  },
  image(block) {
    const problems: string[] = [];
    if (typeof block.image_url !== 'string' && !isObject(block.slack_file))
      problems.push('missing required field: image_url');
    tooLong(
      problems,
      typeof block.image_url === 'string' ? block.image_url : undefined,
      SLACK_MAX_IMAGE_URL_CHARS,
      'image_url',
    );
    if (typeof block.alt_text !== 'string') problems.push('missing required field: alt_text');
    return problems;
  },
  context(block) {
    const problems: string[] = [];
    tooMany(problems, listOf(block.elements), SLACK_MAX_CONTEXT_ELEMENTS, 'elements');
    return problems;
  },
  actions(block) {
    const problems: string[] = [];
    const elements = listOf(block.elements);
    tooMany(problems, elements, SLACK_MAX_ACTIONS_ELEMENTS, 'elements');
    elements.forEach((el) => {
      if (isObject(el) && el.type === 'button')
        tooLong(problems, textOf(el.text), SLACK_MAX_BUTTON_TEXT_CHARS, 'button text');
    });
    return problems;
  },
  divider: () => [],
  rich_text: () => [],
  input: () => [],
  file: () => [],
  video: () => [],
  markdown: () => [],
  card: () => [],
  table(block) {
    const problems: string[] = [];
    const rows = listOf(block.rows);
    tooMany(problems, rows, SLACK_MAX_TABLE_ROWS, 'rows', 1);
    rows.forEach((row) => tooMany(problems, listOf(row), SLACK_MAX_TABLE_COLUMNS, 'cells'));
    tooMany(problems, listOf(block.column_settings), SLACK_MAX_TABLE_COLUMNS, 'column_settings');
    return problems;
  },
  data_table(block) {
    const problems: string[] = [];
    const rows = listOf(block.rows).map(listOf);
    if (typeof block.caption !== 'string' || block.caption === '') problems.push('missing required field: caption');
    tooMany(problems, rows, SLACK_MAX_DATA_TABLE_ROWS, 'rows', 2);
    const width = rows[0]?.length ?? 0;
    if (width < 1 || width > SLACK_MAX_TABLE_COLUMNS)
      problems.push(`a row must have 1 to ${SLACK_MAX_TABLE_COLUMNS} cells`);
    if (rows.some((row) => row.length !== width)) problems.push('all rows must have the same number of cells');
    if ((rows[0] ?? []).some((cell) => isObject(cell) && cell.type === 'rich_text'))
      problems.push('header cells cannot be rich_text');
    const chars = rows.flat().reduce<number>((sum, cell) => sum + cellChars(cell), 0);
    if (chars > SLACK_MAX_DATA_TABLE_CHARS)
      problems.push(`the cells must be less than ${SLACK_MAX_DATA_TABLE_CHARS + 1} characters`);
    const pageSize = block.page_size;
    if (
      pageSize !== undefined &&
      (typeof pageSize !== 'number' || pageSize < 1 || pageSize > SLACK_MAX_DATA_TABLE_PAGE_SIZE)
    )
      problems.push(`page_size must be 1 to ${SLACK_MAX_DATA_TABLE_PAGE_SIZE}`);
    return problems;
  },
  data_visualization(block) {
    const problems: string[] = [];
    if (typeof block.title !== 'string') problems.push('missing required field: title');
    tooLong(problems, typeof block.title === 'string' ? block.title : undefined, SLACK_MAX_CHART_TITLE_CHARS, 'title');
    const chart = isObject(block.chart) ? block.chart : {};
    const label = (text: unknown, what: string) =>
      typeof text === 'string'
        ? tooLong(problems, text, SLACK_MAX_CHART_LABEL_CHARS, what)
        : problems.push(`missing required field: ${what}`);
    if (chart.type === 'pie') {
      const segments = listOf(chart.segments).filter(isObject);
      tooMany(problems, segments, SLACK_MAX_PIE_SEGMENTS, 'segments', 1);
      segments.forEach((segment) => {
        label(segment.label, 'segment label');
        if (typeof segment.value !== 'number' || !(segment.value > 0))
          problems.push('segment value must be greater than 0');
      });
    } else if (chart.type === 'bar' || chart.type === 'line' || chart.type === 'area') {
      const series = listOf(chart.series).filter(isObject);
      const axis = isObject(chart.axis_config) ? chart.axis_config : {};
      const categories = listOf(axis.categories);
      tooMany(problems, series, SLACK_MAX_BAR_SERIES, 'series', 1);
      tooMany(problems, categories, SLACK_MAX_CHART_POINTS, 'categories', 1);
      categories.forEach((category) => label(category, 'category'));
      for (const what of ['x_label', 'y_label'] as const)
        tooLong(
          problems,
          typeof axis[what] === 'string' ? (axis[what] as string) : undefined,
          SLACK_MAX_AXIS_TITLE_CHARS,
          what,
        );
      const names = series.map((one) => one.name);
      if (new Set(names).size !== names.length) problems.push('series names must be unique');
      series.forEach((one) => {
        label(one.name, 'series name');
        const data = listOf(one.data).filter(isObject);
        tooMany(problems, data, SLACK_MAX_CHART_POINTS, 'data', 1);
        if (data.some((point) => !categories.includes(point.label)))
          problems.push('data labels must match axis categories');
      });
    } else problems.push('chart must be one of: pie, bar, area, line');
    return problems;
  },
};

/** The characters of a cell: its text, or the texts and link URLs inside its rich text. */
function cellChars(cell: unknown): number {
  if (Array.isArray(cell)) return cell.reduce<number>((sum, part) => sum + cellChars(part), 0);
  if (!isObject(cell)) return 0;
  const own =
    (typeof cell.text === 'string' ? cell.text.length : 0) + (typeof cell.url === 'string' ? cell.url.length : 0);
  return own + cellChars(cell.elements);
}

/** What Slack checks across the blocks of one message. Add a rule by adding a function. */
export const MESSAGE_RULES: ((blocks: readonly Json[]) => string[])[] = [
  (blocks) =>
    blocks.filter((block) => block.type === 'table' || block.type === 'data_table').length > SLACK_MAX_TABLES
      ? [`only ${SLACK_MAX_TABLES} table is allowed per message`]
      : [],
  (blocks) =>
    blocks.filter((block) => block.type === 'data_visualization').length > SLACK_MAX_DATA_VISUALIZATIONS
      ? [`no more than ${SLACK_MAX_DATA_VISUALIZATIONS} data_visualization blocks allowed per message`]
      : [],
];

export function blockProblems(blocks: unknown, options: BlockRuleOptions = {}): string[] {
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  const max = options.maxBlocks ?? SLACK_MAX_BLOCKS;
  if (blocks.length > max) problems.push(`no more than ${max} items allowed [json-pointer:/blocks]`);
  blocks.forEach((block, i) =>
    problems.push(...oneBlockProblems(block, options).map((p) => `${p} [json-pointer:/blocks/${i}]`)),
  );
  problems.push(...MESSAGE_RULES.flatMap((rule) => rule(blocks.filter(isObject))));
  return problems;
}

function oneBlockProblems(block: unknown, options: BlockRuleOptions): string[] {
  if (!isObject(block) || typeof block.type !== 'string') return ['missing required field: type'];
  const rule = Object.prototype.hasOwnProperty.call(BLOCK_RULES, block.type) ? BLOCK_RULES[block.type] : undefined;
  if (!rule || options.refusedTypes?.has(block.type)) return [`unsupported type: ${block.type}`];
  return rule(block);
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
export function checkMessageContent(args: SlackArgs, options: BlockRuleOptions = {}): void {
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (!str(args.text) && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (typeof args.text === 'string' && args.text.length > SLACK_MAX_MESSAGE_TEXT_CHARS)
    throw new SlackApiError('msg_too_long');
  if (args.blocks !== undefined) {
    const problems = blockProblems(args.blocks, options);
    if (problems.length) throw new SlackApiError('invalid_blocks', problems);
  }
  const metadata = metadataProblems(args.metadata);
  if (metadata.length) throw new SlackApiError('invalid_metadata_format', metadata);
}
