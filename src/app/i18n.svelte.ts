// Every string the UI shows comes from src/ui/messages/<lang>/<area>.json; a key is
// "<area>.<key>" ("clock.play"). Each area (view) keeps its own file, so views can
// be written side by side. `{name}` in a message is replaced from params.
export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

type Catalog = Record<string, string>;

/** lang -> "<area>.<key>" -> text; a language is filled when loadLang() has fetched it */
export const catalogs: Record<Lang, Catalog> = { en: {}, ko: {} };
const loaded = new Map<Lang, Promise<void>>();

/** Fetch a language's messages once (one chunk per language: the first view loads only its own). */
export function loadLang(lang: Lang): Promise<void> {
  let p = loaded.get(lang);
  if (!p) {
    p = (lang === 'ko' ? import('../ui/messages/ko.ts') : import('../ui/messages/en.ts')).then(({ default: files }) => {
      for (const [path, messages] of Object.entries(files)) {
        const area = /\/([\w-]+)\.json$/.exec(path)![1];
        for (const [key, text] of Object.entries(messages)) catalogs[lang][`${area}.${key}`] = text;
      }
    });
    loaded.set(lang, p);
  }
  return p;
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
  /** the last language asked for: a slower fetch for an earlier choice must not switch back to it */
  #wanted: Lang | null = null;

  /** Switch language once its messages are here (the page never shows bare keys). */
  async use(lang: Lang): Promise<void> {
    this.#wanted = lang;
    await loadLang(lang);
    if (this.#wanted !== lang) return;
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }
}

export const i18n = new I18n();
