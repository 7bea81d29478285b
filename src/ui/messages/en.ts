// The English messages, one chunk: only the language in use is loaded (i18n.svelte.ts).
export default import.meta.glob('./en/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, string>>;
