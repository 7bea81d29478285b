// The message log: every exchange between components (DAG processor, scheduler,
// executor, broker, workers, metastore), recorded in order. The architecture
// view animates it; tests read it to follow one task instance end to end.

export type Component = 'cli' | 'dag_processor' | 'scheduler' | 'executor' | 'broker' | 'metastore' | 'backfill_job' | string;

export interface Message {
  seq: number;
  at: number;
  from: Component;
  to: Component;
  kind: string;
  text: string;
  /** dag_id / run_id / task_id when the message is about one */
  dag_id?: string;
  run_id?: string;
  task_id?: string;
}

export class MessageLog {
  readonly messages: Message[] = [];
  /** keep at most this many (the oldest go first); 0 = keep none */
  constructor(private readonly limit = 200_000) {}

  record(m: Omit<Message, 'seq'>): void {
    if (this.limit === 0) return;
    const seq = this.messages.length ? this.messages[this.messages.length - 1]!.seq + 1 : 1;
    this.messages.push({ seq, ...m });
    if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
  }
}
