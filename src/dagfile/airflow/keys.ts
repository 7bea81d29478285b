// dag_id / task_id / group_id rules: airflow/utils/helpers.py validate_key (2.10),
// task-sdk definitions/_internal/node.py validate_key (3.x). Python's \w is Unicode-aware.

import { PyException } from '../errors.ts';
import type { Profile } from '../spec.ts';

const KEY = /^[\p{L}\p{N}_.-]+$/u;
const GROUP_KEY = /^[\p{L}\p{N}_-]+$/u;

export function validateKey(k: string, at: number, profile: Profile, what: string): void {
  const type = profile === '2' ? 'AirflowException' : 'ValueError';
  if (k.length > 250) {
    const msg = profile === '2' ? 'The key has to be less than 250 characters' : `The key has to be less than 250 characters, not ${k.length}`;
    throw new PyException(type, msg, `This ${what} is ${k.length} characters long; Airflow allows at most 250.`, at);
  }
  if (!KEY.test(k)) {
    const msg =
      profile === '2'
        ? `The key '${k}' has to be made of alphanumeric characters, dashes, dots and underscores exclusively`
        : `The key '${k}' has to be made of alphanumeric characters, dashes, dots, and underscores exclusively`;
    throw new PyException(type, msg, `A ${what} may contain only letters, digits, "_", "-" and "." (no spaces).`, at);
  }
}

export function validateGroupKey(k: string, at: number, profile: Profile): void {
  const type = profile === '2' ? 'AirflowException' : 'ValueError';
  if (k.length > 200) throw new PyException(type, profile === '2' ? 'The key has to be less than 200 characters' : `The key has to be less than 200 characters, not ${k.length}`, null, at);
  if (!GROUP_KEY.test(k)) {
    throw new PyException(
      type,
      `The key '${k}' has to be made of alphanumeric characters, dashes${profile === '2' ? '' : ','} and underscores exclusively`,
      'A TaskGroup id is used as a prefix of task ids ("group.task"), so it may not contain dots or spaces.',
      at,
    );
  }
}
