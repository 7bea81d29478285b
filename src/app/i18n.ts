// Messages come from per-language files; the language follows the browser unless chosen.
import en from '../ui/messages/en.json';
import ko from '../ui/messages/ko.json';

export type Lang = 'en' | 'ko';
export type MessageKey = keyof typeof en;
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ko };

export function browserLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

export function t(lang: Lang, key: MessageKey): string {
  return catalogs[lang][key] ?? catalogs.en[key];
}
