// Read-only queries over a Simulation, one per view of the UI. Each returns plain, JSON-able
// data (ISO instants, no Maps, no Infinity) that the UI renders without computing any Airflow
// rule. A view never changes the simulation, so asking for one cannot change a replay.
import { architecture } from './architecture.ts';
import { dagList } from './dagList.ts';
import { gantt } from './gantt.ts';
import { graph } from './graph.ts';
import { grid } from './grid.ts';
import { intervalTimeline } from './intervalTimeline.ts';
import { metastoreTable, metastoreTables } from './metastoreTables.ts';
import { taskInstanceDetail } from './taskInstance.ts';
import { timelineMarkers } from './timelineMarkers.ts';

export { architecture, dagList, gantt, graph, grid, intervalTimeline, metastoreTable, metastoreTables, taskInstanceDetail, timelineMarkers };
export { whyNotRunning } from './why.ts';
export { ViewError, type Iso, type Lang, type RunSummary } from './common.ts';
export type { Blocker, BlockerCode, WhyNotRunning } from './why.ts';

/** Every view by name, for callers that pick one at run time (the worker's session). */
export const VIEWS = {
  dagList,
  grid,
  graph,
  gantt,
  intervalTimeline,
  taskInstanceDetail,
  architecture,
  metastoreTables,
  metastoreTable,
  timelineMarkers,
} as const;

export type ViewName = keyof typeof VIEWS;
