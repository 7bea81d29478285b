// Which DAG a view shows when none is selected: the first DAG of the workspace's first file
// (the files keep the order the workspace lists them in: the sample etl.py comes first),
// then by dag_id. Falls back to the first DAG of the list.
import type { SimClient } from '../../app/client.svelte.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export async function defaultDag(client: SimClient, dags: readonly { dag_id: string; file: string }[]): Promise<string | null> {
  if (!dags.length) return null;
  const r = (await client.session.files()) as Result<Record<string, string>>;
  const order = r.ok ? Object.keys(r.value) : [];
  const rank = (file: string) => {
    const i = order.findIndex((f) => f === file || file.endsWith(`/${f}`));
    return i < 0 ? order.length : i;
  };
  return [...dags].sort((a, b) => rank(a.file) - rank(b.file) || (a.dag_id < b.dag_id ? -1 : a.dag_id > b.dag_id ? 1 : 0))[0]!.dag_id;
}
