// `airflow config get-value` (config_command.get_value: prints conf.get(section, option),
// nothing when the option is unknown) and `airflow version`.
import { AIRFLOW_VERSION } from '../spec/index.ts';
import { str, type Handler } from './common.ts';

export const configGetValue: Handler = (ctx, cmd, out) => {
  const section = str(cmd, 'section')!.toLowerCase();
  const option = str(cmd, 'option')!.toLowerCase();
  if (section === 'sim') return; // the simulator's own keys are not airflow.cfg options
  const v = ctx.config[`${section}.${option}`];
  if (v === undefined) return;
  out.print(typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
};

export const version: Handler = (ctx, _cmd, out) => {
  out.print(AIRFLOW_VERSION[ctx.profile]);
};
