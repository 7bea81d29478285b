// Vitest: the engine's deferred parts (src/engine/parts.ts) are installed before any test runs,
// as the Node runner and the bench do; the browser worker loads them lazily instead.
import { installParts } from '../src/engine/parts.ts';
import { PARTS } from '../src/engine/partsAll.ts';

installParts(PARTS);
