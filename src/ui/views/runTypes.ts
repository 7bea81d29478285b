// The mark each run type carries beside its state (Airflow's grid marks manual and backfill
// runs with icons; these are DejaVu Sans glyphs, not emoji). Scheduled runs carry none.
export const RUN_TYPE_GLYPH: Record<string, string> = {
  manual: '▷',
  backfill: '⇤',
  dataset_triggered: '◆',
  asset_triggered: '◆',
  asset_materialization: '◆',
};
