// A small Python AST: what the lezer tree means, for the subset DAG files use.
// Every node keeps its source range so errors can point at a line and column.

export interface Span {
  from: number;
  to: number;
}

export type Expr =
  | (Span & { t: 'name'; id: string })
  | (Span & { t: 'const'; value: null | boolean | number | string | { float: number } | 'ellipsis' | { bytes: string } })
  | (Span & { t: 'fstring'; parts: FPart[] })
  | (Span & { t: 'list' | 'tuple' | 'set'; elts: Expr[] })
  | (Span & { t: 'dict'; items: DictItem[] })
  | (Span & { t: 'starred'; value: Expr })
  | (Span & { t: 'attr'; obj: Expr; name: string; nameSpan: Span })
  | (Span & { t: 'subscript'; obj: Expr; index: Expr })
  | (Span & { t: 'slice'; lower: Expr | null; upper: Expr | null; step: Expr | null })
  | (Span & { t: 'call'; func: Expr; args: Arg[] })
  | (Span & { t: 'binop'; op: string; left: Expr; right: Expr; opSpan: Span })
  | (Span & { t: 'boolop'; op: 'and' | 'or'; left: Expr; right: Expr })
  | (Span & { t: 'unary'; op: 'not' | '-' | '+' | '~'; operand: Expr })
  | (Span & { t: 'compare'; left: Expr; ops: string[]; rights: Expr[] })
  | (Span & { t: 'ifexp'; test: Expr; body: Expr; orelse: Expr })
  | (Span & { t: 'lambda'; params: Param[]; body: Expr })
  | (Span & { t: 'comp'; kind: 'list' | 'set' | 'gen'; elt: Expr; gens: Comprehension[] })
  | (Span & { t: 'dictcomp'; key: Expr; value: Expr; gens: Comprehension[] })
  | (Span & { t: 'walrus'; target: string; value: Expr })
  | (Span & { t: 'unsupported'; what: string });

export type FPart = string | { expr: Expr; conv: string | null; spec: FPart[] | null; selfDoc: string | null };

export type DictItem = { key: Expr; value: Expr } | { spread: Expr };

export interface Arg extends Span {
  kind: 'pos' | 'star' | 'kw' | 'dstar';
  name?: string;
  value: Expr;
}

export interface Comprehension {
  target: Target;
  iter: Expr;
  ifs: Expr[];
}

export interface Param extends Span {
  name: string;
  kind: 'normal' | 'star' | 'dstar' | 'kwonly';
  default: Expr | null;
}

/** Assignment targets: names, tuples (with one starred), attributes, subscripts. */
export type Target =
  | (Span & { t: 'name'; id: string })
  | (Span & { t: 'tuple'; elts: Target[] })
  | (Span & { t: 'starred'; value: Target })
  | (Span & { t: 'attr'; obj: Expr; name: string })
  | (Span & { t: 'subscript'; obj: Expr; index: Expr });

export interface Decorator extends Span {
  expr: Expr;
}

export type Stmt =
  | (Span & { t: 'expr'; value: Expr })
  | (Span & { t: 'assign'; targets: Target[]; value: Expr })
  | (Span & { t: 'augassign'; target: Target; op: string; value: Expr })
  | (Span & { t: 'annassign'; target: Target; value: Expr | null })
  | (Span & { t: 'if'; branches: { test: Expr | null; body: Stmt[] }[] })
  | (Span & { t: 'for'; target: Target; iter: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Span & { t: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[] })
  | (Span & { t: 'break' | 'continue' | 'pass' })
  | (Span & { t: 'return'; value: Expr | null })
  | (Span & { t: 'def'; name: string; nameSpan: Span; params: Param[]; body: Stmt[]; decorators: Decorator[]; bodyFrom: number })
  | (Span & { t: 'class'; name: string; bases: Arg[]; body: Stmt[]; decorators: Decorator[] })
  | (Span & { t: 'import'; names: { module: string; asName: string | null; span: Span }[] })
  | (Span & { t: 'from'; module: string; level: number; names: { name: string; asName: string | null; span: Span }[]; moduleSpan: Span })
  | (Span & { t: 'with'; items: { expr: Expr; asTarget: Target | null }[]; body: Stmt[] })
  | (Span & { t: 'try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; finalbody: Stmt[] })
  | (Span & { t: 'raise'; exc: Expr | null })
  | (Span & { t: 'assert'; test: Expr; msg: Expr | null })
  | (Span & { t: 'scope'; kind: 'global' | 'nonlocal'; names: string[] })
  | (Span & { t: 'del'; targets: Target[] })
  | (Span & { t: 'unsupported'; what: string });

export interface Handler extends Span {
  types: Expr | null;
  name: string | null;
  body: Stmt[];
}

/** A comment in the file, for `# sim:` directives. */
export interface CommentInfo {
  line: number; // 1-based
  from: number;
  text: string; // without the leading '#'
  /** true when nothing but whitespace precedes it on its line */
  fullLine: boolean;
}

export interface Module {
  body: Stmt[];
  comments: CommentInfo[];
  docstring: string | null;
}
