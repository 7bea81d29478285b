// Vitest: what the browser loads lazily is here before any test runs: the engine's deferred parts
// (src/engine/parts.ts, as the Node runner and the bench install them) and both languages' messages.
import { loadLang } from '../src/app/i18n.svelte.ts';
import { installParts } from '../src/engine/parts.ts';
import { PARTS } from '../src/engine/partsAll.ts';

installParts(PARTS);
// the app's messages: the browser loads only the language in use; tests read both
await Promise.all([loadLang('en'), loadLang('ko')]);
