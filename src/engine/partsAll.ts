// Everything parts.ts defers, in one module so the bundler puts it (and nunjucks) in one chunk.
import { parseCommand, runCommand } from './cli/index.ts';
import { interpretBash } from './payload/bash.ts';
import { bashOperatorEnv, bashOutcome } from './payload/bashOperator.ts';
import { executeSql } from './payload/sqlHook.ts';
import { renderTemplate } from './payload/template.ts';

export const PARTS = { parseCommand, runCommand, interpretBash, bashOperatorEnv, bashOutcome, executeSql, renderTemplate };
export type Parts = typeof PARTS;
