import { parse, TYPE, MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en, MessageKey } from '../../../../src/render/i18n/en';
import { vi } from '../../../../src/render/i18n/vi';
import { CATALOGS, LANGUAGES, isSupportedLocale, languageOf, messagesFor } from '../../../../src/render/i18n/messages';

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date)
      into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
  }
  return into;
}

describe('the message catalog', () => {
  const keys = Object.keys(en) as MessageKey[];

  it.each(LANGUAGES)('%s has every key, each a non-empty ICU message', (language) => {
    const catalog = CATALOGS[language];
    expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalog[key].trim()).not.toBe('');
      expect(() => parse(catalog[key], { ignoreTag: true })).not.toThrow();
    }
  });

  it('vi fills the same placeholders as en in every message', () => {
    for (const key of keys) {
      const want = [...placeholders(parse(en[key], { ignoreTag: true }))].sort();
      const got = [...placeholders(parse(vi[key], { ignoreTag: true }))].sort();
      expect({ key, placeholders: got }).toEqual({ key, placeholders: want });
    }
  });

  it('vi translates: no message of more than one word is left in English', () => {
    // Proper nouns and codes may be the same in both languages; sentences may not.
    const same = keys.filter(
      (key) => en[key] === vi[key] && /[a-z]{3,}\s+[a-z]{3,}/i.test(en[key].replace(/\{[^}]*\}/g, '')),
    );
    expect(same).toEqual([]);
  });
});

describe('messagesFor', () => {
  it('picks the language from the account locale, English by default', () => {
    expect(languageOf('vi-VN')).toBe('vi');
    expect(languageOf('vi')).toBe('vi');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(messagesFor('vi').locale).toBe('vi');
    expect(messagesFor('xx-invalid-@@').locale).toBe('en-US');
  });

  it('accepts locales of the catalog languages only', () => {
    expect(['en', 'en-US', 'en-GB', 'vi', 'vi-VN'].every(isSupportedLocale)).toBe(true);
    expect(['fr-FR', 'de', '', 'vi_VN', 'en-'].some(isSupportedLocale)).toBe(false);
  });

  it('writes money in the currency minor units: VND none, USD two', () => {
    expect(messagesFor('en-US').money(128138.48, 'VND')).toBe('128,138 ₫');
    expect(messagesFor('vi-VN').money(128138.48, 'VND')).toBe('128.138 ₫');
    expect(messagesFor('en-US').money(-1200, 'VND')).toBe('-1,200 ₫');
    expect(messagesFor('en-US').money(12.5, 'USD')).toBe('$12.50');
    expect(messagesFor('en-US').money(null, 'VND')).toBe('unknown');
    expect(messagesFor('vi-VN').money(null, 'VND')).toBe('chưa rõ');
  });

  it('signs one way: +, - (hyphen-minus) and a bare 0', () => {
    const m = messagesFor('en-US');
    expect(m.signed(m.integer(1200), 1200)).toBe('+1,200');
    expect(m.signed(m.integer(1200), -1200)).toBe('-1,200');
    expect(m.signed(m.integer(0), 0)).toBe('0');
  });

  it('numbers, percents and instants follow the locale; durations are h:mm:ss everywhere', () => {
    const at = '2026-10-30T15:36:02.123Z';
    expect(messagesFor('en-US').integer(1234567)).toBe('1,234,567');
    expect(messagesFor('vi-VN').integer(1234567)).toBe('1.234.567');
    expect(messagesFor('vi-VN').percent(0.4186)).toBe('41,9%');
    expect(messagesFor('en-US').instant(at, 'Asia/Ho_Chi_Minh')).toBe('2026-10-30 22:36:02');
    expect(messagesFor('vi-VN').instant(at, 'Asia/Ho_Chi_Minh')).toBe('30/10/2026 22:36:02');
    expect(messagesFor('vi-VN').duration(3_278_400)).toBe('0:54:38');
  });

  it('names states and how final the figures are', () => {
    expect(messagesFor('en-US').status('complete')).toBe('Complete, final');
    expect(messagesFor('en-US').status('settling', true)).toBe('Settling, preliminary, updated');
    expect(messagesFor('vi-VN').status('running')).toBe('Đang chạy, tạm tính');
    expect(messagesFor('vi-VN').status('complete', true)).toBe('Đã hoàn thành, chính thức, đã cập nhật');
  });

  it('formats plurals with the locale', () => {
    expect(messagesFor('en-US').t('list.count', { count: 1 })).toBe('1 campaign');
    expect(messagesFor('en-US').t('list.count', { count: 1200 })).toBe('1,200 campaigns');
    expect(messagesFor('vi-VN').t('list.count', { count: 1200 })).toBe('1.200 chiến dịch');
  });
});
