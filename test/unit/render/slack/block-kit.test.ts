import {
  actionsBlocks,
  buttonElement,
  contextBlock,
  fieldSections,
  fitBlocks,
  imageBlock,
  sectionBlock,
} from '../../../../src/render/slack/block-kit';
import {
  MAX_ACTION_ELEMENTS,
  MAX_ALT_TEXT,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_ELEMENTS,
  MAX_FIELD_TEXT,
  MAX_FIELDS,
  MAX_IMAGE_URL,
  MAX_SECTION_TEXT,
} from '../../../../src/render/slack/limits';

describe('Block Kit builders keep each limit', () => {
  it(`MAX_FIELDS (${MAX_FIELDS}): 25 fields become three sections, the title on the first`, () => {
    const fields = Array.from({ length: 25 }, (_, i) => `*F${i}*\n${i}`);
    const sections = fieldSections('*Title*', fields);
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 10, 5]);
    expect(sections[0].text?.text).toBe('*Title*');
    expect(sections[1].text).toBeUndefined();
  });

  it(`MAX_FIELD_TEXT (${MAX_FIELD_TEXT}): a long field is cut`, () => {
    const [section] = fieldSections(null, ['x'.repeat(5000)]);
    expect(section.fields?.[0].text.length).toBe(MAX_FIELD_TEXT);
  });

  it(`MAX_SECTION_TEXT (${MAX_SECTION_TEXT}): a long section is cut`, () => {
    expect(sectionBlock('y'.repeat(9000)).text?.text.length).toBe(MAX_SECTION_TEXT);
  });

  it(`MAX_BUTTON_TEXT (${MAX_BUTTON_TEXT}): a long label is cut`, () => {
    expect(buttonElement({ text: 'z'.repeat(200), actionId: 'a' })?.text.text.length).toBe(MAX_BUTTON_TEXT);
  });

  it(`a value longer than ${MAX_BUTTON_VALUE} drops the button rather than carry a wrong value`, () => {
    expect(buttonElement({ text: 'ok', actionId: 'a', value: 'v'.repeat(MAX_BUTTON_VALUE + 1) })).toBeNull();
    expect(buttonElement({ text: 'ok', actionId: 'a', value: 'v'.repeat(MAX_BUTTON_VALUE) })).not.toBeNull();
  });

  it(`a URL longer than ${MAX_BUTTON_URL} is left off, and the button too when it has no value`, () => {
    const url = `https://example.com/${'u'.repeat(MAX_BUTTON_URL)}`;
    expect(buttonElement({ text: 'Open', actionId: 'open', url })).toBeNull();
    expect(buttonElement({ text: 'Listen', actionId: 'listen', value: 'call-1', url })).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Listen', emoji: true },
      action_id: 'listen',
      value: 'call-1',
    });
  });

  it(`MAX_ACTION_ELEMENTS (${MAX_ACTION_ELEMENTS}): 60 buttons become rows of 25`, () => {
    const buttons = Array.from({ length: 60 }, (_, i) => buttonElement({ text: `b${i}`, actionId: `a${i}` }));
    expect(actionsBlocks(buttons).map((block) => block.elements.length)).toEqual([25, 25, 10]);
    expect(actionsBlocks([])).toEqual([]);
  });

  it(`MAX_CONTEXT_ELEMENTS (${MAX_CONTEXT_ELEMENTS}): the rest join the last element`, () => {
    const block = contextBlock(Array.from({ length: 15 }, (_, i) => `note ${i}`));
    expect(block.elements).toHaveLength(MAX_CONTEXT_ELEMENTS);
    expect(block.elements[9].text).toBe('note 9\nnote 10\nnote 11\nnote 12\nnote 13\nnote 14');
  });

  it(`MAX_IMAGE_URL (${MAX_IMAGE_URL}) and MAX_ALT_TEXT (${MAX_ALT_TEXT})`, () => {
    const base = 'https://charts.example.com/chart?c=';
    expect(imageBlock({ imageUrl: base + 'a'.repeat(MAX_IMAGE_URL - base.length + 1), altText: 'x' })).toBeNull();
    const fits = imageBlock({ imageUrl: base + 'a'.repeat(MAX_IMAGE_URL - base.length), altText: 'w'.repeat(9000) });
    expect(fits?.image_url?.length).toBe(MAX_IMAGE_URL);
    expect(fits?.alt_text.length).toBe(MAX_ALT_TEXT);
    expect(imageBlock({ slackFileId: 'F123', altText: 'chart' })).toEqual({
      type: 'image',
      alt_text: 'chart',
      slack_file: { id: 'F123' },
    });
    expect(imageBlock({ altText: 'nothing to show' })).toBeNull();
  });

  it(`MAX_BLOCKS (${MAX_BLOCKS}): fitBlocks cuts the middle, notes it and keeps the buttons`, () => {
    const blocks = [
      ...Array.from({ length: 80 }, (_, i) => sectionBlock(`s${i}`)),
      ...actionsBlocks([buttonElement({ text: 'Go', actionId: 'go' })]),
    ];
    const fitted = fitBlocks(blocks);
    expect(fitted).toHaveLength(MAX_BLOCKS);
    expect(fitted[MAX_BLOCKS - 1].type).toBe('actions');
    const note = fitted[MAX_BLOCKS - 2];
    expect(note.type === 'context' && note.elements[0].text).toContain('32 more blocks left out');
  });
});
