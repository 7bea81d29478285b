// Every string the UI shows comes from src/ui/messages/<lang>/<area>.json; a key is
// "<area>.<key>" ("clock.play"). Each area (view) keeps its own file, so views can
// be written side by side. `{name}` in a message is replaced from params.
export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

type Catalog = Record<string, string>;

const files = import.meta.glob('../ui/messages/*/*.json', { eager: true, import: 'default' }) as Record<string, Catalog>;

/** lang -> "<area>.<key>" -> text */
export const catalogs: Record<Lang, Catalog> = { en: {}, ko: {} };
for (const [path, messages] of Object.entries(files)) {
  const m = /messages\/(en|ko)\/([\w-]+)\.json$/.exec(path);
  if (!m) continue;
  for (const [key, text] of Object.entries(messages)) catalogs[m[1] as Lang][`${m[2]}.${key}`] = text;
}

export function browserLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The UI's current language; components call i18n.t(...) and re-render when it changes. */
class I18n {
  lang = $state<Lang>('en');
  t = (key: string, params?: Record<string, string | number>): string => translate(this.lang, key, params);
}

export const i18n = new I18n();
