// Graph layout with ELK (elk.layered, left to right) in ELK's own Web Worker. elk-api and the
// worker are loaded on the first layout only, so neither is in the first-load bundle
// (shared STACK.md 3.8).
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

export interface LayoutInput {
  nodes: { id: string; group: string; width: number; height: number }[];
  groups: { id: string; parent: string }[];
  edges: { source: string; target: string }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Placed {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  groups: Map<string, { x: number; y: number; width: number; height: number }>;
  edges: { source: string; target: string; points: Point[] }[];
}

type Elk = { layout(graph: ElkNode): Promise<ElkNode>; terminateWorker(): void };
let elk: Promise<Elk> | null = null;

function getElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk-api.js').then(({ default: ELK }) => new ELK({ workerFactory: () => new Worker(elkWorkerUrl) }) as unknown as Elk);
  return elk;
}

export const GROUP_ID = (g: string): string => `group:${g}`;

export async function layout(input: LayoutInput): Promise<Placed> {
  const byParent = new Map<string, ElkNode[]>();
  const push = (parent: string, n: ElkNode) => {
    const list = byParent.get(parent) ?? [];
    list.push(n);
    byParent.set(parent, list);
  };
  const groupNodes = new Map<string, ElkNode>();
  for (const g of input.groups) {
    const n: ElkNode = { id: GROUP_ID(g.id), layoutOptions: { 'elk.padding': '[top=34,left=16,bottom=16,right=16]' }, children: [] };
    groupNodes.set(g.id, n);
    push(g.parent, n);
  }
  for (const n of input.nodes) push(n.group, { id: n.id, width: n.width, height: n.height });
  for (const [id, g] of groupNodes) g.children = byParent.get(id) ?? [];
  const ids = new Set(input.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeNode': '20',
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
    },
    children: byParent.get('') ?? [],
    edges: input.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  };
  const out = await (await getElk()).layout(graph);
  const placed: Placed = { width: out.width ?? 0, height: out.height ?? 0, nodes: new Map(), groups: new Map() , edges: [] };
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      const box = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
      if (c.id.startsWith('group:')) placed.groups.set(c.id.slice(6), box);
      else placed.nodes.set(c.id, box);
      walk(c);
    }
  };
  walk(out);
  const edgeOf = new Map(graph.edges!.map((e) => [e.id, e]));
  const collect = (n: ElkNode) => {
    for (const e of n.edges ?? []) {
      const src = edgeOf.get(e.id);
      const s = e.sections?.[0];
      if (!src || !s) continue;
      placed.edges.push({ source: src.sources[0]!, target: src.targets[0]!, points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] });
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(out);
  return placed;
}
