// Per-file state of the Airflow layer: the DAG/TaskGroup context stacks, the DAGs made, warnings.

import type { Interp } from '../python/interp.ts';
import type { ParseOptions, Profile } from '../spec.ts';
import type { Clock } from '../time/stdlib.ts';
import { PyException } from '../errors.ts';
import { type DagObj, GroupObj, type TaskObj } from './model.ts';

export interface Notice {
  at: number;
  message: string;
}

export class Runtime {
  readonly profile: Profile;
  readonly defaultZone: string;
  readonly dags: DagObj[] = [];
  readonly tasks: TaskObj[] = [];
  readonly warnings: Notice[] = [];
  /** DagContext: `with DAG(...)` and @dag bodies */
  readonly dagStack: DagObj[] = [];
  /** TaskGroupContext per DAG */
  private readonly groupStacks = new Map<DagObj, GroupObj[]>();
  /** @dag functions, to warn when one is never called */
  readonly dagFactories: { name: string; at: number; called: boolean }[] = [];
  private order = 0;
  private readonly warned = new Set<string>();

  constructor(
    readonly interp: Interp,
    readonly options: ParseOptions,
    readonly clock: Clock,
  ) {
    this.profile = options.profile;
    this.defaultZone = options.default_timezone ?? 'UTC';
  }

  nextOrder(): number {
    return this.order++;
  }

  /** `once`: like Python's default warning filter for a message raised from one place in Airflow */
  warn(at: number, message: string, once = false): void {
    const key = once ? message : `${at}\0${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ at, message });
  }

  currentDag(): DagObj | null {
    return this.dagStack[this.dagStack.length - 1] ?? null;
  }

  currentGroup(dag: DagObj | null): GroupObj | null {
    if (!dag) return null;
    const st = this.groupStacks.get(dag);
    return st?.[st.length - 1] ?? dag.root;
  }

  pushDag(dag: DagObj): () => void {
    this.dagStack.push(dag);
    dag.registered = true; // auto_register: a DAG used as a context manager is collected by DagBag
    return () => {
      this.dagStack.pop();
    };
  }

  pushGroup(g: GroupObj, at: number): () => void {
    if (!g.dag) throw new PyException('AirflowException', 'TaskGroup can only be used inside a dag', null, at);
    const st = this.groupStacks.get(g.dag) ?? [];
    st.push(g);
    this.groupStacks.set(g.dag, st);
    return () => {
      st.pop();
    };
  }

  /** The statement the evaluator is on (for `# sim:` comments). */
  statementSpan(): { from: number; to: number; outer: number[] } {
    const st = this.interp.stmtStack;
    const s = st[st.length - 1];
    const outer = st.slice(0, -1).map((x) => x.from);
    return s ? { from: s.from, to: s.to, outer } : { from: 0, to: 0, outer };
  }
}

export { GroupObj };
